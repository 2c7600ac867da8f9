package dev.ddbec.core.client;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.internal.BatchWriteBuffer;
import dev.ddbec.core.internal.TableNames;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings {@link BatchWriter} and {@link AsyncBatchWriter} share. Not thread-safe.
 *
 * @param <B> the builder's own type
 */
public abstract class BatchWriterBuilder<B extends BatchWriterBuilder<B>> {
  /** Default for {@link #maxAttempts(int)}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  /** Default for {@link #baseDelay(Duration)}. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(50);

  /** Default for {@link #maxDelay(Duration)}. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);

  private String tableName;
  private List<String> overwriteByKeys = List.of();
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private Duration baseDelay = DEFAULT_BASE_DELAY;
  private Duration maxDelay = DEFAULT_MAX_DELAY;

  BatchWriterBuilder() {}

  /**
   * Sets the table written to. Required.
   *
   * @param tableName the table name or ARN
   * @return this builder
   */
  public B tableName(String tableName) {
    if (tableName == null || tableName.isEmpty()) {
      throw new InvalidConfigurationException("The batch writer needs a table name");
    }
    this.tableName = tableName;
    return self();
  }

  /**
   * Deduplicates buffered requests by these key attributes: a put or delete replaces a buffered
   * request for the same key, so that a batch never names one item twice (which DynamoDB refuses).
   * The official Python client's {@code batch_writer(overwrite_by_pkeys=[...])}. Default: no
   * deduplication, as there.
   *
   * @param keyNames the partition key name, then the sort key name if the table has one
   * @return this builder
   */
  public B overwriteByKeys(String... keyNames) {
    List<String> names = List.of(keyNames);
    if (names.isEmpty() || names.size() > 2) {
      throw new InvalidConfigurationException(
          "overwriteByKeys takes the partition key name and, if the table has one, the sort key"
              + " name");
    }
    this.overwriteByKeys = names;
    return self();
  }

  /**
   * Sets how many times one batch is sent at most while DynamoDB leaves requests of it unprocessed;
   * default {@value #DEFAULT_MAX_ATTEMPTS}. The requests still unprocessed then are handed back in
   * a {@link BatchWriteException}.
   *
   * @param attempts at least 1
   * @return this builder
   */
  public B maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new InvalidConfigurationException("maxAttempts must be at least 1");
    }
    this.maxAttempts = attempts;
    return self();
  }

  /**
   * Sets the bound of the delay before the first retry of unprocessed requests, doubled for each
   * further retry (exponential backoff; the delay is uniformly random below the bound, "full
   * jitter"); default 50 ms.
   *
   * @param delay positive
   * @return this builder
   */
  public B baseDelay(Duration delay) {
    this.baseDelay = positive(delay, "baseDelay");
    return self();
  }

  /**
   * Sets the largest bound of a retry delay; default 5 s.
   *
   * @param delay positive
   * @return this builder
   */
  public B maxDelay(Duration delay) {
    this.maxDelay = positive(delay, "maxDelay");
    return self();
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new InvalidConfigurationException(what + " must be positive");
    }
    return d;
  }

  BatchWriteBuffer buffer() {
    if (tableName == null) {
      throw new InvalidConfigurationException("The batch writer needs a table name");
    }
    return new BatchWriteBuffer(
        TableNames.fromNameOrArn(tableName), overwriteByKeys, maxAttempts, baseDelay, maxDelay);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
