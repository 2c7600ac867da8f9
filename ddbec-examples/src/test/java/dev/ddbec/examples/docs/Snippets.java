package dev.ddbec.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snippet mechanism: named regions of the examples' sources, and the fenced code blocks of the
 * Markdown docs that show them.
 *
 * <p>In a source file (Java, properties, XML, any text), a region starts at a line that holds only
 * a comment saying {@code snippet:NAME} ({@code // snippet:NAME}, {@code # snippet:NAME}, {@code
 * <!-- snippet:NAME -->}) and ends at the next such line saying {@code end-snippet}. Regions may
 * nest; marker lines never appear in a snippet, and a snippet's common indentation is removed.
 *
 * <p>In Markdown, the line {@code <!-- snippet:NAME -->} right before a fenced code block says that
 * the block shows region NAME, exactly.
 */
public final class Snippets {
  private static final Pattern START =
      Pattern.compile("^\\s*(?://|#|<!--)\\s*snippet:([A-Za-z0-9._-]+)\\s*(?:-->)?\\s*$");
  private static final Pattern END =
      Pattern.compile("^\\s*(?://|#|<!--)\\s*end-snippet\\s*(?:-->)?\\s*$");
  private static final Pattern DOC_MARKER =
      Pattern.compile("^\\s*<!--\\s*snippet:([A-Za-z0-9._-]+)\\s*-->\\s*$");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+)\\s*([A-Za-z0-9_+-]*)\\s*$");

  private Snippets() {}

  /** A region of a source file. */
  public record Region(String name, Path file, int line, String text) {}

  /** A fenced code block of a Markdown file. */
  public record Block(
      Path file,
      int fenceLine,
      String language,
      String snippet,
      String text,
      int firstContentLine,
      int lastContentLine,
      String indent) {}

  /**
   * Every region under these roots (directories are walked; files are read as they are).
   *
   * @param roots files and directories
   * @return regions by name
   * @throws IllegalStateException when a name is defined twice or a region is not closed
   */
  public static Map<String, Region> regions(List<Path> roots) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path root : roots) {
      List<Path> files;
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files = List.of(root);
      }
      for (Path file : files) {
        for (Region r : regionsOf(file)) {
          Region previous = regions.put(r.name(), r);
          if (previous != null) {
            throw new IllegalStateException(
                "snippet '"
                    + r.name()
                    + "' is defined twice: "
                    + previous.file()
                    + ":"
                    + previous.line()
                    + " and "
                    + file
                    + ":"
                    + r.line());
          }
        }
      }
    }
    return regions;
  }

  static List<Region> regionsOf(Path file) {
    List<String> lines = readLines(file);
    List<Region> out = new ArrayList<>();
    record Open(String name, int line, List<String> body) {}
    List<Open> open = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher start = START.matcher(line);
      if (start.matches()) {
        open.add(new Open(start.group(1), i + 1, new ArrayList<>()));
        continue;
      }
      if (END.matcher(line).matches()) {
        if (open.isEmpty()) {
          throw new IllegalStateException(file + ":" + (i + 1) + ": end-snippet without a start");
        }
        Open o = open.remove(open.size() - 1);
        out.add(new Region(o.name(), file, o.line(), dedent(o.body())));
        continue;
      }
      for (Open o : open) {
        o.body().add(line);
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalStateException(
          file + ":" + open.get(0).line() + ": snippet '" + open.get(0).name() + "' not closed");
    }
    return out;
  }

  /**
   * The fenced code blocks of a Markdown file, with the snippet each one claims to show.
   *
   * @param file a Markdown file
   * @return its blocks, in order
   */
  public static List<Block> blocks(Path file) {
    List<String> lines = readLines(file);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).trim().equals(fence)) {
        end++;
      }
      if (end >= lines.size()) {
        throw new IllegalStateException(file + ":" + (i + 1) + ": code block not closed");
      }
      String snippet = null;
      if (i > 0) {
        Matcher marker = DOC_MARKER.matcher(lines.get(i - 1));
        if (marker.matches()) {
          snippet = marker.group(1);
        }
      }
      List<String> body = new ArrayList<>();
      for (int k = i + 1; k < end; k++) {
        String l = lines.get(k);
        body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
      }
      blocks.add(new Block(file, i + 1, open.group(3), snippet, join(body), i + 2, end, indent));
      i = end;
    }
    return blocks;
  }

  /**
   * Replaces the content of blocks with the given texts.
   *
   * @param file the Markdown file
   * @param replacements block (from {@link #blocks}) to new text
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void rewrite(Path file, Map<Block, String> replacements) {
    List<String> lines = new ArrayList<>(readLines(file));
    List<Map.Entry<Block, String>> byLine = new ArrayList<>(replacements.entrySet());
    byLine.sort((a, b) -> Integer.compare(b.getKey().fenceLine(), a.getKey().fenceLine()));
    for (Map.Entry<Block, String> e : byLine) {
      Block b = e.getKey();
      List<String> body = new ArrayList<>();
      for (String l : e.getValue().split("\n", -1)) {
        body.add(l.isEmpty() ? "" : b.indent() + l);
      }
      for (int k = b.lastContentLine(); k >= b.firstContentLine(); k--) {
        lines.remove(k - 1);
      }
      lines.addAll(b.firstContentLine() - 1, body);
    }
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static String dedent(List<String> body) {
    int common = Integer.MAX_VALUE;
    for (String l : body) {
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
          n++;
        }
        common = Math.min(common, n);
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : body) {
      out.add(
          l.isBlank() ? "" : l.substring(common == Integer.MAX_VALUE ? 0 : common).stripTrailing());
    }
    return join(out);
  }

  private static String join(List<String> lines) {
    List<String> trimmed = new ArrayList<>(lines);
    while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isBlank()) {
      trimmed.remove(trimmed.size() - 1);
    }
    while (!trimmed.isEmpty() && trimmed.get(0).isBlank()) {
      trimmed.remove(0);
    }
    return String.join("\n", trimmed);
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
