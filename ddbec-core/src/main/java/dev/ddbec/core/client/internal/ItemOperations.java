package dev.ddbec.core.client.internal;

import static dev.ddbec.core.client.internal.RequestChecks.existenceGuard;
import static dev.ddbec.core.client.internal.RequestChecks.modifiedAttributes;
import static dev.ddbec.core.client.internal.RequestChecks.notApplied;
import static dev.ddbec.core.client.internal.RequestChecks.requireComparable;
import static dev.ddbec.core.client.internal.RequestChecks.requireDoNothing;
import static dev.ddbec.core.client.internal.RequestChecks.requireExists;
import static dev.ddbec.core.client.internal.RequestChecks.requireExistsLegacy;
import static dev.ddbec.core.client.internal.RequestChecks.requireWholeIndexItems;
import static dev.ddbec.core.client.internal.RequestChecks.requireWholeItems;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.ReturnedItemIntegrityException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Rewrites requests and responses of the single-item operations (PutItem, GetItem, DeleteItem,
 * UpdateItem) and of Query and Scan: encrypts items on the way out, verifies and decrypts them on
 * the way back, and refuses what cannot be protected. No I/O happens here. Stateless and
 * thread-safe.
 */
public final class ItemOperations {
  private ItemOperations() {}

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
}
