package dev.ddbec.core.client.internal;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.ReturnedItemIntegrityException;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.internal.TableNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rewrites requests and responses of the protected operations: encrypts items on the way out,
 * verifies and decrypts them on the way back, and refuses what cannot be protected. Shared by the
 * synchronous and asynchronous clients; no I/O happens here. Stateless and thread-safe.
 */
public final class ItemOperations {
  private static final String GUARD_PLACEHOLDER = "#ddbec_exists";

  private ItemOperations() {}

  /** Resolved tables by name (or ARN). */
  @FunctionalInterface
  public interface Tables {
    /**
     * The state of a table.
     *
     * @param tableName the table name or ARN, as a request or response names it
     * @return its state
     */
    TableState get(String tableName);
  }

  // ---------------------------------------------------------------------------------------------
  // Single-item operations
  // ---------------------------------------------------------------------------------------------

  /** PutItem: conditions on encrypted attributes refused; the item encrypted. */
  public static PutItemRequest putItem(PutItemRequest request, TableState table) {
    if (!table.isProtected()) {
      return request;
    }
    requireComparable(
        "PutItem",
        table,
        request.conditionExpression(),
        request.expressionAttributeNames(),
        request.expected());
    if (!request.hasItem()) {
      return request;
    }
    return request.toBuilder().item(table.encrypt(request.item())).build();
  }

  /**
   * PutItem: the old item (ReturnValues ALL_OLD) decrypted.
   *
   * @throws ReturnedItemIntegrityException (write applied) if the old item fails verification
   */
  public static PutItemResponse putItem(PutItemResponse response, TableState table) {
    if (!table.isProtected() || !response.hasAttributes()) {
      return response;
    }
    return response.toBuilder()
        .attributes(returnedItem("PutItem", table, response.attributes()))
        .build();
  }

  /** GetItem: refuses projections. */
  public static GetItemRequest getItem(GetItemRequest request, TableState table) {
    if (table.isProtected()) {
      requireWholeItems(
          "GetItem", table, request.projectionExpression(), request.attributesToGet(), null);
    }
    return request;
  }

  /** GetItem: the item decrypted. */
  public static GetItemResponse getItem(GetItemResponse response, TableState table) {
    if (!table.isProtected() || !response.hasItem()) {
      return response;
    }
    return response.toBuilder().item(table.decrypt(response.item())).build();
  }

  /** DeleteItem: conditions on encrypted attributes refused. */
  public static DeleteItemRequest deleteItem(DeleteItemRequest request, TableState table) {
    if (table.isProtected()) {
      requireComparable(
          "DeleteItem",
          table,
          request.conditionExpression(),
          request.expressionAttributeNames(),
          request.expected());
    }
    return request;
  }

  /**
   * DeleteItem: the old item (ReturnValues ALL_OLD) decrypted.
   *
   * @throws ReturnedItemIntegrityException (write applied) if the old item fails verification
   */
  public static DeleteItemResponse deleteItem(DeleteItemResponse response, TableState table) {
    if (!table.isProtected() || !response.hasAttributes()) {
      return response;
    }
    return response.toBuilder()
        .attributes(returnedItem("DeleteItem", table, response.attributes()))
        .build();
  }

  /**
   * An item DynamoDB returned with an applied write, verified and decrypted; a verification failure
   * becomes a {@link ReturnedItemIntegrityException} that says the write was applied.
   */
  private static Map<String, AttributeValue> returnedItem(
      String operation, TableState table, Map<String, AttributeValue> item) {
    try {
      return table.decrypt(item);
    } catch (ItemIntegrityException e) {
      throw new ReturnedItemIntegrityException(operation, table.tableName(), true, e);
    }
  }

