package dev.ddbec.core.client.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Every protected operation of the helper clients, each written once: the clients run them with
 * {@link SyncRunner} or {@link AsyncRunner}. What each one does to requests and responses is in
 * {@link ItemOperations}, {@link MultiItemOperations} and {@link RequestChecks}.
 */
public final class Operations {
  private Operations() {}

  /** PutItem: the item encrypted; the old item and a failed condition's item decrypted. */
  public static final ProtectedOperation<PutItemRequest, PutItemResponse> PUT_ITEM =
      conditional(
          "PutItem", PutItemRequest::tableName, ItemOperations::putItem, ItemOperations::putItem);

  /** GetItem: projections refused; the item decrypted. */
  public static final ProtectedOperation<GetItemRequest, GetItemResponse> GET_ITEM =
      single(GetItemRequest::tableName, ItemOperations::getItem, ItemOperations::getItem);

  /** DeleteItem: the old item and a failed condition's item decrypted. */
  public static final ProtectedOperation<DeleteItemRequest, DeleteItemResponse> DELETE_ITEM =
      conditional(
          "DeleteItem",
          DeleteItemRequest::tableName,
          ItemOperations::deleteItem,
          ItemOperations::deleteItem);

  /** UpdateItem: DO_NOTHING attributes only, never creating an item; whole items decrypted. */
  public static final ProtectedOperation<UpdateItemRequest, UpdateItemResponse> UPDATE_ITEM =
      operation(
          UpdateItemRequest::tableName,
          (request, table) ->
              new Exchange<>(
                  ItemOperations.updateItem(request, table),
                  response -> ItemOperations.updateItem(response, request, table),
                  conditionFailed("UpdateItem", table)));

  /** Query: every item of the page decrypted (or the page fails). */
  public static final ProtectedOperation<QueryRequest, QueryResponse> QUERY =
      indexed(
          QueryRequest::tableName,
          QueryRequest::indexName,
          ItemOperations::query,
          ItemOperations::query);

  /** Scan: every item of the page decrypted (or the page fails). */
  public static final ProtectedOperation<ScanRequest, ScanResponse> SCAN =
      indexed(
          ScanRequest::tableName,
          ScanRequest::indexName,
          ItemOperations::scan,
          ItemOperations::scan);

  /** BatchGetItem: every item of every table decrypted. */
  public static final ProtectedOperation<BatchGetItemRequest, BatchGetItemResponse> BATCH_GET_ITEM =
      multi(
          MultiItemOperations::tablesOf,
          (request, tables) ->
              Exchange.of(
                  MultiItemOperations.batchGetItem(request, tables),
                  response -> MultiItemOperations.batchGetItem(response, tables)));

  /** BatchWriteItem: every put item encrypted; UnprocessedItems handed back in plaintext. */
  public static final ProtectedOperation<BatchWriteItemRequest, BatchWriteItemResponse>
      BATCH_WRITE_ITEM =
          multi(
              MultiItemOperations::tablesOf,
              (request, tables) -> {
                MultiItemOperations.PreparedBatchWrite prepared =
                    MultiItemOperations.batchWriteItem(request, tables);
                return Exchange.of(prepared.request(), prepared::complete);
              });

  /**
   * TransactWriteItems: Put items encrypted, Update items checked, cancellation items decrypted.
   */
  public static final ProtectedOperation<TransactWriteItemsRequest, TransactWriteItemsResponse>
      TRANSACT_WRITE_ITEMS =
          multi(
              MultiItemOperations::tableSetOf,
              (request, tables) ->
                  new Exchange<>(
                      MultiItemOperations.transactWriteItems(request, tables),
                      response -> response,
                      error ->
                          error instanceof TransactionCanceledException e
                              ? MultiItemOperations.transactionCanceled(
                                  e, MultiItemOperations.tablesOf(request), tables)
                              : error));

  /** TransactGetItems: projections refused; every item decrypted. */
  public static final ProtectedOperation<TransactGetItemsRequest, TransactGetItemsResponse>
      TRANSACT_GET_ITEMS =
          multi(
              MultiItemOperations::tablesOf,
              (request, tables) ->
                  Exchange.of(
                      MultiItemOperations.transactGetItems(request, tables),
                      response -> MultiItemOperations.transactGetItems(response, request, tables)));

