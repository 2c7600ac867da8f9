package dev.ddbec.spark.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One checkpoint file per segment under the job's checkpoint directory, on any Hadoop file system
 * the executors reach (a local or shared directory, HDFS, S3 on EMR and Glue). Written to a
 * temporary file and renamed; a reader that finds only the temporary file (the writer stopped
 * between delete and rename) reads that.
 */
public final class SegmentCheckpoints {
  private final String directory;

  public SegmentCheckpoints(String directory) {
    this.directory = directory;
  }

  private Path file(int segment, int totalSegments) {
    return new Path(directory, "segment-" + segment + "-of-" + totalSegments + ".checkpoint");
  }

  /** The segment's checkpoint text, or null if it has none yet. */
  public String read(int segment, int totalSegments) {
    Path f = file(segment, totalSegments);
    Path tmp = f.suffix(".tmp");
    try {
      FileSystem fs = f.getFileSystem(new Configuration());
      for (Path p : new Path[] {f, tmp}) {
        if (fs.exists(p)) {
          try (InputStream in = fs.open(p)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
          }
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + f, e);
    }
  }

  /** Replaces the segment's checkpoint. */
  public void write(int segment, int totalSegments, String text) {
    Path f = file(segment, totalSegments);
    Path tmp = f.suffix(".tmp");
    try {
      FileSystem fs = f.getFileSystem(new Configuration());
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(f, false);
      if (!fs.rename(tmp, f)) {
        throw new IOException("rename failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + f, e);
    }
  }
}
