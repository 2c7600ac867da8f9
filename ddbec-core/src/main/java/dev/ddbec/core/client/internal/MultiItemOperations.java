package dev.ddbec.core.client.internal;

import static dev.ddbec.core.client.internal.RequestChecks.existenceGuard;
import static dev.ddbec.core.client.internal.RequestChecks.modifiedAttributes;
import static dev.ddbec.core.client.internal.RequestChecks.notApplied;
import static dev.ddbec.core.client.internal.RequestChecks.requireComparable;
import static dev.ddbec.core.client.internal.RequestChecks.requireDoNothing;
import static dev.ddbec.core.client.internal.RequestChecks.requireExists;
import static dev.ddbec.core.client.internal.RequestChecks.requireWholeItems;

import dev.ddbec.core.internal.TableNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rewrites requests and responses of the batch and transaction operations (BatchGetItem,
 * BatchWriteItem, TransactGetItems, TransactWriteItems) as {@link ItemOperations} does for single
 * items. No I/O happens here. Stateless and thread-safe.
 */
public final class MultiItemOperations {
  private MultiItemOperations() {}

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
}