  /** ExecuteStatement: refused on protected tables. */
  public static final RequestGuard<ExecuteStatementRequest> EXECUTE_STATEMENT =
      RequestChecks::executeStatement;

  /** BatchExecuteStatement: refused if any statement is on a protected table. */
  public static final RequestGuard<BatchExecuteStatementRequest> BATCH_EXECUTE_STATEMENT =
      RequestChecks::batchExecuteStatement;

  /** ExecuteTransaction: refused if any statement is on a protected table. */
  public static final RequestGuard<ExecuteTransactionRequest> EXECUTE_TRANSACTION =
      RequestChecks::executeTransaction;

  /** SearchVectors: refused on protected tables (results are partial index items). */
  public static final RequestGuard<SearchVectorsRequest> SEARCH_VECTORS =
      (request, isProtected) -> {
        if (isProtected.test(request.tableName())) {
          throw RequestChecks.unsupported(
              "SearchVectors",
              request.tableName(),
              "Vector search returns index projections that cannot be verified; search with a"
                  + " plain DynamoDB client (vector and key attributes must be DO_NOTHING or"
                  + " SIGN_ONLY) and get the whole items through this client");
        }
      };

  // ---------------------------------------------------------------------------------------------

  /**
   * A protected operation from its three parts: the tables a request names, whether the cached key
   * schemas are too old for it, and how to prepare it.
   */
  private record Op<Q, R>(
      Function<Q, Collection<String>> tableNames,
      BiPredicate<Q, Tables> isStale,
      BiFunction<Q, Tables, Exchange<Q, R>> preparation)
      implements ProtectedOperation<Q, R> {
    @Override
    public Collection<String> tables(Q request) {
      return tableNames.apply(request);
    }

    @Override
    public boolean stale(Q request, Tables tables) {
      return isStale.test(request, tables);
    }

    @Override
    public Exchange<Q, R> prepare(Q request, Tables tables) {
      return preparation.apply(request, tables);
    }
  }

  /** An operation on one table. */
  private static <Q, R> ProtectedOperation<Q, R> operation(
      Function<Q, String> tableName, BiFunction<Q, TableState, Exchange<Q, R>> prepare) {
    return new Op<>(
        request -> Collections.singletonList(tableName.apply(request)),
        (request, tables) -> false,
        (request, tables) -> prepare.apply(request, tables.get(tableName.apply(request))));
  }

  /** An operation on one table whose request and response are rewritten, failures unchanged. */
  private static <Q, R> ProtectedOperation<Q, R> single(
      Function<Q, String> tableName,
      BiFunction<Q, TableState, Q> request,
      BiFunction<R, TableState, R> response) {
    return operation(
        tableName,
        (q, table) -> Exchange.of(request.apply(q, table), r -> response.apply(r, table)));
  }

  /** As {@link #single}, and the item a failed condition carries is decrypted. */
  private static <Q, R> ProtectedOperation<Q, R> conditional(
      String name,
      Function<Q, String> tableName,
      BiFunction<Q, TableState, Q> request,
      BiFunction<R, TableState, R> response) {
    return operation(
        tableName,
        (q, table) ->
            new Exchange<>(
                request.apply(q, table),
                r -> response.apply(r, table),
                conditionFailed(name, table)));
  }

  /** An operation on one table that may name one of its secondary indexes. */
  private static <Q, R> ProtectedOperation<Q, R> indexed(
      Function<Q, String> tableName,
      Function<Q, String> indexName,
      BiFunction<Q, TableState, Q> request,
      BiFunction<R, TableState, R> response) {
    ProtectedOperation<Q, R> operation = single(tableName, request, response);
    return new Op<>(
        operation::tables,
        (q, tables) ->
            ItemOperations.unknownIndex(tables.get(tableName.apply(q)), indexName.apply(q)),
        operation::prepare);
  }

  /** An operation on several tables. */
  private static <Q, R> ProtectedOperation<Q, R> multi(
      Function<Q, Collection<String>> tableNames, BiFunction<Q, Tables, Exchange<Q, R>> prepare) {
    return new Op<>(tableNames, (request, tables) -> false, prepare);
  }

  /** A failed condition's item decrypted; other failures unchanged. */
  private static UnaryOperator<RuntimeException> conditionFailed(
      String operation, TableState table) {
    return error ->
        error instanceof ConditionalCheckFailedException e
            ? ItemOperations.conditionFailed(operation, e, table)
            : error;
  }
}