  /**
   * UpdateItem: allowed only when it modifies DO_NOTHING attributes alone and its conditions
   * compare no encrypted attribute; made conditional on the item existing (with a signature under
   * {@link PlaintextPolicy#REJECT}), unless the policy writes plaintext.
   */
  public static UpdateItemRequest updateItem(UpdateItemRequest request, TableState table) {
    if (!table.isProtected()) {
      return request;
    }
    ReturnValue returnValues = request.returnValues();
    if (returnValues == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
      throw new RefusedRequestException(
          "UpdateItem",
          table.tableName(),
          "UpdateItem on protected table "
              + table.tableName()
              + " with ReturnValues "
              + request.returnValuesAsString()
              + " is refused: this client does not know that value");
    }
    Set<String> modified = new LinkedHashSet<>();
    if (request.updateExpression() != null) {
      modified.addAll(
          modifiedAttributes(
              "UpdateItem", table, request.updateExpression(), request.expressionAttributeNames()));
    }
    if (request.hasAttributeUpdates()) {
      modified.addAll(request.attributeUpdates().keySet());
    }
    requireDoNothing("UpdateItem", table, modified);
    requireComparable(
        "UpdateItem",
        table,
        request.conditionExpression(),
        request.expressionAttributeNames(),
        request.expected());
    String mustExist = existenceGuard(table);
    if (mustExist == null) {
      return request;
    }
    boolean legacy = request.hasAttributeUpdates() || request.hasExpected();
    boolean expressions =
        request.updateExpression() != null || request.conditionExpression() != null;
    if (legacy && expressions) {
      return request; // DynamoDB rejects mixing the two styles; let it say so.
    }
    if (legacy) {
      return request.toBuilder().expected(requireExistsLegacy(request, table, mustExist)).build();
    }
    Map<String, String> names = new HashMap<>(request.expressionAttributeNames());
    return request.toBuilder()
        .conditionExpression(requireExists(request.conditionExpression(), names, mustExist))
        .expressionAttributeNames(names)
        .build();
  }

  /**
   * The attribute an update must find on the item, so that it cannot create one: the signature
   * under {@link PlaintextPolicy#REJECT} (a new item would be unsigned, and unreadable), the
   * partition key under {@link PlaintextPolicy#ALLOW_READ_PLAINTEXT} (plaintext items may still be
   * updated, but none is created); none when the policy writes plaintext anyway.
   */
  private static String existenceGuard(TableState table) {
    return switch (table.policy()) {
      case REJECT -> ReservedAttributes.SIGNATURE;
      case ALLOW_READ_PLAINTEXT -> table.schema().partitionKeyName();
      case WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT -> null;
    };
  }

  /** UpdateItem: whole returned items (ALL_OLD, ALL_NEW) decrypted. */
  public static UpdateItemResponse updateItem(
      UpdateItemResponse response, UpdateItemRequest request, TableState table) {
    if (!table.isProtected() || !response.hasAttributes()) {
      return response;
    }
    ReturnValue rv = request.returnValues();
    if (rv == ReturnValue.ALL_OLD || rv == ReturnValue.ALL_NEW) {
      return response.toBuilder()
          .attributes(returnedItem("UpdateItem", table, response.attributes()))
          .build();
    }
    // UPDATED_OLD / UPDATED_NEW: only the modified attributes, all DO_NOTHING.
    return response;
  }

