package dev.ddbec.cli.options;

import dev.ddbec.bulk.BulkOptions;
import picocli.CommandLine.Option;

/**
 * The options of the whole-table commands that write ({@code reencrypt}, {@code protect}) besides
 * their target ({@link TargetProtectionOptions}): {@code --max-write-rate} and {@code --dry-run}.
 */
public final class WriteOptions {
  @Option(
      names = "--max-write-rate",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Write capacity units (items where not reported) per second, over all segments; 0: no"
              + " limit.")
  private double maxWriteRate;

  @Option(names = "--dry-run", description = "Write nothing; count what would be rewritten.")
  private boolean dryRun;

  /** Options not yet parsed; picocli sets them from the command line. */
  public WriteOptions() {}

  /**
   * Sets {@code --max-write-rate} and {@code --dry-run} on bulk options.
   *
   * @param options the bulk options
   * @return {@code options}
   * @throws dev.ddbec.api.InvalidConfigurationException if the rate is negative
   */
  public BulkOptions.Builder applyTo(BulkOptions.Builder options) {
    return options.maxWriteRate(maxWriteRate).dryRun(dryRun);
  }
}
