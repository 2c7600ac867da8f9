package dev.ddbec.bulk;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.bulk.internal.Budget;
import dev.ddbec.bulk.internal.Counters;
import dev.ddbec.bulk.internal.Engine;
import dev.ddbec.bulk.internal.Protection;
import dev.ddbec.bulk.internal.TableInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Rewrites every item of a table from a source configuration to a target one: re-encrypts under a
 * new key, provider or attribute actions, or protects a plaintext table ({@link
 * ItemProtection#plaintext()} as the source). One worker per parallel-scan segment.
 *
 * <ul>
 *   <li>An item already readable under the target configuration, and not (or not with the target's
 *       current materials) under the source one, is skipped: a rerun is idempotent.
 *   <li>Every write is conditional on the item being unchanged since it was read: its stored
 *       signature, or for a plaintext item the absence of ddbec attributes and the values of all
 *       its attributes. A concurrent application write is never overwritten: the item is re-read
 *       and retried, and the conflict counted.
 *   <li>With a checkpoint file in the options, a stopped run continues where it stopped.
 * </ul>
 *
 * <pre>{@code
 * BulkResult result = TableRewriter.builder()
 *     .dynamoDbClient(ddb)
 *     .tableName("Books")
 *     .source(ItemProtection.of(oldProvider, actions))
 *     .target(ItemProtection.of(newProvider, actions))
 *     .options(BulkOptions.builder().checkpointFile(Path.of("books.checkpoint")).build())
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>For plaintext items the condition names every attribute of the item, so an attribute a
 * concurrent writer adds without touching the others is not detected: protect a table once its
 * writers write protected items (see the plaintext migration stages in the bulk guide). The key
 * schema comes from {@code DescribeTable} when the rewriter is built. Immutable and thread-safe.
 */
public final class TableRewriter {
  static final String OPERATION = "rewrite";

  private final DynamoDbClient ddb;
  private final TableInfo table;
  private final Protection source;
  private final Protection target;
  private final BulkOptions options;

  private TableRewriter(Builder b) {
    this.ddb = Objects.requireNonNull(b.ddb, "dynamoDbClient");
    this.options = b.options;
    this.table = TableInfo.describe(ddb, Objects.requireNonNull(b.tableName, "tableName"));
    if (b.source == null) {
      throw new InvalidConfigurationException(
          "TableRewriter needs a source protection (ItemProtection.plaintext() for a plaintext"
              + " table)");
    }
    if (b.target == null || b.target.isPlaintext()) {
      throw new InvalidConfigurationException(
          "TableRewriter needs a target protection with a materials provider and actions");
    }
    this.source = Protection.resolve(b.source, table.tableName(), table.schema());
    this.target = Protection.resolve(b.target, table.tableName(), table.schema());
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
   * Rewrites the whole table (resuming from the checkpoint file, if one is configured and exists).
   *
   * @return the result
   */
  public BulkResult run() {
    return run(() -> false);
  }

  /**
   * Rewrites the whole table until done or until {@code stopRequested} returns true; each segment
   * then finishes its page and the checkpoint is written.
   *
   * @param stopRequested polled between pages
   * @return the result; {@link BulkResult#complete()} is false when stopped
   */
  public BulkResult run(BooleanSupplier stopRequested) {
    return engine().run(stopRequested);
  }

  /**
   * Rewrites one segment from a checkpoint: the per-segment core, for running segments as tasks of
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
   * One segment's checkpoint as text, in the checkpoint file format of this rewriter's operation
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
    Budget budget = new Budget(options.maxReadRate(), options.maxWriteRate(), options.rateUnit());
    return new Engine(
        ddb,
        table.tableName(),
        OPERATION,
        options,
        budget,
        (item, counters, findings) -> rewrite(item, counters, findings, budget),
        table.estimatedItemCount());
  }

  private void rewrite(
      Map<String, AttributeValue> scanned,
      Counters counters,
      Consumer<Finding> findings,
      Budget budget) {
    Map<String, AttributeValue> key = table.keyOf(scanned);
    Map<String, AttributeValue> current = scanned;
    for (int attempt = 0; ; attempt++) {
      if (current == null) {
        counters.skipped(); // deleted since it was read: nothing to rewrite
        return;
      }
      Protection.Read underTarget = target.read(current);
      Protection.Read underSource = null;
      if (underTarget.itemClass() == ItemClass.OK) {
        if (source.isPlaintext()) {
          counters.found(ItemClass.OK);
          counters.skipped();
          return;
        }
        underSource = source.read(current);
        if (underSource.itemClass() != ItemClass.OK
            || target.writtenWithCurrentMaterials(current)) {
          counters.found(ItemClass.OK);
          counters.skipped();
          return;
        }
      }
      Map<String, AttributeValue> plaintext;
      ItemClass found;
      if (source.isPlaintext()) {
        found = underTarget.itemClass() == ItemClass.PLAINTEXT ? ItemClass.PLAINTEXT : null;
        plaintext = current;
        if (found == null) {
          fail(counters, findings, key, underTarget.itemClass());
          return;
        }
      } else {
        if (underSource == null) {
          underSource = source.read(current);
        }
        if (underSource.itemClass() != ItemClass.OK) {
          fail(counters, findings, key, underSource.itemClass());
          return;
        }
        found = ItemClass.OK;
        plaintext = underSource.plaintext();
      }
      if (options.dryRun()) {
        counters.found(found);
        counters.rewritten();
        return;
      }
      Map<String, AttributeValue> rewritten;
      try {
        rewritten = target.write(plaintext);
      } catch (InvalidItemException e) {
        // A value the format cannot hold (or a reserved attribute name in a plaintext item).
        fail(counters, findings, key, ItemClass.MALFORMED);
        return;
      }
      try {
        budget.beforeWrite();
        PutItemRequest put = conditionalPut(current, rewritten);
        PutItemResponse response = Budget.throttled(() -> ddb.putItem(put));
        budget.paidWrite(response.consumedCapacity());
        counters.found(found);
        counters.rewritten();
        return;
      } catch (ConditionalCheckFailedException e) {
        counters.conflict();
        if (attempt >= options.maxConflictRetries()) {
          fail(counters, findings, key, ItemClass.CONFLICT);
          return;
        }
        Map<String, AttributeValue> k = key;
        var got =
            Budget.throttled(
                () -> ddb.getItem(r -> r.tableName(table.tableName()).key(k).consistentRead(true)));
        budget.paidRead(null, 1);
        current = got.hasItem() && !got.item().isEmpty() ? got.item() : null;
      }
    }
  }

  private static void fail(
      Counters counters, Consumer<Finding> findings, Map<String, AttributeValue> key, ItemClass c) {
    counters.found(c);
    counters.failed();
    findings.accept(new Finding(key, c));
  }

  /** A PutItem that succeeds only if the stored item is still {@code read}. */
  private PutItemRequest conditionalPut(
      Map<String, AttributeValue> read, Map<String, AttributeValue> item) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> terms = new ArrayList<>();
    AttributeValue signature = read.get(ReservedAttributes.SIGNATURE);
    names.put("#s", ReservedAttributes.SIGNATURE);
    if (signature != null) {
      values.put(":s", signature);
      terms.add("#s = :s");
    } else {
      names.put("#d", ReservedAttributes.MATERIAL_DESCRIPTION);
      names.put("#k", table.schema().partitionKeyName());
      terms.add("attribute_exists(#k)");
      terms.add("attribute_not_exists(#s)");
      terms.add("attribute_not_exists(#d)");
      int i = 0;
      for (Map.Entry<String, AttributeValue> e : read.entrySet()) {
        if (table.schema().primaryKeyNames().contains(e.getKey())) {
          continue;
        }
        names.put("#a" + i, e.getKey());
        values.put(":a" + i, e.getValue());
        terms.add("#a" + i + " = :a" + i);
        i++;
      }
    }
    return PutItemRequest.builder()
        .tableName(table.tableName())
        .item(item)
        .conditionExpression(String.join(" AND ", terms))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values.isEmpty() ? null : values)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
  }

  /** Builder of {@link TableRewriter}. */
  public static final class Builder {
    private DynamoDbClient ddb;
    private String tableName;
    private ItemProtection source;
    private ItemProtection target;
    private BulkOptions options = BulkOptions.defaults();

    private Builder() {}

    /**
     * The DynamoDB client (a plain one: the rewriter reads and writes stored items as they are).
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
     * How the items are protected now ({@link ItemProtection#plaintext()} for a plaintext table).
     *
     * @param source the source protection
     * @return this builder
     */
    public Builder source(ItemProtection source) {
      this.source = source;
      return this;
    }

    /**
     * How the items are to be protected.
     *
     * @param target the target protection (not plaintext)
     * @return this builder
     */
    public Builder target(ItemProtection target) {
      this.target = target;
      return this;
    }

    /**
     * Segments, checkpoint, rate limits, dry run, listener.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(BulkOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the rewriter (calls {@code DescribeTable}).
     *
     * @return the rewriter
     * @throws InvalidConfigurationException if the table does not exist or a configuration does not
     *     fit it
     */
    public TableRewriter build() {
      return new TableRewriter(this);
    }
  }
}
