package dev.ddbec.bulk;

import dev.ddbec.bulk.internal.Budget;
import dev.ddbec.bulk.internal.Engine;
import dev.ddbec.bulk.internal.ItemHandler;
import dev.ddbec.bulk.internal.TableInfo;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A job over every item of one table, one worker per parallel-scan segment: {@link TableVerifier}
 * or {@link TableRewriter}. It runs the whole table ({@link #run()}), or one segment of a
 * distributed job ({@link #runSegment}). The key schema comes from {@code DescribeTable} when the
 * job is built. Immutable and thread-safe; a job may be run more than once.
 */
public abstract sealed class TableJob permits TableVerifier, TableRewriter {
  /** The client the job reads (and a rewriter writes) stored items with. */
  final DynamoDbClient ddb;

  /** The table: name, key schema and estimated size. */
  final TableInfo table;

  /** Segments, checkpoint, rate limits, dry run, listener. */
  final BulkOptions options;

  private final String operation;

  TableJob(Builder<?> b, String operation) {
    this.ddb = Objects.requireNonNull(b.ddb, "dynamoDbClient");
    this.options = b.options;
    this.table = TableInfo.describe(ddb, Objects.requireNonNull(b.tableName, "tableName"));
    this.operation = operation;
  }

  /**
   * Runs over the whole table (resuming from the checkpoint file, if one is configured and exists).
   *
   * @return the result
   */
  public BulkResult run() {
    return run(() -> false);
  }

  /**
   * Runs over the whole table until done or until {@code stopRequested} returns true; each segment
   * then finishes its page and the checkpoint is written.
   *
   * @param stopRequested polled between pages
   * @return the result; {@link BulkResult#complete()} is false when stopped
   */
  public BulkResult run(BooleanSupplier stopRequested) {
    return engine().run(stopRequested);
  }

  /**
   * Runs one segment from a checkpoint: the per-segment core, for running segments as tasks of a
   * distributed job. The rate limits of the options apply to this segment alone.
   *
   * @param from where the segment stands ({@link SegmentCheckpoint#start})
   * @param stopRequested polled between pages
   * @param onCheckpoint receives the checkpoint after every page
   * @return the segment's last checkpoint
   */
  public SegmentCheckpoint runSegment(
      SegmentCheckpoint from,
      BooleanSupplier stopRequested,
      Consumer<SegmentCheckpoint> onCheckpoint) {
    return engine().runSegment(from, stopRequested, onCheckpoint);
  }

  /**
   * One segment's checkpoint as text, in the checkpoint file format of this job's operation and
   * table: for distributed jobs that keep one checkpoint per segment in their own storage.
   *
   * @param checkpoint the segment's checkpoint
   * @return the text (Java properties)
   */
  public String encodeCheckpoint(SegmentCheckpoint checkpoint) {
    return engine().encodeCheckpoint(checkpoint);
  }

  /**
   * Reads one segment's checkpoint from text written by {@link #encodeCheckpoint}.
   *
   * @param text the text
   * @param segment the segment (0-based, below the options' total segments)
   * @param source where the text was read from, for messages
   * @return the checkpoint
   * @throws dev.ddbec.api.InvalidConfigurationException if the text is malformed or belongs to
   *     another operation, table or number of segments
   */
  public SegmentCheckpoint decodeCheckpoint(String text, int segment, String source) {
    return engine().decodeCheckpoint(text, segment, source);
  }

  /** What the job does with each scanned item, spending from the run's capacity budget. */
  abstract ItemHandler handler(Budget budget);

  private Engine engine() {
    Budget budget = new Budget(options.maxReadRate(), options.maxWriteRate(), options.rateUnit());
    return new Engine(
        ddb,
        table.tableName(),
        operation,
        options,
        budget,
        handler(budget),
        table.estimatedItemCount());
  }

  /**
   * The settings every table job has: client, table and options. Not thread-safe.
   *
   * @param <B> the builder's own type
   */
  public abstract static sealed class Builder<B extends Builder<B>>
      permits TableVerifier.Builder, TableRewriter.Builder {
    private DynamoDbClient ddb;
    private String tableName;
    private BulkOptions options = BulkOptions.defaults();

    Builder() {}

    /**
     * The DynamoDB client (a plain one: the job reads, and a rewriter writes, stored items as they
     * are).
     *
     * @param ddb the client
     * @return this builder
     */
    public B dynamoDbClient(DynamoDbClient ddb) {
      this.ddb = ddb;
      return self();
    }

    /**
     * The table.
     *
     * @param tableName the table name
     * @return this builder
     */
    public B tableName(String tableName) {
      this.tableName = tableName;
      return self();
    }

    /**
     * Segments, checkpoint, rate limits, dry run (rewriter), listener.
     *
     * @param options the options
     * @return this builder
     */
    public B options(BulkOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return self();
    }

    /** This builder, as its own type (B is always the subclass itself). */
    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this;
    }
  }
}
