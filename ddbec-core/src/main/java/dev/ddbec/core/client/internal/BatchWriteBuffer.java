package dev.ddbec.core.client.internal;

import dev.ddbec.api.InvalidItemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the synchronous and asynchronous batch writers share: the buffer of one table's put and
 * delete requests (deduplicated by key when asked, as the official Python client's {@code
 * batch_writer(overwrite_by_pkeys=...)} does), the batches of 25 taken from it, and the retry
 * delays (exponential backoff with full jitter). Not thread-safe: the writers synchronize.
 */
public final class BatchWriteBuffer {
  /** DynamoDB's limit of requests in one BatchWriteItem. */
  public static final int BATCH_SIZE = 25;

  private final String tableName;
  private final List<String> overwriteByKeys;
  private final int maxAttempts;
  private final long baseDelayMillis;
  private final long maxDelayMillis;
  private final LinkedHashMap<Object, WriteRequest> buffer = new LinkedHashMap<>();
  private long sequence;

  /**
   * A buffer.
   *
   * @param tableName the table written to
   * @param overwriteByKeys key attribute names; a request replaces a buffered one with the same
   *     values of these (empty: no deduplication)
   * @param maxAttempts how many times one batch is sent at most
   * @param baseDelay the delay before the first retry, doubled for each further one
   * @param maxDelay the longest delay
   */
  public BatchWriteBuffer(
      String tableName,
      List<String> overwriteByKeys,
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay) {
    this.tableName = tableName;
    this.overwriteByKeys = List.copyOf(overwriteByKeys);
    this.maxAttempts = maxAttempts;
    this.baseDelayMillis = baseDelay.toMillis();
    this.maxDelayMillis = maxDelay.toMillis();
  }

  /** The table written to. */
  public String tableName() {
    return tableName;
  }

  /** How many times one batch is sent at most. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Buffers a put.
   *
   * @param item the item
   * @throws InvalidItemException if the item lacks an {@code overwriteByKeys} attribute
   */
  public void put(Map<String, AttributeValue> item) {
    add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build(), item);
  }

  /**
   * Buffers a delete.
   *
   * @param key the item's primary key
   * @throws InvalidItemException if the key lacks an {@code overwriteByKeys} attribute
   */
  public void delete(Map<String, AttributeValue> key) {
    add(
        WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build(),
        key);
  }

  private void add(WriteRequest request, Map<String, AttributeValue> attributes) {
    Object slot;
    if (overwriteByKeys.isEmpty()) {
      slot = sequence++;
    } else {
      List<AttributeValue> key = new ArrayList<>(overwriteByKeys.size());
      for (String name : overwriteByKeys) {
        AttributeValue v = attributes.get(name);
        if (v == null) {
          throw new InvalidItemException(
              "A request for table "
                  + tableName
                  + " lacks key attribute '"
                  + name
                  + "' named in the batch writer's overwriteByKeys");
        }
        key.add(v);
      }
      slot = key;
      buffer.remove(slot); // the later request wins, and goes to the end
    }
    buffer.put(slot, request);
  }

  /** Whether a whole batch is buffered. */
  public boolean hasFullBatch() {
    return buffer.size() >= BATCH_SIZE;
  }

  /** Whether nothing is buffered. */
  public boolean isEmpty() {
    return buffer.isEmpty();
  }

  /**
   * Takes up to {@link #BATCH_SIZE} requests, oldest first.
   *
   * @return the batch, possibly empty
   */
  public List<WriteRequest> takeBatch() {
    List<WriteRequest> batch = new ArrayList<>(Math.min(BATCH_SIZE, buffer.size()));
    var it = buffer.values().iterator();
    while (it.hasNext() && batch.size() < BATCH_SIZE) {
      batch.add(it.next());
      it.remove();
    }
    return batch;
  }

  /**
   * Takes every buffered request.
   *
   * @return the requests, oldest first
   */
  public List<WriteRequest> drain() {
    List<WriteRequest> all = new ArrayList<>(buffer.values());
    buffer.clear();
    return all;
  }

  /**
   * The request for one batch.
   *
   * @param batch the write requests
   * @return the BatchWriteItem request
   */
  public BatchWriteItemRequest request(List<WriteRequest> batch) {
    return BatchWriteItemRequest.builder().requestItems(Map.of(tableName, batch)).build();
  }

  /**
   * The requests DynamoDB did not process.
   *
   * @param response the BatchWriteItem response
   * @return this table's unprocessed requests, possibly empty
   */
  public List<WriteRequest> unprocessed(BatchWriteItemResponse response) {
    if (!response.hasUnprocessedItems()) {
      return List.of();
    }
    List<WriteRequest> out = new ArrayList<>();
    response.unprocessedItems().values().forEach(out::addAll);
    return out;
  }

  /**
   * The delay before sending unprocessed requests again: up to {@code baseDelay × 2^(attempt-1)},
   * at most {@code maxDelay}, uniformly random below that bound (full jitter).
   *
   * @param attempt the attempt that left requests unprocessed, from 1
   * @return the delay in milliseconds
   */
  public long retryDelayMillis(int attempt) {
    long bound = baseDelayMillis << Math.min(attempt - 1, 30);
    if (bound <= 0 || bound > maxDelayMillis) {
      bound = maxDelayMillis;
    }
    return ThreadLocalRandom.current().nextLong(bound + 1);
  }
}