  /**
   * A conditional write failed: the item it carries (ReturnValuesOnConditionCheckFailure ALL_OLD)
   * decrypted.
   *
   * @param operation the operation, e.g. {@code PutItem}
   * @return the exception to throw: a copy of {@code e} with the item decrypted, or a {@link
   *     ReturnedItemIntegrityException} (write not applied, {@code e} suppressed) if the item fails
   *     verification
   */
  public static RuntimeException conditionFailed(
      String operation, ConditionalCheckFailedException e, TableState table) {
    if (!table.isProtected() || !e.hasItem()) {
      return e;
    }
    Map<String, AttributeValue> plain;
    try {
      plain = table.decrypt(e.item());
    } catch (RuntimeException failure) {
      return notApplied(operation, table.tableName(), failure, e);
    }
    ConditionalCheckFailedException copy = e.toBuilder().item(plain).build();
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  // ---------------------------------------------------------------------------------------------
  // Query and Scan
  // ---------------------------------------------------------------------------------------------

  /**
   * Query: refuses projections, reads from indexes that return partial items, and key conditions
   * and filters that compare encrypted attributes.
   */
  public static QueryRequest query(QueryRequest request, TableState table) {
    if (table.isProtected()) {
      requireWholeItems(
          "Query",
          table,
          request.projectionExpression(),
          request.attributesToGet(),
          request.select());
      requireWholeIndexItems("Query", table, request.indexName(), request.select());
      requireComparable(
          "Query",
          table,
          request.keyConditionExpression(),
          request.expressionAttributeNames(),
          request.keyConditions());
      requireComparable(
          "Query",
          table,
          request.filterExpression(),
          request.expressionAttributeNames(),
          request.queryFilter());
    }
    return request;
  }

  /** Query: the page's items decrypted; any failure fails the page. */
  public static QueryResponse query(QueryResponse response, TableState table) {
    if (!table.isProtected() || !response.hasItems()) {
      return response;
    }
    return response.toBuilder().items(table.decryptAll(response.items())).build();
  }

  /**
   * Scan: refuses projections, reads from indexes that return partial items, and filters that
   * compare encrypted attributes.
   */
  public static ScanRequest scan(ScanRequest request, TableState table) {
    if (table.isProtected()) {
      requireWholeItems(
          "Scan",
          table,
          request.projectionExpression(),
          request.attributesToGet(),
          request.select());
      requireWholeIndexItems("Scan", table, request.indexName(), request.select());
      requireComparable(
          "Scan",
          table,
          request.filterExpression(),
          request.expressionAttributeNames(),
          request.scanFilter());
    }
    return request;
  }

  /** Scan: the page's items decrypted; any failure fails the page. */
  public static ScanResponse scan(ScanResponse response, TableState table) {
    if (!table.isProtected() || !response.hasItems()) {
      return response;
    }
    return response.toBuilder().items(table.decryptAll(response.items())).build();
  }

  /**
   * Tells whether a Query or Scan names an index the table's key schema does not list (the client
   * then describes the table again before deciding).
   */
  public static boolean unknownIndex(TableState table, String indexName) {
    return table.isProtected()
        && indexName != null
        && table.schema().secondaryIndex(indexName).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Batches
  // ---------------------------------------------------------------------------------------------

  /** BatchGetItem: refuses projections. */
  public static BatchGetItemRequest batchGetItem(BatchGetItemRequest request, Tables tables) {
    for (Map.Entry<String, KeysAndAttributes> e : request.requestItems().entrySet()) {
      TableState table = tables.get(e.getKey());
      if (table.isProtected()) {
        requireWholeItems(
            "BatchGetItem",
            table,
            e.getValue().projectionExpression(),
            e.getValue().attributesToGet(),
            null);
      }
    }
    return request;
  }

  /**
   * BatchGetItem: every returned item decrypted (UnprocessedKeys are keys: returned as they are).
   */
  public static BatchGetItemResponse batchGetItem(BatchGetItemResponse response, Tables tables) {
    if (!response.hasResponses()) {
      return response;
    }
    Map<String, List<Map<String, AttributeValue>>> out = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, List<Map<String, AttributeValue>>> e : response.responses().entrySet()) {
      TableState table = tables.get(e.getKey());
      out.put(e.getKey(), table.decryptAll(e.getValue()));
      changed |= table.isProtected();
    }
    return changed ? response.toBuilder().responses(out).build() : response;
  }

  /** The tables of a BatchGetItem request. */
  public static Set<String> tablesOf(BatchGetItemRequest request) {
    return request.requestItems().keySet();
  }

  /** A BatchWriteItem request with its items encrypted, remembering their plaintext. */
  public static final class PreparedBatchWrite {
    private final BatchWriteItemRequest request;
    private final Map<String, Map<Map<String, AttributeValue>, WriteRequest>> originals;
    private final Tables tables;

    private PreparedBatchWrite(
        BatchWriteItemRequest request,
        Map<String, Map<Map<String, AttributeValue>, WriteRequest>> originals,
        Tables tables) {
      this.request = request;
      this.originals = originals;
      this.tables = tables;
    }

    /** The request to send. */
    public BatchWriteItemRequest request() {
      return request;
    }

    /**
     * The response with its UnprocessedItems handed back as the caller gave them (plaintext), so
     * that sending them again through the client just works.
     */
    public BatchWriteItemResponse complete(BatchWriteItemResponse response) {
      if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
        return response;
      }
      Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
      for (Map.Entry<String, List<WriteRequest>> e : response.unprocessedItems().entrySet()) {
        String tableName = e.getKey();
        Map<Map<String, AttributeValue>, WriteRequest> sent =
            originals.get(TableNames.fromNameOrArn(tableName));
        List<WriteRequest> plain = new ArrayList<>(e.getValue().size());
        for (WriteRequest w : e.getValue()) {
          if (w.putRequest() == null || sent == null) {
            plain.add(w);
            continue;
          }
          WriteRequest original = sent.get(w.putRequest().item());
          if (original != null) {
            plain.add(original);
          } else {
            // Not what we sent (cannot happen with DynamoDB): verify and decrypt it instead.
            Map<String, AttributeValue> item = tables.get(tableName).decrypt(w.putRequest().item());
            plain.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
          }
        }
        unprocessed.put(tableName, plain);
      }
      return response.toBuilder().unprocessedItems(unprocessed).build();
    }
  }

