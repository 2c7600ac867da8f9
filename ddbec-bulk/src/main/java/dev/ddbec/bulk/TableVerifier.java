package dev.ddbec.bulk;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.internal.Budget;
import dev.ddbec.bulk.internal.Engine;
import dev.ddbec.bulk.internal.Protection;
import dev.ddbec.bulk.internal.TableInfo;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads every item of a table with a parallel scan (one worker per segment) and classifies it under
 * one configuration: {@link ItemClass#OK}, {@link ItemClass#TAMPERED}, {@link ItemClass#PLAINTEXT},
 * {@link ItemClass#UNREADABLE} or {@link ItemClass#MALFORMED}. The result holds the counts and the
 * keys of the items that are not OK, never any other value.
 *
 * <pre>{@code
 * BulkResult result = TableVerifier.builder()
 *     .dynamoDbClient(ddb)
 *     .tableName("Books")
 *     .protection(ItemProtection.of(provider, actions))
 *     .options(BulkOptions.builder().totalSegments(8).build())
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>The key schema comes from {@code DescribeTable} when the verifier is built. Immutable and
 * thread-safe; {@link #run()} may be called more than once.
 */
public final class TableVerifier {
  static final String OPERATION = "verify";

  private final DynamoDbClient ddb;
  private final TableInfo table;
  private final Protection protection;
  private final BulkOptions options;

  private TableVerifier(Builder b) {
    this.ddb = Objects.requireNonNull(b.ddb, "dynamoDbClient");
    this.options = b.options;
    this.table = TableInfo.describe(ddb, Objects.requireNonNull(b.tableName, "tableName"));
    if (b.protection == null || b.protection.isPlaintext()) {
      throw new InvalidConfigurationException(
          "TableVerifier needs the protection (materials provider and actions) to verify with");
    }
    this.protection = Protection.resolve(b.protection, table.tableName(), table.schema());
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the whole table (resuming from the checkpoint file, if one is configured and exists).
   *
   * @return the result
   */
  public BulkResult run() {
    return run(() -> false);
  }

  /**
   * Verifies the whole table until done or until {@code stopRequested} returns true; each segment
   * then finishes its page and the checkpoint is written.
   *
   * @param stopRequested polled between pages
   * @return the result; {@link BulkResult#complete()} is false when stopped
   */
  public BulkResult run(BooleanSupplier stopRequested) {
    return engine().run(stopRequested);
  }

  /**
   * Verifies one segment from a checkpoint: the per-segment core, for running segments as tasks of
   * a distributed job. The rate limits of the options apply to this segment alone.
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
   * One segment's checkpoint as text, in the checkpoint file format of this verifier's operation
   * and table: for distributed jobs that keep one checkpoint per segment in their own storage.
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
   * @throws InvalidConfigurationException if the text is malformed or belongs to another operation,
   *     table or number of segments
   */
  public SegmentCheckpoint decodeCheckpoint(String text, int segment, String source) {
    return engine().decodeCheckpoint(text, segment, source);
  }

  private Engine engine() {
    return new Engine(
        ddb,
        table.tableName(),
        OPERATION,
        options,
        new Budget(options.maxReadRate(), options.maxWriteRate(), options.rateUnit()),
        (item, counters, findings) -> {
          ItemClass c = protection.read(item).itemClass();
          counters.found(c);
          if (c != ItemClass.OK) {
            findings.accept(new Finding(table.keyOf(item), c));
          }
        },
        table.estimatedItemCount());
  }

  /** Builder of {@link TableVerifier}. */
  public static final class Builder {
    private DynamoDbClient ddb;
    private String tableName;
    private ItemProtection protection;
    private BulkOptions options = BulkOptions.defaults();

    private Builder() {}

    /**
     * The DynamoDB client (a plain one: the verifier reads stored items as they are).
     *
     * @param ddb the client
     * @return this builder
     */
    public Builder dynamoDbClient(DynamoDbClient ddb) {
      this.ddb = ddb;
      return this;
    }

    /**
     * The table.
     *
     * @param tableName the table name
     * @return this builder
     */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /**
     * The configuration to verify with.
     *
     * @param protection a provider and actions
     * @return this builder
     */
    public Builder protection(ItemProtection protection) {
      this.protection = protection;
      return this;
    }

    /**
     * Segments, checkpoint, rate limits, listener.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(BulkOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the verifier (calls {@code DescribeTable}).
     *
     * @return the verifier
     * @throws InvalidConfigurationException if the table does not exist or the configuration does
     *     not fit it
     */
    public TableVerifier build() {
      return new TableVerifier(this);
    }
  }
}
