package dev.ddbec.core.client;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.internal.ClientSettings;
import dev.ddbec.core.client.internal.ItemOperations;
import dev.ddbec.core.client.internal.TableResolver;
import dev.ddbec.core.client.internal.TableState;
import dev.ddbec.core.internal.TableNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListExportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListExportsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListImportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListImportsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsRequest;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableReplicaAutoScalingResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.paginators.BatchGetItemPublisher;
import software.amazon.awssdk.services.dynamodb.paginators.QueryPublisher;
import software.amazon.awssdk.services.dynamodb.paginators.ScanPublisher;
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
public final class EncryptedDynamoDbAsyncClient implements DynamoDbAsyncClient {
  private static final int RESOLVE_ATTEMPTS = 3;
  private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

  private final DynamoDbAsyncClient delegate;
  private final ClientSettings settings;
  private final TableResolver resolver;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final boolean view;

  private EncryptedDynamoDbAsyncClient(Builder b) {
    this.delegate = Objects.requireNonNull(b.delegate, "delegate");
    this.settings =
        ClientSettings.create(
            b.materialsProvider, b.attributeActions, b.plaintextPolicy, b.tableConfigs);
    this.resolver = settings.resolver();
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      ExecutorService pool = defaultExecutor();
      this.executor = pool;
      this.ownedExecutor = pool;
    }
    this.view = false;
  }

  private EncryptedDynamoDbAsyncClient(EncryptedDynamoDbAsyncClient base, ClientSettings settings) {
    this.delegate = base.delegate;
    this.settings = settings;
    this.resolver = settings.resolver();
    this.executor = base.executor;
    this.ownedExecutor = null;
    this.view = true;
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
    Builder b =
        new Builder()
            .delegate(delegate)
            .materialsProvider(settings.materialsProvider())
            .attributeActions(settings.attributeActions())
            .plaintextPolicy(settings.plaintextPolicy())
            .executor(executor);
    b.tableConfigs.addAll(settings.tableConfigs());
    return b;
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
    return new EncryptedDynamoDbAsyncClient(this, settings.withTableConfig(override));
  }

  // ---------------------------------------------------------------------------------------------
  // Protected operations
  // ---------------------------------------------------------------------------------------------

  /**
   * Encrypts and signs the item on the executor, then puts it; see {@link
   * EncryptedDynamoDbClient#putItem}.
   */
  @Override
  public CompletableFuture<PutItemResponse> putItem(PutItemRequest request) {
    return settle(
        table(request.tableName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.putItem(request);
                  }
                  return crypto(() -> ItemOperations.putItem(request, table))
                      .thenCompose(delegate::putItem)
                      .handleAsync(
                          (response, error) -> {
                            if (error != null) {
                              throw conditionFailed("PutItem", error, table);
                            }
                            return ItemOperations.putItem(response, table);
                          },
                          executor);
                }));
  }

  /** Gets the item, then verifies and decrypts it on the executor. */
  @Override
  public CompletableFuture<GetItemResponse> getItem(GetItemRequest request) {
    return settle(
        table(request.tableName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.getItem(request);
                  }
                  return crypto(() -> ItemOperations.getItem(request, table))
                      .thenCompose(delegate::getItem)
                      .thenApplyAsync(
                          response -> ItemOperations.getItem(response, table), executor);
                }));
  }

  /** Deletes the item; the old item (ReturnValues ALL_OLD) is verified and decrypted. */
  @Override
  public CompletableFuture<DeleteItemResponse> deleteItem(DeleteItemRequest request) {
    return settle(
        table(request.tableName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.deleteItem(request);
                  }
                  return crypto(() -> ItemOperations.deleteItem(request, table))
                      .thenCompose(delegate::deleteItem)
                      .handleAsync(
                          (response, error) -> {
                            if (error != null) {
                              throw conditionFailed("DeleteItem", error, table);
                            }
                            return ItemOperations.deleteItem(response, table);
                          },
                          executor);
                }));
  }

  /** Updates DO_NOTHING attributes only; see {@link EncryptedDynamoDbClient#updateItem}. */
  @Override
  public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest request) {
    return settle(
        table(request.tableName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.updateItem(request);
                  }
                  return crypto(() -> ItemOperations.updateItem(request, table))
                      .thenCompose(delegate::updateItem)
                      .handleAsync(
                          (response, error) -> {
                            if (error != null) {
                              throw conditionFailed("UpdateItem", error, table);
                            }
                            return ItemOperations.updateItem(response, request, table);
                          },
                          executor);
                }));
  }

  /** Queries, then verifies and decrypts every item of the page on the executor. */
  @Override
  public CompletableFuture<QueryResponse> query(QueryRequest request) {
    return settle(
        tableWithIndex(request.tableName(), request.indexName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.query(request);
                  }
                  return crypto(() -> ItemOperations.query(request, table))
                      .thenCompose(delegate::query)
                      .thenApplyAsync(response -> ItemOperations.query(response, table), executor);
                }));
  }

  /** Scans, then verifies and decrypts every item of the page on the executor. */
  @Override
  public CompletableFuture<ScanResponse> scan(ScanRequest request) {
    return settle(
        tableWithIndex(request.tableName(), request.indexName())
            .thenCompose(
                table -> {
                  if (!table.isProtected()) {
                    return delegate.scan(request);
                  }
                  return crypto(() -> ItemOperations.scan(request, table))
                      .thenCompose(delegate::scan)
                      .thenApplyAsync(response -> ItemOperations.scan(response, table), executor);
                }));
  }

  /** A publisher whose pages come from this client's {@link #query(QueryRequest)}. */
  @Override
  public QueryPublisher queryPaginator(QueryRequest request) {
    return new QueryPublisher(this, request);
  }

  /** A publisher whose pages come from this client's {@link #scan(ScanRequest)}. */
  @Override
  public ScanPublisher scanPaginator(ScanRequest request) {
    return new ScanPublisher(this, request);
  }

  /** Gets items from one or more tables, then verifies and decrypts all of them. */
  @Override
  public CompletableFuture<BatchGetItemResponse> batchGetItem(BatchGetItemRequest request) {
    return settle(
        tables(ItemOperations.tablesOf(request))
            .thenCompose(
                tables ->
                    crypto(() -> ItemOperations.batchGetItem(request, tables))
                        .thenCompose(delegate::batchGetItem)
                        .thenApplyAsync(
                            response -> ItemOperations.batchGetItem(response, tables), executor)));
  }

  /** A publisher whose pages come from this client's {@link #batchGetItem}. */
  @Override
  public BatchGetItemPublisher batchGetItemPaginator(BatchGetItemRequest request) {
    return new BatchGetItemPublisher(this, request);
  }

  /**
   * Encrypts every put item (all before anything is sent), then writes the batch. UnprocessedItems
   * are returned as the caller gave them, in plaintext.
   */
  @Override
  public CompletableFuture<BatchWriteItemResponse> batchWriteItem(BatchWriteItemRequest request) {
    return settle(
        tables(ItemOperations.tablesOf(request))
            .thenCompose(
                tables ->
                    crypto(() -> ItemOperations.batchWriteItem(request, tables))
                        .thenCompose(
                            prepared ->
                                delegate
                                    .batchWriteItem(prepared.request())
                                    .thenApplyAsync(prepared::complete, executor))));
  }

  /** Encrypts Put items and checks Update items, then runs the transaction. */
  @Override
  public CompletableFuture<TransactWriteItemsResponse> transactWriteItems(
      TransactWriteItemsRequest request) {
    return settle(
        tables(ItemOperations.tableSetOf(request))
            .thenCompose(
                tables ->
                    crypto(() -> ItemOperations.transactWriteItems(request, tables))
                        .thenCompose(delegate::transactWriteItems)
                        .handleAsync(
                            (response, error) -> {
                              if (error != null) {
                                Throwable cause = unwrap(error);
                                if (cause instanceof TransactionCanceledException e) {
                                  throw ItemOperations.transactionCanceled(
                                      e, ItemOperations.tablesOf(request), tables);
                                }
                                throw propagate(cause);
                              }
                              return response;
                            },
                            executor)));
  }

  /** Runs the transaction, then verifies and decrypts every item on the executor. */
  @Override
  public CompletableFuture<TransactGetItemsResponse> transactGetItems(
      TransactGetItemsRequest request) {
    return settle(
        tables(ItemOperations.tablesOf(request))
            .thenCompose(
                tables ->
                    crypto(() -> ItemOperations.transactGetItems(request, tables))
                        .thenCompose(delegate::transactGetItems)
                        .thenApplyAsync(
                            response -> ItemOperations.transactGetItems(response, request, tables),
                            executor)));
  }

  // ---------------------------------------------------------------------------------------------
  // Refused on protected tables
  // ---------------------------------------------------------------------------------------------

  /** Refused on protected tables (PartiQL bypasses item protection); passed for others. */
  @Override
  public CompletableFuture<ExecuteStatementResponse> executeStatement(
      ExecuteStatementRequest request) {
    return checked(
        () -> ItemOperations.executeStatement(request, resolver::isProtected),
        () -> delegate.executeStatement(request));
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public CompletableFuture<BatchExecuteStatementResponse> batchExecuteStatement(
      BatchExecuteStatementRequest request) {
    return checked(
        () -> ItemOperations.batchExecuteStatement(request, resolver::isProtected),
        () -> delegate.batchExecuteStatement(request));
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public CompletableFuture<ExecuteTransactionResponse> executeTransaction(
      ExecuteTransactionRequest request) {
    return checked(
        () -> ItemOperations.executeTransaction(request, resolver::isProtected),
        () -> delegate.executeTransaction(request));
  }

  /** Refused on protected tables (results are partial index items); passed for others. */
  @Override
  public CompletableFuture<SearchVectorsResponse> searchVectors(SearchVectorsRequest request) {
    return checked(
        () -> {
          if (resolver.isProtected(request.tableName())) {
            throw ItemOperations.unsupported(
                "SearchVectors",
                request.tableName(),
                "Vector search returns index projections that cannot be verified; search with a"
                    + " plain client (vector and key attributes must be DO_NOTHING or SIGN_ONLY)"
                    + " and get the whole items through this client");
          }
        },
        () -> delegate.searchVectors(request));
  }

  // ---------------------------------------------------------------------------------------------
  // Control plane: passed through
  // ---------------------------------------------------------------------------------------------

  /** Passed through. */
  @Override
  public CompletableFuture<CreateTableResponse> createTable(CreateTableRequest request) {
    return delegate.createTable(request);
  }

  /** Passed through; the cached key schema of the table is dropped. */
  @Override
  public CompletableFuture<DeleteTableResponse> deleteTable(DeleteTableRequest request) {
    resolver.forget(request.tableName());
    return delegate.deleteTable(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeTableResponse> describeTable(DescribeTableRequest request) {
    return delegate.describeTable(request);
  }

  /** Passed through; the cached key schema of the table is dropped (indexes may change). */
  @Override
  public CompletableFuture<UpdateTableResponse> updateTable(UpdateTableRequest request) {
    resolver.forget(request.tableName());
    return delegate
        .updateTable(request)
        .whenComplete((r, e) -> resolver.forget(request.tableName()));
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListTablesResponse> listTables(ListTablesRequest request) {
    return delegate.listTables(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeTimeToLiveResponse> describeTimeToLive(
      DescribeTimeToLiveRequest request) {
    return delegate.describeTimeToLive(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateTimeToLiveResponse> updateTimeToLive(
      UpdateTimeToLiveRequest request) {
    return delegate.updateTimeToLive(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeLimitsResponse> describeLimits(DescribeLimitsRequest request) {
    return delegate.describeLimits(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeEndpointsResponse> describeEndpoints(
      DescribeEndpointsRequest request) {
    return delegate.describeEndpoints(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<TagResourceResponse> tagResource(TagResourceRequest request) {
    return delegate.tagResource(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UntagResourceResponse> untagResource(UntagResourceRequest request) {
    return delegate.untagResource(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListTagsOfResourceResponse> listTagsOfResource(
      ListTagsOfResourceRequest request) {
    return delegate.listTagsOfResource(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<CreateBackupResponse> createBackup(CreateBackupRequest request) {
    return delegate.createBackup(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DeleteBackupResponse> deleteBackup(DeleteBackupRequest request) {
    return delegate.deleteBackup(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeBackupResponse> describeBackup(DescribeBackupRequest request) {
    return delegate.describeBackup(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListBackupsResponse> listBackups(ListBackupsRequest request) {
    return delegate.listBackups(request);
  }

  /**
   * Passed through. Items in the restored table stay bound to the original table's name: read them
   * with {@link TableConfig.Builder#contextTableName(String)} set to it.
   */
  @Override
  public CompletableFuture<RestoreTableFromBackupResponse> restoreTableFromBackup(
      RestoreTableFromBackupRequest request) {
    return delegate.restoreTableFromBackup(request);
  }

  /**
   * Passed through. Items in the restored table stay bound to the original table's name: read them
   * with {@link TableConfig.Builder#contextTableName(String)} set to it.
   */
  @Override
  public CompletableFuture<RestoreTableToPointInTimeResponse> restoreTableToPointInTime(
      RestoreTableToPointInTimeRequest request) {
    return delegate.restoreTableToPointInTime(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeContinuousBackupsResponse> describeContinuousBackups(
      DescribeContinuousBackupsRequest request) {
    return delegate.describeContinuousBackups(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateContinuousBackupsResponse> updateContinuousBackups(
      UpdateContinuousBackupsRequest request) {
    return delegate.updateContinuousBackups(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<CreateGlobalTableResponse> createGlobalTable(
      CreateGlobalTableRequest request) {
    return delegate.createGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeGlobalTableResponse> describeGlobalTable(
      DescribeGlobalTableRequest request) {
    return delegate.describeGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeGlobalTableSettingsResponse> describeGlobalTableSettings(
      DescribeGlobalTableSettingsRequest request) {
    return delegate.describeGlobalTableSettings(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListGlobalTablesResponse> listGlobalTables(
      ListGlobalTablesRequest request) {
    return delegate.listGlobalTables(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateGlobalTableResponse> updateGlobalTable(
      UpdateGlobalTableRequest request) {
    return delegate.updateGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateGlobalTableSettingsResponse> updateGlobalTableSettings(
      UpdateGlobalTableSettingsRequest request) {
    return delegate.updateGlobalTableSettings(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeTableReplicaAutoScalingResponse> describeTableReplicaAutoScaling(
      DescribeTableReplicaAutoScalingRequest request) {
    return delegate.describeTableReplicaAutoScaling(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateTableReplicaAutoScalingResponse> updateTableReplicaAutoScaling(
      UpdateTableReplicaAutoScalingRequest request) {
    return delegate.updateTableReplicaAutoScaling(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeContributorInsightsResponse> describeContributorInsights(
      DescribeContributorInsightsRequest request) {
    return delegate.describeContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListContributorInsightsResponse> listContributorInsights(
      ListContributorInsightsRequest request) {
    return delegate.listContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateContributorInsightsResponse> updateContributorInsights(
      UpdateContributorInsightsRequest request) {
    return delegate.updateContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeKinesisStreamingDestinationResponse>
      describeKinesisStreamingDestination(DescribeKinesisStreamingDestinationRequest request) {
    return delegate.describeKinesisStreamingDestination(request);
  }

  /** Passed through (the stream carries items as stored: encrypted). */
  @Override
  public CompletableFuture<EnableKinesisStreamingDestinationResponse>
      enableKinesisStreamingDestination(EnableKinesisStreamingDestinationRequest request) {
    return delegate.enableKinesisStreamingDestination(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DisableKinesisStreamingDestinationResponse>
      disableKinesisStreamingDestination(DisableKinesisStreamingDestinationRequest request) {
    return delegate.disableKinesisStreamingDestination(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<UpdateKinesisStreamingDestinationResponse>
      updateKinesisStreamingDestination(UpdateKinesisStreamingDestinationRequest request) {
    return delegate.updateKinesisStreamingDestination(request);
  }

  /** Passed through (the export holds items as stored: encrypted). */
  @Override
  public CompletableFuture<ExportTableToPointInTimeResponse> exportTableToPointInTime(
      ExportTableToPointInTimeRequest request) {
    return delegate.exportTableToPointInTime(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeExportResponse> describeExport(DescribeExportRequest request) {
    return delegate.describeExport(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListExportsResponse> listExports(ListExportsRequest request) {
    return delegate.listExports(request);
  }

  /**
   * Passed through: the import creates a new table from S3 data as it is; items in it are read like
   * any others (plaintext ones according to the {@link PlaintextPolicy}).
   */
  @Override
  public CompletableFuture<ImportTableResponse> importTable(ImportTableRequest request) {
    return delegate.importTable(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DescribeImportResponse> describeImport(DescribeImportRequest request) {
    return delegate.describeImport(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<ListImportsResponse> listImports(ListImportsRequest request) {
    return delegate.listImports(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<GetResourcePolicyResponse> getResourcePolicy(
      GetResourcePolicyRequest request) {
    return delegate.getResourcePolicy(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<PutResourcePolicyResponse> putResourcePolicy(
      PutResourcePolicyRequest request) {
    return delegate.putResourcePolicy(request);
  }

  /** Passed through. */
  @Override
  public CompletableFuture<DeleteResourcePolicyResponse> deleteResourcePolicy(
      DeleteResourcePolicyRequest request) {
    return delegate.deleteResourcePolicy(request);
  }

  /** An asynchronous waiter that polls DescribeTable through this client. Close it after use. */
  @Override
  public DynamoDbAsyncWaiter waiter() {
    return DynamoDbAsyncWaiter.builder().client(this).build();
  }

  /** The delegate's configuration. */
  @Override
  public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
    return delegate.serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
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

  @Override
  public String toString() {
    return settings.describe("EncryptedDynamoDbAsyncClient", view);
  }

  // ---------------------------------------------------------------------------------------------

  /** Runs crypto work (encryption, provider calls, request checks) on the executor. */
  private <T> CompletableFuture<T> crypto(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, executor);
  }

  /** A check that may refuse the request, then the delegate call; failures as failed futures. */
  private <T> CompletableFuture<T> checked(Runnable check, Supplier<CompletableFuture<T>> call) {
    try {
      check.run();
    } catch (RuntimeException refused) { // RefusedRequestException and friends: fail the future
      return CompletableFuture.failedFuture(refused);
    }
    return call.get();
  }

  private CompletableFuture<TableState> table(String tableName) {
    return tables(tableName == null ? null : Set.of(tableName)).thenApply(t -> t.get(tableName));
  }

  private CompletableFuture<TableState> tableWithIndex(String tableName, String indexName) {
    return table(tableName)
        .thenCompose(
            table -> {
              if (!ItemOperations.unknownIndex(table, indexName)) {
                return CompletableFuture.completedFuture(table);
              }
              resolver.forget(tableName);
              return table(tableName);
            });
  }

  /**
   * The states of the named tables, describing (concurrently) those whose key schema is needed and
   * not known yet.
   */
  private CompletableFuture<ItemOperations.Tables> tables(Collection<String> names) {
    Set<String> unique = new LinkedHashSet<>();
    for (String name : names == null ? Collections.<String>singleton(null) : names) {
      if (name == null || name.isEmpty()) {
        return CompletableFuture.failedFuture(
            new InvalidConfigurationException("The request names no table"));
      }
      unique.add(name);
    }
    try {
      return resolveAll(unique, 1);
    } catch (RuntimeException e) { // configuration errors: a failed future, never thrown
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Describes the tables whose key schema is needed and not cached, then resolves all. If a cached
   * schema is dropped meanwhile (UpdateTable or DeleteTable through this client), it tries again;
   * the last attempt describes every protected table without looking at the cache, so it always
   * resolves (or fails with the delegate's error).
   */
  private CompletableFuture<ItemOperations.Tables> resolveAll(Set<String> names, int attempt) {
    boolean last = attempt >= RESOLVE_ATTEMPTS;
    Map<String, TableKeySchema> fresh = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (String name : names) {
      if (last ? resolver.isProtected(name) : resolver.needsDescription(name)) {
        pending.add(
            delegate
                .describeTable(r -> r.tableName(name))
                .handle(
                    (d, error) -> {
                      if (error != null) {
                        throw TableResolver.describeFailed(
                            name, propagate(unwrap(error)), delegate::serviceClientConfiguration);
                      }
                      fresh.put(name, TableKeySchema.from(d.table()));
                      return null;
                    }));
      }
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            ignored -> {
              Map<String, TableState> states = new ConcurrentHashMap<>();
              for (String name : names) {
                TableState state = resolver.resolve(name, fresh::get);
                if (state == null) {
                  // The cached schema was dropped (UpdateTable/DeleteTable) meanwhile: again. (Not
                  // on the last attempt, which described every protected table.)
                  return resolveAll(names, attempt + 1);
                }
                states.put(state.tableName(), state);
              }
              ItemOperations.Tables tables = n -> states.get(TableNames.fromNameOrArn(n));
              return CompletableFuture.completedFuture(tables);
            });
  }

  /** The exception a failed conditional write completes with (its item decrypted). */
  private static RuntimeException conditionFailed(
      String operation, Throwable error, TableState table) {
    Throwable cause = unwrap(error);
    if (cause instanceof ConditionalCheckFailedException e) {
      return ItemOperations.conditionFailed(operation, e, table);
    }
    return propagate(cause);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static RuntimeException propagate(Throwable t) {
    return t instanceof RuntimeException r ? r : new CompletionException(t);
  }

  /**
   * A future that completes like {@code stage}, but with unwrapped exceptions, and on the executor:
   * a failure of the delegate's future (or of a stage skipped because of it) arrives on the SDK's
   * response thread, and is handed over to the executor so that the caller's dependent stages never
   * run there. Successes of protected requests already complete on the executor.
   */
  private <T> CompletableFuture<T> settle(CompletableFuture<T> stage) {
    CompletableFuture<T> out = new CompletableFuture<>();
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            out.complete(value);
            return;
          }
          Throwable cause = unwrap(error);
          try {
            executor.execute(() -> out.completeExceptionally(cause));
          } catch (RejectedExecutionException closed) { // the client was closed meanwhile
            out.completeExceptionally(cause);
          }
        });
    return out;
  }

  private static ExecutorService defaultExecutor() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    int pool = POOL_COUNTER.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread t =
                  new Thread(runnable, "ddbec-crypto-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Builder for {@link EncryptedDynamoDbAsyncClient}. Not thread-safe. */
  public static final class Builder {
    private DynamoDbAsyncClient delegate;
    private MaterialsProvider materialsProvider;
    private AttributeActions attributeActions = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);
    private PlaintextPolicy plaintextPolicy = PlaintextPolicy.REJECT;
    private final List<TableConfig> tableConfigs = new ArrayList<>();
    private Executor executor;

    private Builder() {}

    /**
     * Sets the client that talks to DynamoDB. Required. The encrypted client closes it when it is
     * closed.
     *
     * @param delegate the client
     * @return this builder
     */
    public Builder delegate(DynamoDbAsyncClient delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
      return this;
    }

    /**
     * Sets the materials provider for every table without its own. Required.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder materialsProvider(MaterialsProvider provider) {
      this.materialsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets the attribute actions for every table without its own; default: every attribute
     * ENCRYPT_AND_SIGN. Key attributes are protected automatically.
     *
     * @param actions the actions
     * @return this builder
     */
    public Builder attributeActions(AttributeActions actions) {
      this.attributeActions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    /**
     * Sets what to do with items without ddbec attributes; default {@link PlaintextPolicy#REJECT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder plaintextPolicy(PlaintextPolicy policy) {
      this.plaintextPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds the settings of one table (at most one configuration per table).
     *
     * @param config the table's settings
     * @return this builder
     */
    public Builder tableConfig(TableConfig config) {
      tableConfigs.add(Objects.requireNonNull(config, "config"));
      return this;
    }

    /**
     * Adds the settings of several tables.
     *
     * @param configs the tables' settings
     * @return this builder
     */
    public Builder tableConfigs(Collection<TableConfig> configs) {
      configs.forEach(this::tableConfig);
      return this;
    }

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
      if (delegate == null) {
        throw new InvalidConfigurationException(
            "EncryptedDynamoDbAsyncClient needs a delegate DynamoDbAsyncClient");
      }
      if (materialsProvider == null) {
        throw new InvalidConfigurationException(
            "EncryptedDynamoDbAsyncClient needs a materials provider");
      }
      return new EncryptedDynamoDbAsyncClient(this);
    }
  }
}
