package dev.ddbec.core.client.internal;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.ReturnedItemIntegrityException;
import dev.ddbec.core.client.TableKeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The checks that refuse what the helper clients cannot protect (projections, partial index items,
 * conditions on encrypted attributes, updates of signed attributes, PartiQL), and the guards that
 * keep updates from creating unsigned items. Stateless.
 */
public final class RequestChecks {
  private static final String GUARD_PLACEHOLDER = "#ddbec_exists";

  private RequestChecks() {}

  /**
   * The attribute an update must find on the item, so that it cannot create one: the signature
   * under {@link PlaintextPolicy#REJECT} (a new item would be unsigned, and unreadable), the
   * partition key under {@link PlaintextPolicy#ALLOW_READ_PLAINTEXT} (plaintext items may still be
   * updated, but none is created); none when the policy writes plaintext anyway.
   */
  static String existenceGuard(TableState table) {
    return switch (table.policy()) {
      case REJECT -> table.formatNames().signatureAttribute();
      case ALLOW_READ_PLAINTEXT -> table.schema().partitionKeyName();
      case WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT -> null;
    };
  }

  /** UpdateItem: whole returned items (ALL_OLD, ALL_NEW) decrypted. */

  /**
   * The exception for an item carried by a failed condition that could not be decrypted: the write
   * was not applied, and the DynamoDB exception is kept as a suppressed exception.
   */
  static RuntimeException notApplied(
      String operation, String tableName, RuntimeException failure, RuntimeException dynamoDb) {
    RuntimeException out =
        failure instanceof ItemIntegrityException integrity
            ? new ReturnedItemIntegrityException(operation, tableName, false, integrity)
            : failure;
    out.addSuppressed(dynamoDb);
    return out;
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
      throw refused(
          operation,
          table,
          "PartiQL statements are evaluated by DynamoDB on stored items,"
              + " which this client cannot encrypt, sign or verify. Use PutItem, GetItem, Query,"
              + " Scan and the batch and transaction operations instead");
    }
  }

  /** An operation that carries items and is not on the allow-list, on a protected table. */
  public static RefusedRequestException unsupported(
      String operation, String tableName, String instead) {
    return refused(
        operation,
        tableName,
        "the encrypted client does not support it, and passing it through"
            + " would read or write items unprotected. "
            + instead);
  }

  // ---------------------------------------------------------------------------------------------
  // Checks
  // ---------------------------------------------------------------------------------------------

  static void requireWholeItems(
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

  static void requireWholeIndexItems(
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
                    refusedOnIndex(
                        operation,
                        table.tableName(),
                        indexName,
                        "the table's key schema has no such index. If the"
                            + " schema comes from a TableConfig, add the index to it"));
    if (index.projectsAllAttributes() || (index.local() && select == Select.ALL_ATTRIBUTES)) {
      return;
    }
    throw refusedOnIndex(
        operation,
        table.tableName(),
        indexName,
        "the index projects "
            + index.projection()
            + ", so its items are partial and cannot be verified. Use an index that projects"
            + " ALL attributes"
            + (index.local()
                ? ", or Select ALL_ATTRIBUTES (a local index then reads whole items)"
                : "")
            + ". To read only keys from it, query it with a plain DynamoDbClient (keys are never"
            + " encrypted) and get the whole items through this client");
  }

  static Set<String> modifiedAttributes(
      String operation, TableState table, String expression, Map<String, String> names) {
    try {
      return UpdateExpressions.modifiedAttributes(expression, names);
    } catch (UpdateExpressions.MalformedExpressionException e) {
      throw unanalysable(
          operation, table, "its update expression", e, "leaves signed attributes alone");
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
  static void requireComparable(
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
        throw unanalysable(
            operation,
            table,
            "a condition or filter expression of it",
            e,
            "compares no encrypted attribute");
      }
    }
    for (Map.Entry<String, ?> e : legacy.entrySet()) {
      if (comparesValue(e.getValue())) {
        compared.add(e.getKey());
      }
    }
    String encrypted =
        compared.stream()
            .filter(name -> table.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN)
            .map(name -> "'" + name + "'")
            .collect(Collectors.joining(", "));
    if (!encrypted.isEmpty()) {
      throw refused(
          operation,
          table.tableName(),
          "a condition or filter compares the value of "
              + encrypted
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

  static void requireDoNothing(String operation, TableState table, Set<String> modified) {
    List<String> signed = new ArrayList<>();
    for (String name : modified) {
      if (table.formatNames().isReserved(name)) {
        signed.add("'" + name + "' (reserved by the item format)");
      } else {
        CryptoAction action = table.actionFor(name);
        if (action != CryptoAction.DO_NOTHING) {
          signed.add("'" + name + "' (" + action + ")");
        }
      }
    }
    if (!signed.isEmpty()) {
      throw refused(
          operation,
          table.tableName(),
          "it would modify "
              + String.join(", ", signed)
              + ". DynamoDB applies updates on the server, where the attribute cannot be"
              + " encrypted and the item signature cannot be recomputed, so the item would no"
              + " longer verify. Read the item, change it and write it back with PutItem (a"
              + " ConditionExpression gives optimistic locking), or make the attribute DO_NOTHING"
              + " if it needs no protection");
    }
  }

  /** Prefixes {@code attribute_exists(<attribute>)} to a condition expression. */
  static String requireExists(String condition, Map<String, String> names, String attribute) {
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

  static Map<String, ExpectedAttributeValue> requireExistsLegacy(
      UpdateItemRequest request, TableState table, String attribute) {
    if (request.expected().containsKey(attribute)
        || (request.conditionalOperator() == ConditionalOperator.OR
            && !request.expected().isEmpty())) {
      throw refused(
          "UpdateItem",
          table.tableName(),
          "under PlaintextPolicy."
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

  /** A refusal whose message reads "OPERATION on protected table TABLE is refused: REASON". */
  private static RefusedRequestException refused(String operation, String table, String reason) {
    return new RefusedRequestException(
        operation, table, operation + " on protected table " + table + " is refused: " + reason);
  }

  /** A refusal of an expression that cannot be parsed, so that {@code check} cannot be made. */
  private static RefusedRequestException unanalysable(
      String operation,
      TableState table,
      String expression,
      UpdateExpressions.MalformedExpressionException e,
      String check) {
    return refused(
        operation,
        table.tableName(),
        expression
            + " cannot be analysed ("
            + e.getMessage()
            + "), so this client cannot check that it "
            + check);
  }

  /** As {@link #refused}, for a request on one of the table's secondary indexes. */
  private static RefusedRequestException refusedOnIndex(
      String operation, String table, String indexName, String reason) {
    return new RefusedRequestException(
        operation,
        table,
        operation
            + " on index "
            + indexName
            + " of protected table "
            + table
            + " is refused: "
            + reason);
  }
}
