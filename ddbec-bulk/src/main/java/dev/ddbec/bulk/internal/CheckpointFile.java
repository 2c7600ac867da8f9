package dev.ddbec.bulk.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.SegmentCheckpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run's checkpoint file (Java properties): the operation, table and segment count it belongs to,
 * and per segment whether it is done, its counts and its last evaluated key. Written to a temporary
 * file in the same directory and moved over the old one atomically.
 */
public final class CheckpointFile {
  private CheckpointFile() {}

  /** Reads the checkpoint, or returns null when the file does not exist. */
  public static SegmentCheckpoint[] load(
      Path file, String operation, String table, int totalSegments) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
    }
    return decode(text, operation, table, totalSegments, file.toString());
  }

  /**
   * Parses checkpoint text; segments it does not mention are at their start.
   *
   * @param source what the text was read from, for messages
   */
  public static SegmentCheckpoint[] decode(
      String text, String operation, String table, int totalSegments, String source) {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + source, e);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("The checkpoint " + source + " is malformed", e);
    }
    check(p, "operation", operation, source);
    check(p, "table", table, source);
    check(p, "totalSegments", Integer.toString(totalSegments), source);
    SegmentCheckpoint[] out = new SegmentCheckpoint[totalSegments];
    try {
      for (int s = 0; s < totalSegments; s++) {
        String prefix = "segment." + s + ".";
        String counts = p.getProperty(prefix + "counts");
        if (counts == null) {
          out[s] = SegmentCheckpoint.start(s, totalSegments);
          continue;
        }
        long[] v = Arrays.stream(counts.split(",")).mapToLong(Long::parseLong).toArray();
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
          if (name.startsWith(prefix + "key.")) {
            key.put(
                name.substring((prefix + "key.").length()), KeyCodec.decode(p.getProperty(name)));
          }
        }
        boolean done = Boolean.parseBoolean(p.getProperty(prefix + "done"));
        out[s] = new SegmentCheckpoint(s, totalSegments, key, BulkCounts.fromArray(v), done);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("The checkpoint " + source + " is malformed", e);
    }
    return out;
  }

  private static void check(Properties p, String name, String expected, String source) {
    String actual = p.getProperty(name);
    if (!expected.equals(actual)) {
      throw new InvalidConfigurationException(
          "The checkpoint "
              + source
              + " belongs to another run ("
              + name
              + " "
              + actual
              + ", expected "
              + expected
              + "): delete it or choose another file");
    }
  }

  /** Writes the checkpoint atomically. */
  public static void save(Path file, String operation, String table, SegmentCheckpoint[] segments) {
    String text = encode(operation, table, segments);
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
    }
  }

  /**
   * The checkpoint text of some segments of one run (all of them, or one for a distributed job that
   * keeps one checkpoint per segment).
   */
  public static String encode(String operation, String table, SegmentCheckpoint... segments) {
    Properties p = new Properties();
    p.setProperty("operation", operation);
    p.setProperty("table", table);
    p.setProperty("totalSegments", Integer.toString(segments[0].totalSegments()));
    for (SegmentCheckpoint c : segments) {
      String prefix = "segment." + c.segment() + ".";
      p.setProperty(prefix + "done", Boolean.toString(c.done()));
      StringBuilder counts = new StringBuilder();
      for (long v : c.counts().toArray()) {
        counts.append(counts.length() == 0 ? "" : ",").append(v);
      }
      p.setProperty(prefix + "counts", counts.toString());
      for (Map.Entry<String, AttributeValue> e : c.lastEvaluatedKey().entrySet()) {
        p.setProperty(prefix + "key." + e.getKey(), KeyCodec.encode(e.getValue()));
      }
    }
    StringWriter w = new StringWriter();
    try {
      p.store(w, "ddbec bulk checkpoint; delete it to start over");
    } catch (IOException e) { // a StringWriter does not fail
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
