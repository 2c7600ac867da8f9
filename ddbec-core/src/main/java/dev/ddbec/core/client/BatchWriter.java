package dev.ddbec.core.client;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.internal.BatchWriteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Buffers puts and deletes for one table and writes them with BatchWriteItem, 25 at a time: the
 * official Python client's {@code EncryptedTable.batch_writer()}. Over an {@link
 * EncryptedDynamoDbClient} every put item is encrypted and signed on its way out; over a plain
 * {@code DynamoDbClient} the requests go as given.
 *
 * <pre>{@code
 * try (BatchWriter writer = BatchWriter.builder(encryptedClient).tableName("Books").build()) {
 *   for (Map<String, AttributeValue> book : books) {
 *     writer.putItem(book);
 *   }
 * } // close() writes what is still buffered
 * }</pre>
 *
 * <p>A batch is sent as soon as 25 requests are buffered, and by {@link #flush()} and {@link
 * #close()}. Requests DynamoDB leaves unprocessed are sent again after an exponentially growing,
 * randomised delay ({@link BatchWriterBuilder#baseDelay}, {@link BatchWriterBuilder#maxDelay}), at
 * most {@link BatchWriterBuilder#maxAttempts} times per batch. Requests that could not be written
 * (still unprocessed after the last attempt, or in a batch whose call failed) are handed back only
 * to the caller, in a {@link BatchWriteException}, with everything still buffered; they are never
 * logged. Two requests for the same item in one batch are refused by DynamoDB: use {@link
 * BatchWriterBuilder#overwriteByKeys} to keep only the last.
 *
 * <p>Thread-safe (callers are serialized); a writer holds plaintext items until they are written,
 * so close it.
 */
public final class BatchWriter implements AutoCloseable {
  private final DynamoDbClient client;
  private final BatchWriteBuffer buffer;

  private BatchWriter(Builder b) {
    this.client = b.client;
    this.buffer = b.buffer();
  }

  /**
   * Starts a builder.
   *
   * @param client the client to write with, usually an {@link EncryptedDynamoDbClient}
   * @return a new builder
   */
  public static Builder builder(DynamoDbClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Buffers a put, and writes a batch if 25 requests are buffered.
   *
   * @param item the item (plaintext; the client encrypts it)
   * @throws BatchWriteException if a batch could not be written
   */
  public synchronized void putItem(Map<String, AttributeValue> item) {
    buffer.put(Objects.requireNonNull(item, "item"));
    if (buffer.hasFullBatch()) {
      write(buffer.takeBatch());
    }
  }

  /**
   * Buffers a delete, and writes a batch if 25 requests are buffered.
   *
   * @param key the item's primary key
   * @throws BatchWriteException if a batch could not be written
   */
  public synchronized void deleteItem(Map<String, AttributeValue> key) {
    buffer.delete(Objects.requireNonNull(key, "key"));
    if (buffer.hasFullBatch()) {
      write(buffer.takeBatch());
    }
  }

  /**
   * Writes everything buffered.
   *
   * @throws BatchWriteException if some requests could not be written; it holds them and every
   *     request that was still buffered
   */
  public synchronized void flush() {
    while (!buffer.isEmpty()) {
      write(buffer.takeBatch());
    }
  }

  /**
   * Writes everything buffered ({@link #flush()}).
   *
   * @throws BatchWriteException if some requests could not be written
   */
  @Override
  public void close() {
    flush();
  }

  private void write(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 1; ; attempt++) {
      try {
        pending = buffer.unprocessed(client.batchWriteItem(buffer.request(pending)));
      } catch (SdkException | DdbecException e) {
        throw unwritten(pending, "the BatchWriteItem call failed", e);
      }
      if (pending.isEmpty()) {
        return;
      }
      if (attempt >= buffer.maxAttempts()) {
        throw unwritten(
            pending, "DynamoDB left them unprocessed after " + attempt + " attempt(s)", null);
      }
      sleep(buffer.retryDelayMillis(attempt), pending);
    }
  }

  private void sleep(long millis, List<WriteRequest> pending) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unwritten(pending, "the writing thread was interrupted", e);
    }
  }

  /** The exception for requests not written: these, and everything still buffered (taken out). */
  private BatchWriteException unwritten(List<WriteRequest> failed, String reason, Throwable cause) {
    List<WriteRequest> all = new ArrayList<>(failed);
    all.addAll(buffer.drain());
    return new BatchWriteException(buffer.tableName(), all, reason, cause);
  }

  @Override
  public String toString() {
    return "BatchWriter{table=" + buffer.tableName() + '}';
  }

  /** Builder for {@link BatchWriter}. Not thread-safe. */
  public static final class Builder extends BatchWriterBuilder<Builder> {
    private final DynamoDbClient client;

    private Builder(DynamoDbClient client) {
      this.client = client;
    }

    /**
     * Builds the writer.
     *
     * @return the writer
     * @throws InvalidConfigurationException if no table name was set
     */
    public BatchWriter build() {
      return new BatchWriter(this);
    }
  }
}
