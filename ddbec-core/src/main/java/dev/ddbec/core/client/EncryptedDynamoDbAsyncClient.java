package dev.ddbec.core.client;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.core.client.internal.AsyncRunner;
import dev.ddbec.core.client.internal.ClientSettings;
import dev.ddbec.core.client.internal.Operations;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsRequest;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbAsyncWaiter;

/**
 * A {@link DynamoDbAsyncClient} with the semantics of {@link EncryptedDynamoDbClient} on {@link
 * CompletableFuture}s: items are encrypted and signed on the way to DynamoDB and verified and
 * decrypted on the way back, keys are protected from the table's key schema, and requests that
 * cannot be protected are refused. See {@link EncryptedDynamoDbClient} for the operations and
 * rules, and {@code docs/clients.md}.
 *
 * <pre>{@code
 * DynamoDbAsyncClient ddb = EncryptedDynamoDbAsyncClient.builder()
 *     .delegate(DynamoDbAsyncClient.create())
 *     .materialsProvider(materialsProvider)
 *     .attributeActions(actions)
 *     .build();
 * ddb.putItem(r -> r.tableName("Books").item(item))
 *     .thenCompose(ignored -> ddb.getItem(r -> r.tableName("Books").key(key)))
 *     .thenAccept(response -> use(response.item()));
 * }</pre>
 *
 * <p><b>Threads.</b> Encryption, decryption and every materials-provider call run on the client's
 * executor, never on the SDK's I/O or response threads, so a slow provider (a key service call)
 * cannot stall the event loop. The futures this client returns complete on that executor for
 * protected requests, also when they fail (a failure the SDK reports on its response thread is
 * handed over to the executor); a request refused before anything is sent (PartiQL, SearchVectors)
 * returns a future that has already failed. By default the client owns a pool of {@code max(2,
 * processors)} daemon threads, shut down when the client is closed; give your own with {@link
 * Builder#executor(Executor)} (recommended for providers that block on the network: size it for
 * their latency).
 *
 * <p><b>Failures</b> complete the returned future exceptionally, with the exception itself (not
 * wrapped): {@link RefusedRequestException} for refused requests (nothing is sent), {@link
 * ItemIntegrityException} for items that fail verification, the delegate's exceptions unchanged.
 * Nothing is thrown synchronously.
 *
 * <p>Instances are immutable and thread-safe. Closing the client closes its delegate and the
 * executor it owns.
 */
public final class EncryptedDynamoDbAsyncClient extends PassThroughDynamoDbAsyncClient {
  private final ClientSettings settings;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final AsyncRunner runner;
  private final boolean view;

  private EncryptedDynamoDbAsyncClient(
      DynamoDbAsyncClient delegate,
      ClientSettings settings,
      Executor executor,
      ExecutorService ownedExecutor,
      boolean view) {
    super(delegate);
    this.settings = settings;
    this.executor = executor;
    this.ownedExecutor = ownedExecutor;
    this.runner = new AsyncRunner(delegate, settings.resolver(), executor);
    this.view = view;
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings, delegate and executor. A client built from it uses
   * this client's executor, which this client still owns: keep this client open while the new one
   * is in use.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().settings(settings.settings()).delegate(delegate).executor(executor);
  }

  /**
   * A view of this client that protects one table with other settings; see {@link
   * EncryptedDynamoDbClient#withTableConfig(TableConfig)}. The view shares the delegate, the key
   * schema cache and the executor; closing it does nothing.
   *
   * @param override settings for one table
   * @return the view
   * @throws InvalidConfigurationException if the merged settings are invalid
   */
  public EncryptedDynamoDbAsyncClient withTableConfig(TableConfig override) {
    return new EncryptedDynamoDbAsyncClient(
        delegate, settings.withTableConfig(override), executor, null, true);
  }

  // ---------------------------------------------------------------------------------------------
  // Protected operations (see Operations); the control plane is passed through by the superclass
  // ---------------------------------------------------------------------------------------------

  /**
   * Encrypts and signs the item on the executor, then puts it; see {@link
   * EncryptedDynamoDbClient#putItem}.
   */
  @Override
  public CompletableFuture<PutItemResponse> putItem(PutItemRequest request) {
    return runner.run(Operations.PUT_ITEM, request, delegate::putItem);
  }

  /** Gets the item, then verifies and decrypts it on the executor. */
  @Override
  public CompletableFuture<GetItemResponse> getItem(GetItemRequest request) {
    return runner.run(Operations.GET_ITEM, request, delegate::getItem);
  }

  /** Deletes the item; the old item (ReturnValues ALL_OLD) is verified and decrypted. */
  @Override
  public CompletableFuture<DeleteItemResponse> deleteItem(DeleteItemRequest request) {
    return runner.run(Operations.DELETE_ITEM, request, delegate::deleteItem);
  }

