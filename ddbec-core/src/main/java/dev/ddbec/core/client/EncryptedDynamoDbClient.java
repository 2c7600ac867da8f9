package dev.ddbec.core.client;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.core.client.internal.ClientSettings;
import dev.ddbec.core.client.internal.Operations;
import dev.ddbec.core.client.internal.SyncRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
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
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
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
public final class EncryptedDynamoDbClient extends PassThroughDynamoDbClient {
  private final ClientSettings settings;
  private final SyncRunner runner;
  private final boolean view;

  private EncryptedDynamoDbClient(DynamoDbClient delegate, ClientSettings settings, boolean view) {
    super(delegate);
    this.settings = settings;
    this.runner = new SyncRunner(delegate, settings.resolver());
    this.view = view;
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
    return new Builder().settings(settings.settings()).delegate(delegate);
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
    return new EncryptedDynamoDbClient(delegate, settings.withTableConfig(override), true);
  }

  /** A waiter that polls DescribeTable through this client. Close it after use. */
  @Override
  public DynamoDbWaiter waiter() {
    return DynamoDbWaiter.builder().client(this).build();
  }

  // ---------------------------------------------------------------------------------------------
  // Protected operations (see Operations); the control plane is passed through by the superclass
  // ---------------------------------------------------------------------------------------------

  /**
   * Encrypts and signs the item, then puts it. The old item returned with ReturnValues ALL_OLD is
   * verified and decrypted.
   */
  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return runner.run(Operations.PUT_ITEM, request, delegate::putItem);
  }

  /** Gets the item, then verifies and decrypts it. Projections are refused. */
  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return runner.run(Operations.GET_ITEM, request, delegate::getItem);
  }

  /**
   * Deletes the item; the old item returned with ReturnValues ALL_OLD is verified and decrypted.
   */
  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    return runner.run(Operations.DELETE_ITEM, request, delegate::deleteItem);
  }

  /**
   * Updates DO_NOTHING attributes of an item; an update of any other attribute is refused (see the
   * class comment). Whole items returned (ALL_OLD, ALL_NEW) are verified and decrypted.
   */
  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return runner.run(Operations.UPDATE_ITEM, request, delegate::updateItem);
  }

  /** Queries, then verifies and decrypts every item of the page (or fails the page). */
  @Override
  public QueryResponse query(QueryRequest request) {
    return runner.run(Operations.QUERY, request, delegate::query);
  }

  /** Scans, then verifies and decrypts every item of the page (or fails the page). */
  @Override
  public ScanResponse scan(ScanRequest request) {
    return runner.run(Operations.SCAN, request, delegate::scan);
  }

  /** Gets items from one or more tables, then verifies and decrypts all of them. */
  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    return runner.run(Operations.BATCH_GET_ITEM, request, delegate::batchGetItem);
  }

  /**
   * Encrypts every put item (all before anything is sent), then writes the batch. UnprocessedItems
   * are returned as the caller gave them, in plaintext.
   */
  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    return runner.run(Operations.BATCH_WRITE_ITEM, request, delegate::batchWriteItem);
  }

  /**
   * Encrypts Put items and checks Update items (as {@link #updateItem(UpdateItemRequest)}), then
   * runs the transaction.
   */
  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    return runner.run(Operations.TRANSACT_WRITE_ITEMS, request, delegate::transactWriteItems);
  }

  /** Runs the transaction, then verifies and decrypts every item. Projections are refused. */
  @Override
  public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
    return runner.run(Operations.TRANSACT_GET_ITEMS, request, delegate::transactGetItems);
  }

  /** Refused on protected tables (PartiQL bypasses item protection); passed for others. */
  @Override
  public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
    return runner.run(Operations.EXECUTE_STATEMENT, request, delegate::executeStatement);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
    return runner.run(Operations.BATCH_EXECUTE_STATEMENT, request, delegate::batchExecuteStatement);
  }

  /** Refused if any statement is on a protected table; passed otherwise. */
  @Override
  public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
    return runner.run(Operations.EXECUTE_TRANSACTION, request, delegate::executeTransaction);
  }

  /** Refused on protected tables (results are partial index items); passed for others. */
  @Override
  public SearchVectorsResponse searchVectors(SearchVectorsRequest request) {
    return runner.run(Operations.SEARCH_VECTORS, request, delegate::searchVectors);
  }

  /** Passed through; the cached key schema of the table is dropped. */
  @Override
  public DeleteTableResponse deleteTable(DeleteTableRequest request) {
    return runner.schemaChange(request.tableName(), () -> delegate.deleteTable(request));
  }

  /** Passed through; the cached key schema of the table is dropped (indexes may change). */
  @Override
  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    return runner.schemaChange(request.tableName(), () -> delegate.updateTable(request));
  }

  /** The delegate's configuration. */
  @Override
  public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
    return delegate.serviceClientConfiguration();
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

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  /**
   * Builder for {@link EncryptedDynamoDbClient}: the delegate, and the settings of {@link
   * ProtectionSettings.ClientBuilder}. Not thread-safe.
   */
  public static final class Builder
      extends ProtectionSettings.ClientBuilder<Builder, DynamoDbClient> {
    private Builder() {}

    /**
     * Builds the client.
     *
     * @return the client
     * @throws InvalidConfigurationException if the delegate or materials provider is missing, a
     *     table is configured twice, or a configured key schema conflicts with the actions
     */
    public EncryptedDynamoDbClient build() {
      String owner = "EncryptedDynamoDbClient";
      DynamoDbClient delegate = requireDelegate(owner, "DynamoDbClient");
      return new EncryptedDynamoDbClient(
          delegate, ClientSettings.create(buildSettings(owner)), false);
    }
  }
}