  /** BatchWriteItem: every PutRequest item encrypted (all of them before anything is sent). */
  public static PreparedBatchWrite batchWriteItem(BatchWriteItemRequest request, Tables tables) {
    Map<String, List<WriteRequest>> encrypted = new LinkedHashMap<>();
    Map<String, Map<Map<String, AttributeValue>, WriteRequest>> originals = new HashMap<>();
    boolean changed = false;
    for (Map.Entry<String, List<WriteRequest>> e : request.requestItems().entrySet()) {
      TableState table = tables.get(e.getKey());
      if (!table.isProtected()) {
        encrypted.put(e.getKey(), e.getValue());
        continue;
      }
      changed = true;
      Map<Map<String, AttributeValue>, WriteRequest> sent = new HashMap<>();
      List<WriteRequest> out = new ArrayList<>(e.getValue().size());
      for (WriteRequest w : e.getValue()) {
        PutRequest put = w.putRequest();
        if (put == null || !put.hasItem()) {
          out.add(w); // DeleteRequest: keys only, which are never encrypted.
          continue;
        }
        Map<String, AttributeValue> item = table.encrypt(put.item());
        sent.put(item, w);
        out.add(w.toBuilder().putRequest(put.toBuilder().item(item).build()).build());
      }
      encrypted.put(e.getKey(), out);
      originals.put(table.tableName(), sent); // by name: a response may name it either way
    }
    BatchWriteItemRequest out =
        changed ? request.toBuilder().requestItems(encrypted).build() : request;
    return new PreparedBatchWrite(out, originals, tables);
  }

  /** The tables of a BatchWriteItem request. */
  public static Set<String> tablesOf(BatchWriteItemRequest request) {
    return request.requestItems().keySet();
  }

  // ---------------------------------------------------------------------------------------------
  // Transactions
  // ---------------------------------------------------------------------------------------------

  /** A TransactWriteItems request with its Put items encrypted. */
  public static TransactWriteItemsRequest transactWriteItems(
      TransactWriteItemsRequest request, Tables tables) {
    List<TransactWriteItem> out = new ArrayList<>(request.transactItems().size());
    boolean changed = false;
    for (TransactWriteItem w : request.transactItems()) {
      transactConditions(w, tables);
      if (w.put() != null) {
        TableState table = tables.get(w.put().tableName());
        if (table.isProtected() && w.put().hasItem()) {
          changed = true;
          w =
              w.toBuilder()
                  .put(w.put().toBuilder().item(table.encrypt(w.put().item())).build())
                  .build();
        }
      } else if (w.update() != null) {
        TableState table = tables.get(w.update().tableName());
        Update update = transactUpdate(w.update(), table);
        if (update != w.update()) {
          changed = true;
          w = w.toBuilder().update(update).build();
        }
      }
      // ConditionCheck and Delete carry keys and conditions only: passed as they are.
      out.add(w);
    }
    return changed ? request.toBuilder().transactItems(out).build() : request;
  }

