package dev.ddbec.core.metastore;

import static dev.ddbec.core.metastore.MetaStore.MATERIAL_NAME_ATTRIBUTE;
import static dev.ddbec.core.metastore.MetaStore.VERSION_ATTRIBUTE;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The MetaStore's DynamoDB calls: creating the table, reading one row, the conditional write of a
 * new row and the version queries (all consistent). Rows go in and out as stored (protected) items;
 * {@link MetaStoreRows} knows what is in them. Every DynamoDB failure becomes a {@link
 * MaterialsUnavailableException} naming the operation and the table.
 */
final class MetaStoreTable {
  private final DynamoDbClient client;
  private final String tableName;

  MetaStoreTable(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  /** Creates a MetaStore table (see {@link MetaStore#createTable}) and waits until it is active. */
  static void create(DynamoDbClient client, String tableName, ProvisionedThroughput throughput) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tableName, "tableName");
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName(MATERIAL_NAME_ATTRIBUTE)
                    .attributeType(ScalarAttributeType.S)
                    .build(),
                AttributeDefinition.builder()
                    .attributeName(VERSION_ATTRIBUTE)
                    .attributeType(ScalarAttributeType.N)
                    .build())
            .keySchema(
                KeySchemaElement.builder()
                    .attributeName(MATERIAL_NAME_ATTRIBUTE)
                    .keyType(KeyType.HASH)
                    .build(),
                KeySchemaElement.builder()
                    .attributeName(VERSION_ATTRIBUTE)
                    .keyType(KeyType.RANGE)
                    .build());
    if (throughput == null) {
      request.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput);
    }
    try {
      client.createTable(request.build());
    } catch (ResourceInUseException e) {
      throw new InvalidConfigurationException(
          "DynamoDB table '" + tableName + "' already exists; choose another MetaStore table name",
          e);
    } catch (SdkException e) {
      throw failure("CreateTable", tableName, e);
    }
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
      waiter
          .waitUntilTableExists(r -> r.tableName(tableName))
          .matched()
          .exception()
          .ifPresent(
              t -> {
                throw new MaterialsUnavailableException(
                    "MetaStore table '" + tableName + "' did not become active", t);
              });
    } catch (SdkException e) {
      throw failure("DescribeTable", tableName, e);
    }
  }

  String tableName() {
    return tableName;
  }

  /**
   * Writes a new row unless one exists for its name and version ({@code attribute_not_exists(N) AND
   * attribute_not_exists(V)}).
   *
   * @throws ConditionalCheckFailedException if the row exists already (a concurrent writer won)
   */
  void putIfAbsent(Map<String, AttributeValue> stored) {
    try {
      client.putItem(
          r ->
              r.tableName(tableName)
                  .item(stored)
                  .conditionExpression("attribute_not_exists(#n) AND attribute_not_exists(#v)")
                  .expressionAttributeNames(
                      Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE)));
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (SdkException e) {
      throw failure("PutItem", tableName, e);
    }
  }

  /** One row (consistent read); a MaterialsUnavailableException if there is none. */
  Map<String, AttributeValue> existing(String materialName, long version) {
    Map<String, AttributeValue> stored = read(materialName, version);
    if (stored == null) {
      throw new MaterialsUnavailableException(
          "MetaStore table '"
              + tableName
              + "' has no version "
              + version
              + " of material '"
              + materialName
              + "'");
    }
    return stored;
  }

  /** One row (consistent read), or null if there is none. */
  Map<String, AttributeValue> read(String materialName, long version) {
    try {
      Map<String, AttributeValue> item =
          client
              .getItem(
                  r ->
                      r.tableName(tableName)
                          .consistentRead(true)
                          .key(
                              Map.of(
                                  MATERIAL_NAME_ATTRIBUTE,
                                  AttributeValue.fromS(materialName),
                                  VERSION_ATTRIBUTE,
                                  AttributeValue.fromN(Long.toString(version)))))
              .item();
      return item == null || item.isEmpty() ? null : item;
    } catch (SdkException e) {
      throw failure("GetItem", tableName, e);
    }
  }

  /** The key of the material's highest row, or null if it has none. */
  Map<String, AttributeValue> highest(String materialName) {
    return first(versionQuery(materialName).scanIndexForward(false).limit(1));
  }

  /** The key of the material's highest row from {@code from} to {@code to}, or null. */
  Map<String, AttributeValue> highestBetween(String materialName, long from, long to) {
    return first(
        QueryRequest.builder()
            .tableName(tableName)
            .consistentRead(true)
            .keyConditionExpression("#n = :n AND #v BETWEEN :from AND :to")
            .projectionExpression("#v")
            .expressionAttributeNames(
                Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE))
            .expressionAttributeValues(
                Map.of(
                    ":n", AttributeValue.fromS(materialName),
                    ":from", AttributeValue.fromN(Long.toString(from)),
                    ":to", AttributeValue.fromN(Long.toString(to))))
            .scanIndexForward(false)
            .limit(1));
  }

  /** The keys of every row of a material, lowest version first (all result pages). */
  List<Map<String, AttributeValue>> all(String materialName) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q = versionQuery(materialName).scanIndexForward(true);
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse response = query(q);
      out.addAll(response.items());
      start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return out;
  }

  private Map<String, AttributeValue> first(QueryRequest.Builder request) {
    QueryResponse response = query(request);
    return !response.hasItems() || response.items().isEmpty() ? null : response.items().get(0);
  }

  private QueryResponse query(QueryRequest.Builder request) {
    try {
      return client.query(request.build());
    } catch (SdkException e) {
      throw failure("Query", tableName, e);
    }
  }

  private QueryRequest.Builder versionQuery(String materialName) {
    return QueryRequest.builder()
        .tableName(tableName)
        .consistentRead(true)
        .keyConditionExpression("#n = :n")
        .projectionExpression("#v")
        .expressionAttributeNames(Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(materialName)));
  }

  private static MaterialsUnavailableException failure(
      String operation, String tableName, SdkException e) {
    if (e instanceof ResourceNotFoundException) {
      return new MaterialsUnavailableException(
          "MetaStore table '"
              + tableName
              + "' does not exist in this account and region (or is not active yet): create it"
              + " with MetaStore.createTable or `ddbec metastore create`",
          e);
    }
    return new MaterialsUnavailableException(
        "DynamoDB "
            + operation
            + " on MetaStore table '"
            + tableName
            + "' failed: "
            + e.getMessage(),
        e);
  }
}
