package dev.ddbec.bulk.internal;

import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.SegmentCheckpoint;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The per-segment core: scans one segment page by page from a checkpoint, hands every item to the
 * handler, and reports a checkpoint after each page. Everything it uses is passed in; nothing is
 * shared with other segments but the budget and the handler, so one segment can run unchanged as
 * one task of a distributed job.
 */
public final class SegmentScanner {
  private final DynamoDbClient ddb;
  private final String table;
  private final int pageSize;
  private final Budget budget;
  private final ItemHandler handler;

  public SegmentScanner(
      DynamoDbClient ddb, String table, int pageSize, Budget budget, ItemHandler handler) {
    this.ddb = ddb;
    this.table = table;
    this.pageSize = pageSize;
    this.budget = budget;
    this.handler = handler;
  }

  /**
   * Runs the segment until it is done or {@code stop} says so (checked between pages: the page in
   * progress finishes, so the last checkpoint matches the counts).
   */
  public SegmentCheckpoint run(
      SegmentCheckpoint from,
      Counters counters,
      BooleanSupplier stop,
      Consumer<Finding> findings,
      Consumer<SegmentCheckpoint> onCheckpoint) {
    SegmentCheckpoint current = from;
    Map<String, AttributeValue> startKey = from.lastEvaluatedKey();
    while (!current.done() && !stop.getAsBoolean()) {
      ScanRequest.Builder request =
          ScanRequest.builder()
              .tableName(table)
              .segment(from.segment())
              .totalSegments(from.totalSegments())
              .limit(pageSize)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
      if (!startKey.isEmpty()) {
        request.exclusiveStartKey(startKey);
      }
      ScanRequest r = request.build();
      ScanResponse page = Budget.throttled(() -> ddb.scan(r));
      budget.paidRead(page.consumedCapacity(), page.count() == null ? 0 : page.count());
      for (Map<String, AttributeValue> item : page.items()) {
        counters.scanned();
        handler.handle(item, counters, findings);
      }
      boolean done = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
      startKey = done ? Map.of() : page.lastEvaluatedKey();
      current =
          new SegmentCheckpoint(
              from.segment(), from.totalSegments(), startKey, counters.snapshot(), done);
      onCheckpoint.accept(current);
    }
    return current;
  }
}
