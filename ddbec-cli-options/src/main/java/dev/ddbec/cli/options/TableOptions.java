package dev.ddbec.cli.options;

import dev.ddbec.bulk.BulkOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every whole-table command but {@code --checkpoint} (a file for {@code ddbec
 * table}, a directory of one file per segment on Spark): {@code --table}, the parallel scan ({@code
 * --segments}, {@code --page-size}), the read budget ({@code --max-read-rate}) and {@code
 * --report}.
 */
public final class TableOptions {
  @Option(names = "--table", required = true, description = "The table.")
  private String table;

  @Option(
      names = "--segments",
      defaultValue = "4",
      description = "Parallel-scan segments, one worker each (default: ${DEFAULT-VALUE}).")
  private int segments;

  @Option(
      names = "--page-size",
      defaultValue = "100",
      description =
          "Items per scan page; each segment's checkpoint is written after every page (default:"
              + " ${DEFAULT-VALUE}).")
  private int pageSize;

  @Option(
      names = "--max-read-rate",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Read capacity units (items where not reported) per second, over all segments; 0: no"
              + " limit.")
  private double maxReadRate;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write one JSON line per item that is not OK: its key and class.")
  private Path report;

  /** Options not yet parsed; picocli sets them from the command line. */
  public TableOptions() {}

  /**
   * The {@code --table}.
   *
   * @return the table name
   */
  public String table() {
    return table;
  }

  /**
   * The {@code --report} file.
   *
   * @return the file; null for no report
   */
  public Path report() {
    return report;
  }

  /**
   * Bulk options with {@code --segments}, {@code --page-size} and {@code --max-read-rate}.
   *
   * @return a new builder, for the caller to add the rest
   * @throws dev.ddbec.api.InvalidConfigurationException if a value is out of range
   */
  public BulkOptions.Builder bulkOptions() {
    return BulkOptions.builder()
        .totalSegments(segments)
        .pageSize(pageSize)
        .maxReadRate(maxReadRate);
  }
}
