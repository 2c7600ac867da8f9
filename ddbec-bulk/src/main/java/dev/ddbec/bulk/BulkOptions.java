package dev.ddbec.bulk;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.observe.DdbecObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a bulk run scans and writes: segments, checkpoint, capacity budget, dry run, listener.
 *
 * <pre>{@code
 * BulkOptions options = BulkOptions.builder()
 *     .totalSegments(4)
 *     .checkpointFile(Path.of("books.checkpoint"))
 *     .maxReadRate(200)
 *     .maxWriteRate(100)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BulkOptions {
  private final int totalSegments;
  private final int pageSize;
  private final Path checkpointFile;
  private final double maxReadRate;
  private final double maxWriteRate;
  private final RateUnit rateUnit;
  private final boolean dryRun;
  private final BulkListener listener;
  private final Duration progressInterval;
  private final int maxConflictRetries;
  private final DdbecObserver observer;

  private BulkOptions(Builder b) {
    this.totalSegments = b.totalSegments;
    this.pageSize = b.pageSize;
    this.checkpointFile = b.checkpointFile;
    this.maxReadRate = b.maxReadRate;
    this.maxWriteRate = b.maxWriteRate;
    this.rateUnit = b.rateUnit;
    this.dryRun = b.dryRun;
    this.listener = b.listener;
    this.progressInterval = b.progressInterval;
    this.maxConflictRetries = b.maxConflictRetries;
    this.observer = b.observer;
  }

  /**
   * A builder with the defaults: 4 segments, pages (and checkpoints) of 100 items, no checkpoint
   * file, no rate limit, progress every second, 10 retries per conflicting item.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults.
   *
   * @return the default options
   */
  public static BulkOptions defaults() {
    return builder().build();
  }

  /**
   * Parallel-scan segments, one worker thread each.
   *
   * @return the number of segments
   */
  public int totalSegments() {
    return totalSegments;
  }

  /**
   * Items per scan page; a segment's checkpoint is taken after each page.
   *
   * @return the page size
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * The checkpoint file, if any.
   *
   * @return the file
   */
  public Optional<Path> checkpointFile() {
    return Optional.ofNullable(checkpointFile);
  }

  /**
   * Maximum read rate over all segments, per second, in {@link #rateUnit()}; 0 for no limit.
   *
   * @return the rate
   */
  public double maxReadRate() {
    return maxReadRate;
  }

  /**
   * Maximum write rate over all segments, in write capacity units per second where DynamoDB reports
   * consumed capacity, items per second otherwise; 0 for no limit.
   *
   * @return the rate
   */
  public double maxWriteRate() {
    return maxWriteRate;
  }

  /**
   * What the rate limits count.
   *
   * @return the unit ({@link RateUnit#CAPACITY_UNITS} by default)
   */
  public RateUnit rateUnit() {
    return rateUnit;
  }

  /**
   * Whether to write nothing (count what would be rewritten).
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * The listener.
   *
   * @return the listener ({@link BulkListener#NONE} by default)
   */
  public BulkListener listener() {
    return listener;
  }

  /**
   * Time between progress reports.
   *
   * @return the interval
   */
  public Duration progressInterval() {
    return progressInterval;
  }

  /**
   * How often one item is re-read and retried after a conflicting concurrent write.
   *
   * @return the retries
   */
  public int maxConflictRetries() {
    return maxConflictRetries;
  }

  /**
   * What the progress reports also go to (the counts, per operation and table).
   *
   * @return the observer ({@link DdbecObserver#NOOP} by default)
   */
  public DdbecObserver observer() {
    return observer;
  }

  /** Builder of {@link BulkOptions}. */
  public static final class Builder {
    private int totalSegments = 4;
    private int pageSize = 100;
    private Path checkpointFile;
    private double maxReadRate;
    private double maxWriteRate;
    private RateUnit rateUnit = RateUnit.CAPACITY_UNITS;
    private boolean dryRun;
    private BulkListener listener = BulkListener.NONE;
    private Duration progressInterval = Duration.ofSeconds(1);
    private int maxConflictRetries = 10;
    private DdbecObserver observer = DdbecObserver.NOOP;

    private Builder() {}

    /**
     * Parallel-scan segments (1 to 1,000,000), one worker thread each.
     *
     * @param n the number of segments
     * @return this builder
     */
    public Builder totalSegments(int n) {
      if (n < 1 || n > 1_000_000) {
        throw new InvalidConfigurationException("totalSegments must be 1 to 1000000, got " + n);
      }
      this.totalSegments = n;
      return this;
    }

    /**
     * Items per scan page (1 to 10,000): a segment writes its checkpoint after each page, and a
     * stop request lets the page in progress finish.
     *
     * @param n the page size
     * @return this builder
     */
    public Builder pageSize(int n) {
      if (n < 1 || n > 10_000) {
        throw new InvalidConfigurationException("pageSize must be 1 to 10000, got " + n);
      }
      this.pageSize = n;
      return this;
    }

    /**
     * A checkpoint file: read at the start if it exists (the run resumes where it stopped), and
     * replaced atomically after every page of every segment.
     *
     * @param file the file, or null for none
     * @return this builder
     */
    public Builder checkpointFile(Path file) {
      this.checkpointFile = file;
      return this;
    }

    /**
     * Maximum read rate ({@link BulkOptions#maxReadRate()}); 0 for no limit.
     *
     * @param unitsPerSecond the rate
     * @return this builder
     */
    public Builder maxReadRate(double unitsPerSecond) {
      this.maxReadRate = rate(unitsPerSecond, "maxReadRate");
      return this;
    }

    /**
     * Maximum write rate ({@link BulkOptions#maxWriteRate()}); 0 for no limit.
     *
     * @param unitsPerSecond the rate
     * @return this builder
     */
    public Builder maxWriteRate(double unitsPerSecond) {
      this.maxWriteRate = rate(unitsPerSecond, "maxWriteRate");
      return this;
    }

    /**
     * What the rate limits count.
     *
     * @param unit capacity units (the default) or items
     * @return this builder
     */
    public Builder rateUnit(RateUnit unit) {
      this.rateUnit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /**
     * Write nothing; count what would be rewritten.
     *
     * @param dryRun true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * The listener for progress and findings.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(BulkListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Reports the counts of every progress report to {@code observer} as well (e.g.
     * ddbec-micrometer's {@code ddbec.bulk.items}); default none.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(DdbecObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Time between progress reports.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder progressInterval(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new InvalidConfigurationException("progressInterval must be positive");
      }
      this.progressInterval = interval;
      return this;
    }

    /**
     * How often one item is re-read and retried after a conflicting concurrent write.
     *
     * @param retries 0 or more
     * @return this builder
     */
    public Builder maxConflictRetries(int retries) {
      if (retries < 0) {
        throw new InvalidConfigurationException("maxConflictRetries must not be negative");
      }
      this.maxConflictRetries = retries;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public BulkOptions build() {
      return new BulkOptions(this);
    }

    private static double rate(double r, String name) {
      if (!(r >= 0) || Double.isInfinite(r)) {
        throw new InvalidConfigurationException(name + " must be 0 (no limit) or positive");
      }
      return r;
    }
  }
}
