package dev.ddbec.core.client;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.internal.BatchWriteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The asynchronous {@link BatchWriter}: buffers puts and deletes for one table and writes them with
 * BatchWriteItem, 25 at a time, through a {@code DynamoDbAsyncClient} (usually an {@link
 * EncryptedDynamoDbAsyncClient}, which encrypts every put item). The official Python client's
 * {@code batch_writer()}, without blocking.
 *
 * <p>{@link #putItem} and {@link #deleteItem} only buffer; when 25 requests are buffered they start
 * sending a batch. Batches are sent one after another, in order. {@link #flush()} sends what is
 * buffered and returns a future that completes when every request given so far is written, or fails
 * with a {@link BatchWriteException} holding every request not written (also those of a failure
 * while sending a full batch earlier). Retries of unprocessed requests, and what is handed back,
 * are as for {@link BatchWriter}; nothing is logged.
 *
 * <p>Thread-safe.
 */
public final class AsyncBatchWriter implements AutoCloseable {
  private final DynamoDbAsyncClient client;
  private final BatchWriteBuffer buffer;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  private AsyncBatchWriter(Builder b) {
    this.client = b.client;
    this.buffer = b.buffer();
  }

  /**
   * Starts a builder.
   *
   * @param client the client to write with, usually an {@link EncryptedDynamoDbAsyncClient}
   * @return a new builder
   */
  public static Builder builder(DynamoDbAsyncClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Buffers a put; starts sending a batch if 25 requests are buffered.
   *
   * @param item the item (plaintext; the client encrypts it)
   */
  public synchronized void putItem(Map<String, AttributeValue> item) {
    buffer.put(Objects.requireNonNull(item, "item"));
    if (buffer.hasFullBatch()) {
      enqueue(buffer.takeBatch());
    }
  }

  /**
   * Buffers a delete; starts sending a batch if 25 requests are buffered.
   *
   * @param key the item's primary key
   */
  public synchronized void deleteItem(Map<String, AttributeValue> key) {
    buffer.delete(Objects.requireNonNull(key, "key"));
    if (buffer.hasFullBatch()) {
      enqueue(buffer.takeBatch());
    }
  }

  /**
   * Sends everything buffered.
   *
   * @return completes when every request given so far is written; fails with a {@link
   *     BatchWriteException} holding those that are not
   */
  public synchronized CompletableFuture<Void> flush() {
    while (!buffer.isEmpty()) {
      enqueue(buffer.takeBatch());
    }
    CompletableFuture<Void> done = tail;
    // Later batches wait for these, but do not inherit their failure: it is reported here.
    tail = done.handle((v, e) -> null);
    return done;
  }

  /**
   * Sends everything buffered and waits for it ({@link #flush()}).
   *
   * @throws BatchWriteException if some requests could not be written
   */
  @Override
  public void close() {
    try {
      flush().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Sends {@code batch} after the batches before it; a failure before carries it along. */
  private void enqueue(List<WriteRequest> batch) {
    tail =
        tail.handle(
                (v, failure) ->
                    failure == null
                        ? write(batch, 1)
                        : CompletableFuture.<Void>failedFuture(with(failure, batch)))
            .thenCompose(f -> f);
  }

  private CompletableFuture<Void> write(List<WriteRequest> pending, int attempt) {
    CompletableFuture<Void> sent;
    try {
      sent =
          client
              .batchWriteItem(buffer.request(pending))
              .handle(
                  (response, failure) -> {
                    if (failure != null) {
                      return CompletableFuture.<Void>failedFuture(
                          unwritten(pending, "the BatchWriteItem call failed", unwrap(failure)));
                    }
                    List<WriteRequest> left = buffer.unprocessed(response);
                    if (left.isEmpty()) {
                      return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (attempt >= buffer.maxAttempts()) {
                      return CompletableFuture.<Void>failedFuture(
                          unwritten(
                              left,
                              "DynamoDB left them unprocessed after " + attempt + " attempt(s)",
                              null));
                    }
                    Executor later =
                        CompletableFuture.delayedExecutor(
                            buffer.retryDelayMillis(attempt), TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> null, later)
                        .thenCompose(x -> write(left, attempt + 1));
                  })
              .thenCompose(f -> f);
    } catch (RuntimeException e) {
      sent =
          CompletableFuture.failedFuture(unwritten(pending, "the BatchWriteItem call failed", e));
    }
    return sent;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private BatchWriteException unwritten(List<WriteRequest> failed, String reason, Throwable cause) {
    return new BatchWriteException(buffer.tableName(), failed, reason, cause);
  }

  /** An earlier failure, with the requests of a later batch that was not sent because of it. */
  private BatchWriteException with(Throwable failure, List<WriteRequest> batch) {
    Throwable f = unwrap(failure);
    return f instanceof BatchWriteException earlier
        ? earlier.including(batch)
        : unwritten(batch, "an earlier batch failed", f);
  }

  @Override
  public String toString() {
    return "AsyncBatchWriter{table=" + buffer.tableName() + '}';
  }

  /** Builder for {@link AsyncBatchWriter}. Not thread-safe. */
  public static final class Builder extends BatchWriterBuilder<Builder> {
    private final DynamoDbAsyncClient client;

    private Builder(DynamoDbAsyncClient client) {
      this.client = client;
    }

    /**
     * Builds the writer.
     *
     * @return the writer
     * @throws InvalidConfigurationException if no table name was set
     */
    public AsyncBatchWriter build() {
      return new AsyncBatchWriter(this);
    }
  }
}