  /** Updates DO_NOTHING attributes only; see {@link EncryptedDynamoDbClient#updateItem}. */
  @Override
  public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest request) {
    return runner.run(Operations.UPDATE_ITEM, request, delegate::updateItem);
  }

  /** Queries, then verifies and decrypts every item of the page on the executor. */
  @Override
  public CompletableFuture<QueryResponse> query(QueryRequest request) {
    return runner.run(Operations.QUERY, request, delegate::query);
  }

  /** Scans, then verifies and decrypts every item of the page on the executor. */
  @Override
  public CompletableFuture<ScanResponse> scan(ScanRequest request) {
    return runner.run(Operations.SCAN, request, delegate::scan);
  }

  /** Gets items from one or more tables, then verifies and decrypts all of them on the executor. */
  @Override
  public CompletableFuture<BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
    return runner.run(Operations.BATCH_GET_ITEM, request, delegate::batchGetItem);
  }

  /**
   * Encrypts every put item on the executor (all before anything is sent), then writes the batch;
   * see {@link EncryptedDynamoDbClient#batchWriteItem}.
   */
  @Override
  public CompletableFuture<BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
    return runner.run(Operations.BATCH_WRITE_ITEM, request, delegate::batchWriteItem);
  }

  /** Encrypts Put items and checks Update items, then runs the transaction. */
  @Override
  public CompletableFuture<TransactWriteItemsResponse> transactWriteItems(
      TransactWriteItemsRequest request) {
    return runner.run(Operations.TRANSACT_WRITE_ITEMS, request, delegate::transactWriteItems);
  }

  /** Runs the transaction, then verifies and decrypts every item on the executor. */
  @Override
  public CompletableFuture<TransactGetItemsResponse> transactGetItems(
      TransactGetItemsRequest request) {
    return runner.run(Operations.TRANSACT_GET_ITEMS, request, delegate::transactGetItems);
  }

  /** Refused on protected tables (PartiQL bypasses item protection); passed for others. */
  @Override
  public CompletableFuture<ExecuteStatementResponse> executeStatement(
      ExecuteStatementRequest request) {
    return runner.run(Operations.EXECUTE_STATEMENT, request, delegate::executeStatement);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public CompletableFuture<BatchExecuteStatementResponse> batchExecuteStatement(
      BatchExecuteStatementRequest request) {
    return runner.run(Operations.BATCH_EXECUTE_STATEMENT, request, delegate::batchExecuteStatement);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public CompletableFuture<ExecuteTransactionResponse> executeTransaction(
      ExecuteTransactionRequest request) {
    return runner.run(Operations.EXECUTE_TRANSACTION, request, delegate::executeTransaction);
  }

  /** Refused on protected tables (results are partial index items); passed for others. */
  @Override
  public CompletableFuture<SearchVectorsResponse> searchVectors(SearchVectorsRequest request) {
    return runner.run(Operations.SEARCH_VECTORS, request, delegate::searchVectors);
  }

  /** Passed through; the cached key schema of the table is dropped. */
  @Override
  public CompletableFuture<DeleteTableResponse> deleteTable(DeleteTableRequest request) {
    return runner.schemaChange(request.tableName(), () -> delegate.deleteTable(request));
  }

  /** Passed through; the cached key schema of the table is dropped (indexes may change). */
  @Override
  public CompletableFuture<UpdateTableResponse> updateTable(UpdateTableRequest request) {
    return runner.schemaChange(request.tableName(), () -> delegate.updateTable(request));
  }

  /** An asynchronous waiter that polls DescribeTable through this client. Close it after use. */
  @Override
  public DynamoDbAsyncWaiter waiter() {
    return DynamoDbAsyncWaiter.builder().client(this).build();
  }

  /**
   * Closes the delegate and shuts down the executor the client owns (not one given to the builder);
   * does nothing on a view made by {@link #withTableConfig(TableConfig)}.
   */
  @Override
  public void close() {
    if (view) {
      return;
    }
    try {
      delegate.close();
    } finally {
      if (ownedExecutor != null) {
        ownedExecutor.shutdown();
      }
    }
  }

  /** The delegate's configuration. */
  @Override
  public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
    return delegate.serviceClientConfiguration();
  }

  @Override
  public String toString() {
    return settings.describe("EncryptedDynamoDbAsyncClient", view);
  }

  /**
   * Builder for {@link EncryptedDynamoDbAsyncClient}: the delegate, the executor, and the settings
   * of {@link ProtectionSettings.ClientBuilder}. Not thread-safe.
   */
  public static final class Builder
      extends ProtectionSettings.ClientBuilder<Builder, DynamoDbAsyncClient> {
    private Executor executor;

    private Builder() {}

    /**
     * Sets the executor that runs encryption, decryption and materials-provider calls. The client
     * does not shut it down. By default the client owns a pool of {@code max(2, processors)} daemon
     * threads.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws InvalidConfigurationException if the delegate or materials provider is missing, a
     *     table is configured twice, or a configured key schema conflicts with the actions
     */
    public EncryptedDynamoDbAsyncClient build() {
      String owner = "EncryptedDynamoDbAsyncClient";
      DynamoDbAsyncClient delegate = requireDelegate(owner, "DynamoDbAsyncClient");
      ClientSettings settings = ClientSettings.create(buildSettings(owner));
      ExecutorService owned = executor == null ? AsyncRunner.defaultExecutor() : null;
      return new EncryptedDynamoDbAsyncClient(
          delegate, settings, owned != null ? owned : executor, owned, false);
    }
  }
}
