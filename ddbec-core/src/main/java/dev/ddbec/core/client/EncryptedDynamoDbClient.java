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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
import software.amazon.awssdk.services.dynamodb.paginators.BatchGetItemIterable;
import software.amazon.awssdk.services.dynamodb.paginators.QueryIterable;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A {@link DynamoDbClient} that encrypts and signs items on the way to DynamoDB and verifies and
 * decrypts them on the way back, in the DynamoDB Encryption Client format (readable and writable by
 * the official Python {@code EncryptedClient} and Java {@code AttributeEncryptor}).
 *
 * <pre>{@code
 * DynamoDbClient ddb = EncryptedDynamoDbClient.builder()
 *     .delegate(DynamoDbClient.create())
 *     .materialsProvider(materialsProvider)
 *     .attributeActions(AttributeActions.builder()
 *         .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
 *         .action("genre", CryptoAction.SIGN_ONLY)
 *         .build())
 *     .build();
 * ddb.putItem(r -> r.tableName("Books").item(item));          // encrypted and signed
 * Map<String, AttributeValue> plain =
 *     ddb.getItem(r -> r.tableName("Books").key(key)).item(); // verified and decrypted
 * }</pre>
 *
 * <p><b>Keys.</b> The client reads each table's key schema with {@code DescribeTable} once and
 * caches it (or takes it from a {@link TableConfig}). Primary key attributes become {@link
 * CryptoAction#SIGN_ONLY} (DO_NOTHING stays DO_NOTHING); an explicit ENCRYPT_AND_SIGN on a primary
 * key, or any action that would encrypt a secondary index key, is an {@link
 * InvalidConfigurationException}. The encryption context carries the table name and the primary key
 * names, as the official clients' helpers do. UpdateTable and DeleteTable through this client drop
 * the cached schema.
 *
 * <p><b>Protected operations.</b> PutItem, GetItem, DeleteItem (the ALL_OLD item is decrypted),
 * Query and Scan with their paginators (every page is verified as a whole: one bad item fails the
 * page), BatchGetItem (and its paginator), BatchWriteItem (UnprocessedItems come back in plaintext,
 * as they were given, so a retry loop works unchanged), TransactWriteItems (Put items encrypted,
 * ConditionCheck and Delete passed, Update as UpdateItem) and TransactGetItems. Items carried by
 * {@link ConditionalCheckFailedException} and {@link TransactionCanceledException} are decrypted
 * too. Every item is encrypted before anything is sent, so when encryption fails nothing is
 * written.
 *
 * <p><b>UpdateItem</b> is allowed only when it modifies DO_NOTHING attributes alone (SET, REMOVE,
 * ADD and DELETE targets, with {@code #name} placeholders resolved; or the legacy
 * AttributeUpdates): DynamoDB applies updates on the server, where nothing can be encrypted or
 * re-signed. It is also made conditional on the item existing (with a signature under {@link
 * PlaintextPolicy#REJECT}, with its partition key under {@link
 * PlaintextPolicy#ALLOW_READ_PLAINTEXT}), so it never creates an unsigned item.
 *
 * <p><b>Refused</b> with a {@link RefusedRequestException} before anything is sent, for protected
 * tables: ProjectionExpression, AttributesToGet, and Select other than ALL_ATTRIBUTES or COUNT on
 * reads (a partial item cannot be verified); Query and Scan on a secondary index that does not
 * project all attributes; UpdateItem touching signed attributes; conditions, filters and key
 * conditions (expressions or legacy parameters) that compare the value of an ENCRYPT_AND_SIGN
 * attribute, which DynamoDB would compare as ciphertext; PartiQL (ExecuteStatement,
 * BatchExecuteStatement, ExecuteTransaction) and SearchVectors. Operations are on an explicit
 * allow-list: control-plane operations (CreateTable, DescribeTable, ListTables, UpdateTable,
 * backups, tags, …) pass through; an operation this class does not implement (for instance one
 * added in a newer SDK) throws {@link UnsupportedOperationException} and is never passed through.
 *
 * <p><b>Tables that are not protected</b> (their attribute actions are all DO_NOTHING, set with a
 * {@link TableConfig}) are passed through unchanged, PartiQL included, without {@code
 * DescribeTable}.
 *
 * <p><b>Per-call configuration.</b> {@link #withTableConfig(TableConfig)} returns a view of this
 * client with other settings for one table (another materials provider, actions or context table
 * name), as the Python client's {@code crypto_config=} argument does for one call.
 *
 * <p><b>Table ARNs.</b> A table may be named by its ARN wherever a name is accepted (as DynamoDB
 * allows): its {@link TableConfig} and cached key schema are those of the name in the ARN, and
 * signatures bind that name. Requests go to DynamoDB with the ARN as given.
 *
 * <p>Exceptions from the delegate (e.g. {@code ConditionalCheckFailedException}) reach the caller
 * unchanged, except a {@code ResourceNotFoundException} from the client's own {@code
 * DescribeTable}, which becomes an {@link InvalidConfigurationException} naming the table and the
 * likely causes (with the SDK exception as cause). An item that fails verification raises {@link
 * ItemIntegrityException} (its {@link ItemIntegrityException#itemKey() itemKey()} names the item);
 * the caller never gets part of a result. When the item came back with a write that DynamoDB
 * applied ({@code ReturnValues}), it is a {@link ReturnedItemIntegrityException} whose {@link
 * ReturnedItemIntegrityException#writeApplied() writeApplied()} is true.
 *
 * <p>Instances are immutable and thread-safe. Closing the client closes its delegate.
 */
public final class EncryptedDynamoDbClient implements DynamoDbClient {
  private final DynamoDbClient delegate;
  private final ClientSettings settings;
  private final TableResolver resolver;
  private final boolean view;

  private EncryptedDynamoDbClient(Builder b) {
    this.delegate = Objects.requireNonNull(b.delegate, "delegate");
    this.settings =
        ClientSettings.create(
            b.materialsProvider, b.attributeActions, b.plaintextPolicy, b.tableConfigs);
    this.resolver = settings.resolver();
    this.view = false;
  }

  private EncryptedDynamoDbClient(EncryptedDynamoDbClient base, ClientSettings settings) {
    this.delegate = base.delegate;
    this.settings = settings;
    this.resolver = settings.resolver();
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
   * A builder holding this client's settings (and delegate).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .delegate(delegate)
            .materialsProvider(settings.materialsProvider())
            .attributeActions(settings.attributeActions())
            .plaintextPolicy(settings.plaintextPolicy());
    b.tableConfigs.addAll(settings.tableConfigs());
    return b;
  }

  /**
   * A view of this client that protects one table with other settings: those set in {@code
   * override} replace the ones in force for that table (its {@link TableConfig}, else the client's
   * defaults); everything else is shared, including the delegate and the cached key schemas.
   * Creating a view is cheap; use it for one call or keep it.
   *
   * <pre>{@code
   * // Read items written with the old keys:
   * Map<String, AttributeValue> item = ddb
   *     .withTableConfig(TableConfig.builder("Books").materialsProvider(oldKeys).build())
   *     .getItem(r -> r.tableName("Books").key(key))
   *     .item();
   * }</pre>
   *
   * <p>Closing a view does nothing; close the client it was made from.
   *
   * @param override settings for one table
   * @return the view
   * @throws InvalidConfigurationException if the merged settings are invalid
   */
  public EncryptedDynamoDbClient withTableConfig(TableConfig override) {
    return new EncryptedDynamoDbClient(this, settings.withTableConfig(override));
  }

  // ---------------------------------------------------------------------------------------------
  // Protected operations
  // ---------------------------------------------------------------------------------------------

  /**
   * Encrypts and signs the item, then puts it. The old item returned with ReturnValues ALL_OLD is
   * verified and decrypted.
   */
  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    TableState table = table(request.tableName());
    PutItemRequest encrypted = ItemOperations.putItem(request, table);
    PutItemResponse response;
    try {
      response = delegate.putItem(encrypted);
    } catch (ConditionalCheckFailedException e) {
      throw ItemOperations.conditionFailed("PutItem", e, table);
    }
    return ItemOperations.putItem(response, table);
  }

  /** Gets the item, then verifies and decrypts it. Projections are refused. */
  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    TableState table = table(request.tableName());
    GetItemResponse response = delegate.getItem(ItemOperations.getItem(request, table));
    return ItemOperations.getItem(response, table);
  }

  /**
   * Deletes the item; the old item returned with ReturnValues ALL_OLD is verified and decrypted.
   */
  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    TableState table = table(request.tableName());
    DeleteItemResponse response;
    try {
      response = delegate.deleteItem(ItemOperations.deleteItem(request, table));
    } catch (ConditionalCheckFailedException e) {
      throw ItemOperations.conditionFailed("DeleteItem", e, table);
    }
    return ItemOperations.deleteItem(response, table);
  }

  /**
   * Updates DO_NOTHING attributes of an item; an update of any other attribute is refused (see the
   * class comment). Whole items returned (ALL_OLD, ALL_NEW) are verified and decrypted.
   */
  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    TableState table = table(request.tableName());
    UpdateItemRequest checked = ItemOperations.updateItem(request, table);
    UpdateItemResponse response;
    try {
      response = delegate.updateItem(checked);
    } catch (ConditionalCheckFailedException e) {
      throw ItemOperations.conditionFailed("UpdateItem", e, table);
    }
    return ItemOperations.updateItem(response, request, table);
  }

  /** Queries, then verifies and decrypts every item of the page (or fails the page). */
  @Override
  public QueryResponse query(QueryRequest request) {
    TableState table = table(request.tableName());
    if (ItemOperations.unknownIndex(table, request.indexName())) {
      table = refreshed(request.tableName());
    }
    QueryResponse response = delegate.query(ItemOperations.query(request, table));
    return ItemOperations.query(response, table);
  }

  /** Scans, then verifies and decrypts every item of the page (or fails the page). */
  @Override
  public ScanResponse scan(ScanRequest request) {
    TableState table = table(request.tableName());
    if (ItemOperations.unknownIndex(table, request.indexName())) {
      table = refreshed(request.tableName());
    }
    ScanResponse response = delegate.scan(ItemOperations.scan(request, table));
    return ItemOperations.scan(response, table);
  }

  /** A paginator whose pages come from this client's {@link #query(QueryRequest)}. */
  @Override
  public QueryIterable queryPaginator(QueryRequest request) {
    return new QueryIterable(this, request);
  }

  /** A paginator whose pages come from this client's {@link #scan(ScanRequest)}. */
  @Override
  public ScanIterable scanPaginator(ScanRequest request) {
    return new ScanIterable(this, request);
  }

  /** Gets items from one or more tables, then verifies and decrypts all of them. */
  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    ItemOperations.Tables tables = this::table;
    BatchGetItemResponse response =
        delegate.batchGetItem(ItemOperations.batchGetItem(request, tables));
    return ItemOperations.batchGetItem(response, tables);
  }

  /** A paginator whose pages come from this client's {@link #batchGetItem(BatchGetItemRequest)}. */
  @Override
  public BatchGetItemIterable batchGetItemPaginator(BatchGetItemRequest request) {
    return new BatchGetItemIterable(this, request);
  }

  /**
   * Encrypts every put item (all before anything is sent), then writes the batch. UnprocessedItems
   * are returned as the caller gave them, in plaintext.
   */
  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    ItemOperations.PreparedBatchWrite prepared =
        ItemOperations.batchWriteItem(request, this::table);
    return prepared.complete(delegate.batchWriteItem(prepared.request()));
  }

  /**
   * Encrypts Put items and checks Update items (as {@link #updateItem(UpdateItemRequest)}), then
   * runs the transaction.
   */
  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    ItemOperations.Tables tables = this::table;
    TransactWriteItemsRequest encrypted = ItemOperations.transactWriteItems(request, tables);
    try {
      return delegate.transactWriteItems(encrypted);
    } catch (TransactionCanceledException e) {
      throw ItemOperations.transactionCanceled(e, ItemOperations.tablesOf(request), tables);
    }
  }

  /** Runs the transaction, then verifies and decrypts every item. Projections are refused. */
  @Override
  public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
    ItemOperations.Tables tables = this::table;
    TransactGetItemsResponse response =
        delegate.transactGetItems(ItemOperations.transactGetItems(request, tables));
    return ItemOperations.transactGetItems(response, request, tables);
  }

  // ---------------------------------------------------------------------------------------------
  // Refused on protected tables
  // ---------------------------------------------------------------------------------------------

  /** Refused on protected tables (PartiQL bypasses item protection); passed for others. */
  @Override
  public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
    ItemOperations.executeStatement(request, resolver::isProtected);
    return delegate.executeStatement(request);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
    ItemOperations.batchExecuteStatement(request, resolver::isProtected);
    return delegate.batchExecuteStatement(request);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
    ItemOperations.executeTransaction(request, resolver::isProtected);
    return delegate.executeTransaction(request);
  }

  /** Refused on protected tables (results are partial index items); passed for others. */
  @Override
  public SearchVectorsResponse searchVectors(SearchVectorsRequest request) {
    if (resolver.isProtected(request.tableName())) {
      throw ItemOperations.unsupported(
          "SearchVectors",
          request.tableName(),
          "Vector search returns index projections that cannot be verified; search with a plain"
              + " DynamoDbClient (vector and key attributes must be DO_NOTHING or SIGN_ONLY) and"
              + " get the whole items through this client");
    }
    return delegate.searchVectors(request);
  }

  // ---------------------------------------------------------------------------------------------
  // Control plane: passed through
  // ---------------------------------------------------------------------------------------------

  /** Passed through. */
  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    return delegate.createTable(request);
  }

  /** Passed through; the cached key schema of the table is dropped. */
  @Override
  public DeleteTableResponse deleteTable(DeleteTableRequest request) {
    resolver.forget(request.tableName());
    return delegate.deleteTable(request);
  }

  /** Passed through. */
  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return delegate.describeTable(request);
  }

  /** Passed through; the cached key schema of the table is dropped (indexes may change). */
  @Override
  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    resolver.forget(request.tableName());
    try {
      return delegate.updateTable(request);
    } finally {
      resolver.forget(request.tableName());
    }
  }

  /** Passed through. */
  @Override
  public ListTablesResponse listTables(ListTablesRequest request) {
    return delegate.listTables(request);
  }

  /** Passed through. */
  @Override
  public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
    return delegate.describeTimeToLive(request);
  }

  /** Passed through. */
  @Override
  public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
    return delegate.updateTimeToLive(request);
  }

  /** Passed through. */
  @Override
  public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
    return delegate.describeLimits(request);
  }

  /** Passed through. */
  @Override
  public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
    return delegate.describeEndpoints(request);
  }

  /** Passed through. */
  @Override
  public TagResourceResponse tagResource(TagResourceRequest request) {
    return delegate.tagResource(request);
  }

  /** Passed through. */
  @Override
  public UntagResourceResponse untagResource(UntagResourceRequest request) {
    return delegate.untagResource(request);
  }

  /** Passed through. */
  @Override
  public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
    return delegate.listTagsOfResource(request);
  }

  /** Passed through. */
  @Override
  public CreateBackupResponse createBackup(CreateBackupRequest request) {
    return delegate.createBackup(request);
  }

  /** Passed through. */
  @Override
  public DeleteBackupResponse deleteBackup(DeleteBackupRequest request) {
    return delegate.deleteBackup(request);
  }

  /** Passed through. */
  @Override
  public DescribeBackupResponse describeBackup(DescribeBackupRequest request) {
    return delegate.describeBackup(request);
  }

  /** Passed through. */
  @Override
  public ListBackupsResponse listBackups(ListBackupsRequest request) {
    return delegate.listBackups(request);
  }

  /**
   * Passed through. Items in the restored table stay bound to the original table's name: read them
   * with {@link TableConfig.Builder#contextTableName(String)} set to it.
   */
  @Override
  public RestoreTableFromBackupResponse restoreTableFromBackup(
      RestoreTableFromBackupRequest request) {
    return delegate.restoreTableFromBackup(request);
  }

  /**
   * Passed through. Items in the restored table stay bound to the original table's name: read them
   * with {@link TableConfig.Builder#contextTableName(String)} set to it.
   */
  @Override
  public RestoreTableToPointInTimeResponse restoreTableToPointInTime(
      RestoreTableToPointInTimeRequest request) {
    return delegate.restoreTableToPointInTime(request);
  }

  /** Passed through. */
  @Override
  public DescribeContinuousBackupsResponse describeContinuousBackups(
      DescribeContinuousBackupsRequest request) {
    return delegate.describeContinuousBackups(request);
  }

  /** Passed through. */
  @Override
  public UpdateContinuousBackupsResponse updateContinuousBackups(
      UpdateContinuousBackupsRequest request) {
    return delegate.updateContinuousBackups(request);
  }

  /** Passed through. */
  @Override
  public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
    return delegate.createGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
    return delegate.describeGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(
      DescribeGlobalTableSettingsRequest request) {
    return delegate.describeGlobalTableSettings(request);
  }

  /** Passed through. */
  @Override
  public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
    return delegate.listGlobalTables(request);
  }

  /** Passed through. */
  @Override
  public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
    return delegate.updateGlobalTable(request);
  }

  /** Passed through. */
  @Override
  public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(
      UpdateGlobalTableSettingsRequest request) {
    return delegate.updateGlobalTableSettings(request);
  }

  /** Passed through. */
  @Override
  public DescribeTableReplicaAutoScalingResponse describeTableReplicaAutoScaling(
      DescribeTableReplicaAutoScalingRequest request) {
    return delegate.describeTableReplicaAutoScaling(request);
  }

  /** Passed through. */
  @Override
  public UpdateTableReplicaAutoScalingResponse updateTableReplicaAutoScaling(
      UpdateTableReplicaAutoScalingRequest request) {
    return delegate.updateTableReplicaAutoScaling(request);
  }

  /** Passed through. */
  @Override
  public DescribeContributorInsightsResponse describeContributorInsights(
      DescribeContributorInsightsRequest request) {
    return delegate.describeContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public ListContributorInsightsResponse listContributorInsights(
      ListContributorInsightsRequest request) {
    return delegate.listContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public UpdateContributorInsightsResponse updateContributorInsights(
      UpdateContributorInsightsRequest request) {
    return delegate.updateContributorInsights(request);
  }

  /** Passed through. */
  @Override
  public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(
      DescribeKinesisStreamingDestinationRequest request) {
    return delegate.describeKinesisStreamingDestination(request);
  }

  /** Passed through (the stream carries items as stored: encrypted). */
  @Override
  public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(
      EnableKinesisStreamingDestinationRequest request) {
    return delegate.enableKinesisStreamingDestination(request);
  }

  /** Passed through. */
  @Override
  public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(
      DisableKinesisStreamingDestinationRequest request) {
    return delegate.disableKinesisStreamingDestination(request);
  }

  /** Passed through. */
  @Override
  public UpdateKinesisStreamingDestinationResponse updateKinesisStreamingDestination(
      UpdateKinesisStreamingDestinationRequest request) {
    return delegate.updateKinesisStreamingDestination(request);
  }

  /** Passed through (the export holds items as stored: encrypted). */
  @Override
  public ExportTableToPointInTimeResponse exportTableToPointInTime(
      ExportTableToPointInTimeRequest request) {
    return delegate.exportTableToPointInTime(request);
  }

  /** Passed through. */
  @Override
  public DescribeExportResponse describeExport(DescribeExportRequest request) {
    return delegate.describeExport(request);
  }

  /** Passed through. */
  @Override
  public ListExportsResponse listExports(ListExportsRequest request) {
    return delegate.listExports(request);
  }

  /**
   * Passed through: the import creates a new table from S3 data as it is; items in it are read like
   * any others (plaintext ones according to the {@link PlaintextPolicy}).
   */
  @Override
  public ImportTableResponse importTable(ImportTableRequest request) {
    return delegate.importTable(request);
  }

  /** Passed through. */
  @Override
  public DescribeImportResponse describeImport(DescribeImportRequest request) {
    return delegate.describeImport(request);
  }

  /** Passed through. */
  @Override
  public ListImportsResponse listImports(ListImportsRequest request) {
    return delegate.listImports(request);
  }

  /** Passed through. */
  @Override
  public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
    return delegate.getResourcePolicy(request);
  }

  /** Passed through. */
  @Override
  public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
    return delegate.putResourcePolicy(request);
  }

  /** Passed through. */
  @Override
  public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
    return delegate.deleteResourcePolicy(request);
  }

  /** A waiter that polls DescribeTable through this client. Close it after use. */
  @Override
  public DynamoDbWaiter waiter() {
    return DynamoDbWaiter.builder().client(this).build();
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

  /** Closes the delegate; does nothing on a view made by {@link #withTableConfig(TableConfig)}. */
  @Override
  public void close() {
    if (!view) {
      delegate.close();
    }
  }

  @Override
  public String toString() {
    return settings.describe("EncryptedDynamoDbClient", view);
  }

  // ---------------------------------------------------------------------------------------------

  private TableState table(String tableName) {
    if (tableName == null) {
      throw new InvalidConfigurationException("The request names no table");
    }
    return resolver.resolve(tableName, this::describe);
  }

  private TableState refreshed(String tableName) {
    resolver.forget(tableName);
    return table(tableName);
  }

  private TableKeySchema describe(String tableNameOrArn) {
    try {
      return TableKeySchema.from(delegate.describeTable(r -> r.tableName(tableNameOrArn)).table());
    } catch (RuntimeException e) {
      throw TableResolver.describeFailed(tableNameOrArn, e, delegate::serviceClientConfiguration);
    }
  }

  /** Builder for {@link EncryptedDynamoDbClient}. Not thread-safe. */
  public static final class Builder {
    private DynamoDbClient delegate;
    private MaterialsProvider materialsProvider;
    private AttributeActions attributeActions = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);
    private PlaintextPolicy plaintextPolicy = PlaintextPolicy.REJECT;
    private final List<TableConfig> tableConfigs = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the client that talks to DynamoDB. Required. The encrypted client closes it when it is
     * closed.
     *
     * @param delegate the client
     * @return this builder
     */
    public Builder delegate(DynamoDbClient delegate) {
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
     * ENCRYPT_AND_SIGN. Key attributes are protected automatically (see the class comment).
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
     * Builds the client.
     *
     * @return the client
     * @throws InvalidConfigurationException if the delegate or materials provider is missing, a
     *     table is configured twice, or a configured key schema conflicts with the actions
     */
    public EncryptedDynamoDbClient build() {
      if (delegate == null) {
        throw new InvalidConfigurationException(
            "EncryptedDynamoDbClient needs a delegate DynamoDbClient");
      }
      if (materialsProvider == null) {
        throw new InvalidConfigurationException(
            "EncryptedDynamoDbClient needs a materials provider");
      }
      return new EncryptedDynamoDbClient(this);
    }
  }
}