  /** The condition of any transaction item must compare no encrypted attribute. */
  private static void transactConditions(TransactWriteItem w, Tables tables) {
    String tableName;
    String condition;
    Map<String, String> names;
    if (w.put() != null) {
      tableName = w.put().tableName();
      condition = w.put().conditionExpression();
      names = w.put().expressionAttributeNames();
    } else if (w.update() != null) {
      tableName = w.update().tableName();
      condition = w.update().conditionExpression();
      names = w.update().expressionAttributeNames();
    } else if (w.delete() != null) {
      tableName = w.delete().tableName();
      condition = w.delete().conditionExpression();
      names = w.delete().expressionAttributeNames();
    } else if (w.conditionCheck() != null) {
      tableName = w.conditionCheck().tableName();
      condition = w.conditionCheck().conditionExpression();
      names = w.conditionCheck().expressionAttributeNames();
    } else {
      return;
    }
    TableState table = tables.get(tableName);
    if (table.isProtected()) {
      requireComparable("TransactWriteItems", table, condition, names, Map.of());
    }
  }

  private static Update transactUpdate(Update update, TableState table) {
    if (!table.isProtected()) {
      return update;
    }
    requireDoNothing(
        "TransactWriteItems",
        table,
        modifiedAttributes(
            "TransactWriteItems",
            table,
            update.updateExpression() == null ? "" : update.updateExpression(),
            update.expressionAttributeNames()));
    String mustExist = existenceGuard(table);
    if (mustExist == null) {
      return update;
    }
    Map<String, String> names = new HashMap<>(update.expressionAttributeNames());
    return update.toBuilder()
        .conditionExpression(requireExists(update.conditionExpression(), names, mustExist))
        .expressionAttributeNames(names)
        .build();
  }

  /** The tables of a TransactWriteItems request, by position. */
  public static List<String> tablesOf(TransactWriteItemsRequest request) {
    List<String> names = new ArrayList<>();
    for (TransactWriteItem w : request.transactItems()) {
      names.add(
          w.put() != null
              ? w.put().tableName()
              : w.update() != null
                  ? w.update().tableName()
                  : w.delete() != null
                      ? w.delete().tableName()
                      : w.conditionCheck() != null ? w.conditionCheck().tableName() : null);
    }
    return names;
  }

  /**
   * A transaction was cancelled: the items its cancellation reasons carry
   * (ReturnValuesOnConditionCheckFailure ALL_OLD) decrypted.
   *
   * @param tableByPosition the table of each transaction item, by position
   * @return the exception to throw
   */
  public static RuntimeException transactionCanceled(
      TransactionCanceledException e, List<String> tableByPosition, Tables tables) {
    if (!e.hasCancellationReasons()) {
      return e;
    }
    List<CancellationReason> reasons = new ArrayList<>(e.cancellationReasons().size());
    boolean changed = false;
    for (int i = 0; i < e.cancellationReasons().size(); i++) {
      CancellationReason reason = e.cancellationReasons().get(i);
      String tableName = i < tableByPosition.size() ? tableByPosition.get(i) : null;
      if (reason.hasItem() && tableName != null && tables.get(tableName).isProtected()) {
        Map<String, AttributeValue> plain;
        try {
          plain = tables.get(tableName).decrypt(reason.item());
        } catch (RuntimeException failure) {
          return notApplied("TransactWriteItems", tables.get(tableName).tableName(), failure, e);
        }
        reason = reason.toBuilder().item(plain).build();
        changed = true;
      }
      reasons.add(reason);
    }
    if (!changed) {
      return e;
    }
    TransactionCanceledException copy = e.toBuilder().cancellationReasons(reasons).build();
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /**
   * The exception for an item carried by a failed condition that could not be decrypted: the write
   * was not applied, and the DynamoDB exception is kept as a suppressed exception.
   */
  private static RuntimeException notApplied(
      String operation, String tableName, RuntimeException failure, RuntimeException dynamoDb) {
    RuntimeException out =
        failure instanceof ItemIntegrityException integrity
            ? new ReturnedItemIntegrityException(operation, tableName, false, integrity)
            : failure;
    out.addSuppressed(dynamoDb);
    return out;
  }

  /** TransactGetItems: refuses projections. */
  public static TransactGetItemsRequest transactGetItems(
      TransactGetItemsRequest request, Tables tables) {
    for (TransactGetItem g : request.transactItems()) {
      Get get = g.get();
      if (get != null && tables.get(get.tableName()).isProtected()) {
        requireWholeItems(
            "TransactGetItems",
            tables.get(get.tableName()),
            get.projectionExpression(),
            null,
            null);
      }
    }
    return request;
  }

  /** TransactGetItems: every returned item decrypted (responses are in request order). */
  public static TransactGetItemsResponse transactGetItems(
      TransactGetItemsResponse response, TransactGetItemsRequest request, Tables tables) {
    if (!response.hasResponses()) {
      return response;
    }
    List<ItemResponse> out = new ArrayList<>(response.responses().size());
    boolean changed = false;
    for (int i = 0; i < response.responses().size(); i++) {
      ItemResponse r = response.responses().get(i);
      Get get = request.transactItems().get(i).get();
      TableState table = tables.get(get.tableName());
      if (table.isProtected() && r.hasItem()) {
        r = r.toBuilder().item(table.decrypt(r.item())).build();
        changed = true;
      }
      out.add(r);
    }
    return changed ? response.toBuilder().responses(out).build() : response;
  }

  /** The tables of a TransactGetItems request. */
  public static Set<String> tablesOf(TransactGetItemsRequest request) {
    Set<String> names = new LinkedHashSet<>();
    for (TransactGetItem g : request.transactItems()) {
      if (g.get() != null) {
        names.add(g.get().tableName());
      }
    }
    return names;
  }

  /** The tables of a TransactWriteItems request. */
  public static Set<String> tableSetOf(TransactWriteItemsRequest request) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : tablesOf(request)) {
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // PartiQL and other refusals
  // ---------------------------------------------------------------------------------------------

  /** ExecuteStatement: refused on protected tables. */
  public static void executeStatement(
      ExecuteStatementRequest request, Predicate<String> isProtected) {
    checkStatement("ExecuteStatement", request.statement(), isProtected);
  }

  /** BatchExecuteStatement: refused if any statement is on a protected table. */
  public static void batchExecuteStatement(
      BatchExecuteStatementRequest request, Predicate<String> isProtected) {
    for (BatchStatementRequest s : request.statements()) {
      checkStatement("BatchExecuteStatement", s.statement(), isProtected);
    }
  }

  /** ExecuteTransaction: refused if any statement is on a protected table. */
  public static void executeTransaction(
      ExecuteTransactionRequest request, Predicate<String> isProtected) {
    for (ParameterizedStatement s : request.transactStatements()) {
      checkStatement("ExecuteTransaction", s.statement(), isProtected);
    }
  }

  private static void checkStatement(
      String operation, String statement, Predicate<String> isProtected) {
    String table = PartiqlStatements.tableName(statement).orElse(null);
    if (table == null) {
      throw new RefusedRequestException(
          operation,
          null,
          operation
              + " is refused: this client cannot tell which table the PartiQL statement works on,"
              + " so it cannot rule out a protected table. PartiQL bypasses encryption and"
              + " signing; use PutItem, GetItem, Query, Scan and the batch and transaction"
              + " operations instead");
    }
    if (isProtected.test(table)) {
      throw new RefusedRequestException(
          operation,
          table,
          operation
              + " on protected table "
              + table
              + " is refused: PartiQL statements are evaluated by DynamoDB on stored items,"
              + " which this client cannot encrypt, sign or verify. Use PutItem, GetItem, Query,"
              + " Scan and the batch and transaction operations instead");
    }
  }

  /** An operation that carries items and is not on the allow-list, on a protected table. */
  public static RefusedRequestException unsupported(
      String operation, String tableName, String instead) {
    return new RefusedRequestException(
        operation,
        tableName,
        operation
            + " on protected table "
            + tableName
            + " is refused: the encrypted client does not support it, and passing it through"
            + " would read or write items unprotected. "
            + instead);
  }

  // ---------------------------------------------------------------------------------------------
  // Checks
  // ---------------------------------------------------------------------------------------------

  private static void requireWholeItems(
      String operation,
      TableState table,
      String projectionExpression,
      List<String> attributesToGet,
      Select select) {
    String what = null;
    if (projectionExpression != null) {
      what = "a ProjectionExpression";
    } else if (attributesToGet != null && !attributesToGet.isEmpty()) {
      what = "AttributesToGet";
    } else if (select != null && select != Select.ALL_ATTRIBUTES && select != Select.COUNT) {
      what = "Select=" + select;
    }
    if (what != null) {
      throw new RefusedRequestException(
          operation,
          table.tableName(),
          operation
              + " with "
              + what
              + " on protected table "
              + table.tableName()
              + " is refused: a partial item cannot be verified, because the signature covers"
              + " every signed attribute. Read whole items (no projection, Select ALL_ATTRIBUTES"
              + " or COUNT) and pick the attributes after decryption");
    }
  }

  private static void requireWholeIndexItems(
      String operation, TableState table, String indexName, Select select) {
    if (indexName == null || select == Select.COUNT) {
      return;
    }
    TableKeySchema.SecondaryIndex index =
        table
            .schema()
            .secondaryIndex(indexName)
            .orElseThrow(
                () ->
                    new RefusedRequestException(
                        operation,
                        table.tableName(),
                        operation
                            + " on index "
                            + indexName
                            + " of protected table "
                            + table.tableName()
                            + " is refused: the table's key schema has no such index. If the"
                            + " schema comes from a TableConfig, add the index to it"));
    if (index.projectsAllAttributes() || (index.local() && select == Select.ALL_ATTRIBUTES)) {
      return;
    }
    throw new RefusedRequestException(
        operation,
        table.tableName(),
        operation
            + " on index "
            + indexName
            + " of protected table "
            + table.tableName()
            + " is refused: the index projects "
            + index.projection()
            + ", so its items are partial and cannot be verified. Use an index that projects"
            + " ALL attributes"
            + (index.local()
                ? ", or Select ALL_ATTRIBUTES (a local index then reads whole items)"
                : "")
            + ". To read only keys from it, query it with a plain DynamoDbClient (keys are never"
            + " encrypted) and get the whole items through this client");
  }

  private static Set<String> modifiedAttributes(
      String operation, TableState table, String expression, Map<String, String> names) {
    try {
      return UpdateExpressions.modifiedAttributes(expression, names);
    } catch (UpdateExpressions.MalformedExpressionException e) {
      throw new RefusedRequestException(
          operation,
          table.tableName(),
          operation
              + " on protected table "
              + table.tableName()
              + " is refused: its update expression cannot be analysed ("
              + e.getMessage()
              + "), so this client cannot check that it leaves signed attributes alone");
    }
  }

  /**
   * Refuses a condition, filter or key condition that compares the value of an ENCRYPT_AND_SIGN
   * attribute: DynamoDB evaluates it on the stored ciphertext, so it would silently never match.
   * Tests of existence ({@code attribute_exists}, {@code attribute_not_exists}, legacy {@code
   * NULL}/{@code NOT_NULL} and {@code Exists=false}) are allowed on any attribute.
   *
   * @param expression a condition expression, or null
   * @param legacy legacy conditions ({@code Expected}, {@code QueryFilter}, {@code ScanFilter},
   *     {@code KeyConditions}): values are {@link ExpectedAttributeValue} or {@link Condition}
   */
  private static void requireComparable(
      String operation,
      TableState table,
      String expression,
      Map<String, String> names,
      Map<String, ?> legacy) {
    Set<String> compared = new LinkedHashSet<>();
    if (expression != null) {
      try {
        compared.addAll(UpdateExpressions.comparedAttributes(expression, names));
      } catch (UpdateExpressions.MalformedExpressionException e) {
        throw new RefusedRequestException(
            operation,
            table.tableName(),
            operation
                + " on protected table "
                + table.tableName()
                + " is refused: a condition or filter expression of it cannot be analysed ("
                + e.getMessage()
                + "), so this client cannot check that it compares no encrypted attribute");
      }
    }
    for (Map.Entry<String, ?> e : legacy.entrySet()) {
      if (comparesValue(e.getValue())) {
        compared.add(e.getKey());
      }
    }
    List<String> encrypted = new ArrayList<>();
    for (String name : compared) {
      if (table.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        encrypted.add("'" + name + "'");
      }
    }
    if (!encrypted.isEmpty()) {
      throw new RefusedRequestException(
          operation,
          table.tableName(),
          operation
              + " on protected table "
              + table.tableName()
              + " is refused: a condition or filter compares the value of "
              + String.join(", ", encrypted)
              + " (ENCRYPT_AND_SIGN). DynamoDB evaluates conditions and filters on the stored"
              + " ciphertext, so the comparison would silently never match. Compare only"
              + " SIGN_ONLY or DO_NOTHING attributes (attribute_exists and attribute_not_exists"
              + " work on any attribute), or filter the items after they are decrypted");
    }
  }

  private static boolean comparesValue(Object legacyCondition) {
    if (legacyCondition instanceof ExpectedAttributeValue e) {
      ComparisonOperator op = e.comparisonOperator();
      if (op == ComparisonOperator.NULL || op == ComparisonOperator.NOT_NULL) {
        return false;
      }
      return op != null || e.value() != null || e.hasAttributeValueList();
    }
    if (legacyCondition instanceof Condition c) {
      ComparisonOperator op = c.comparisonOperator();
      return op != ComparisonOperator.NULL && op != ComparisonOperator.NOT_NULL;
    }
    return true;
  }

  private static void requireDoNothing(String operation, TableState table, Set<String> modified) {
    List<String> signed = new ArrayList<>();
    for (String name : modified) {
      if (ReservedAttributes.isReserved(name)) {
        signed.add("'" + name + "' (reserved by the item format)");
      } else {
        CryptoAction action = table.actionFor(name);
        if (action != CryptoAction.DO_NOTHING) {
          signed.add("'" + name + "' (" + action + ")");
        }
      }
    }
    if (!signed.isEmpty()) {
      throw new RefusedRequestException(
          operation,
          table.tableName(),
          operation
              + " on protected table "
              + table.tableName()
              + " is refused: it would modify "
              + String.join(", ", signed)
              + ". DynamoDB applies updates on the server, where the attribute cannot be"
              + " encrypted and the item signature cannot be recomputed, so the item would no"
              + " longer verify. Read the item, change it and write it back with PutItem (a"
              + " ConditionExpression gives optimistic locking), or make the attribute DO_NOTHING"
              + " if it needs no protection");
    }
  }

  /** Prefixes {@code attribute_exists(<attribute>)} to a condition expression. */
  private static String requireExists(
      String condition, Map<String, String> names, String attribute) {
    String placeholder = GUARD_PLACEHOLDER;
    for (int i = 1;
        names.containsKey(placeholder) && !attribute.equals(names.get(placeholder));
        i++) {
      placeholder = GUARD_PLACEHOLDER + i;
    }
    names.put(placeholder, attribute);
    String guard = "attribute_exists(" + placeholder + ")";
    return condition == null || condition.isBlank() ? guard : guard + " AND (" + condition + ")";
  }

  private static Map<String, ExpectedAttributeValue> requireExistsLegacy(
      UpdateItemRequest request, TableState table, String attribute) {
    if (request.expected().containsKey(attribute)
        || (request.conditionalOperator() == ConditionalOperator.OR
            && !request.expected().isEmpty())) {
      throw new RefusedRequestException(
          "UpdateItem",
          table.tableName(),
          "UpdateItem on protected table "
              + table.tableName()
              + " is refused: under PlaintextPolicy."
              + table.policy()
              + " this client adds the condition that the item exists (that "
              + attribute
              + " exists), so that the update cannot create an item, and that condition cannot be"
              + " combined with these legacy Expected conditions (ConditionalOperator OR, or a"
              + " condition on "
              + attribute
              + "). Use UpdateExpression and ConditionExpression instead");
    }
    Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>(request.expected());
    expected.put(
        attribute,
        ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build());
    return expected;
  }
}
