package dev.ddbec.core.client;

import static dev.ddbec.api.CryptoAction.DO_NOTHING;
import static dev.ddbec.api.CryptoAction.ENCRYPT_AND_SIGN;
import static dev.ddbec.api.CryptoAction.SIGN_ONLY;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.core.testing.Secrets;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.TestKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The books table the client suites share ({@code pk}/{@code sk} strings; GSI {@code byGenre}
 * projecting ALL, GSI {@code byGenreKeys} KEYS_ONLY, LSI {@code byPublished} KEYS_ONLY), its items,
 * providers and actions, and short builders of the requests the suites send, so that each request
 * is written once.
 */
final class Books {
  private Books() {}

  static final MaterialsProvider PROVIDER = wrappedProvider();
  static final MaterialsProvider OTHER_PROVIDER = wrappedProvider();

  /** title, price, tags encrypted; genre, published signed; views, notes untouched. */
  static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .defaultAction(ENCRYPT_AND_SIGN)
          .action("genre", SIGN_ONLY)
          .action("published", SIGN_ONLY)
          .action("views", DO_NOTHING)
          .action("notes", DO_NOTHING)
          .build();

  /** Creates a books table with a unique name on {@code local}; returns the name. */
  static String createBooksTable(LocalDynamoDb local) {
    String name = LocalDynamoDb.uniqueTableName("books");
    local
        .client()
        .createTable(
            r ->
                r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        definition("pk", ScalarAttributeType.S),
                        definition("sk", ScalarAttributeType.S),
                        definition("genre", ScalarAttributeType.S),
                        definition("published", ScalarAttributeType.N))
                    .keySchema(hash("pk"), range("sk"))
                    .globalSecondaryIndexes(
                        globalIndex("byGenre", ProjectionType.ALL, hash("genre"), range("sk")),
                        globalIndex("byGenreKeys", ProjectionType.KEYS_ONLY, hash("genre")))
                    .localSecondaryIndexes(
                        LocalSecondaryIndex.builder()
                            .indexName("byPublished")
                            .keySchema(hash("pk"), range("published"))
                            .projection(projection(ProjectionType.KEYS_ONLY))
                            .build()));
    return name;
  }

  private static GlobalSecondaryIndex globalIndex(
      String name, ProjectionType type, KeySchemaElement... keys) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(projection(type))
        .build();
  }

  private static Projection projection(ProjectionType type) {
    return Projection.builder().projectionType(type).build();
  }

  static AttributeDefinition definition(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }

  /** The book {@code pk}/{@code sk}, in plaintext. */
  static Map<String, AttributeValue> book(String pk, String sk) {
    Secrets.plaintext("The title of " + pk + "/" + sk, "desert");
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", s(pk));
    item.put("sk", s(sk));
    item.put("title", s("The title of " + pk + "/" + sk));
    item.put("genre", s("sf"));
    item.put("published", n("1965"));
    item.put("price", n("9.99"));
    item.put("tags", AttributeValue.fromSs(List.of("desert", "dune")));
    item.put("views", n("0"));
    return item;
  }

  /** {@link #book} {@code pk}/{@code sk} with {@code attribute} set to {@code value}. */
  static Map<String, AttributeValue> bookWith(
      String pk, String sk, String attribute, AttributeValue value) {
    Map<String, AttributeValue> item = book(pk, sk);
    item.put(attribute, value);
    return item;
  }

  /** The keys {@code pk}/s0 to {@code pk}/s{@code count - 1}. */
  static List<Map<String, AttributeValue>> keys(String pk, int count) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(key(pk, "s" + i));
    }
    return keys;
  }

  /** Batch puts of the books {@code pk}/s0 to {@code pk}/s{@code count - 1}. */
  static List<WriteRequest> bookPuts(String pk, int count) {
    List<WriteRequest> requests = new ArrayList<>();
    for (Map<String, AttributeValue> key : keys(pk, count)) {
      requests.add(put(book(pk, key.get("sk").s())));
    }
    return requests;
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  /** A batch delete of {@code key}. */
  static WriteRequest delete(Map<String, AttributeValue> key) {
    return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
  }

  /** A BatchGetItem's keys. */
  @SafeVarargs
  static KeysAndAttributes keysOf(Map<String, AttributeValue>... keys) {
    return KeysAndAttributes.builder().keys(keys).build();
  }

  /** A query of the partition {@code pk} of {@code table}. */
  static QueryRequest.Builder queryPk(String table, String pk) {
    return QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s(pk)));
  }

  /** A query of {@code index} of {@code table} for the genre {@code genre}. */
  static QueryRequest.Builder queryGenre(String table, String index, String genre) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(index)
        .keyConditionExpression("genre = :g")
        .expressionAttributeValues(Map.of(":g", s(genre)));
  }

  /** A transaction's put of {@code item} into {@code table}. */
  static TransactWriteItem transactPut(String table, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  /** A transaction's get of {@code key} from {@code table}. */
  static TransactGetItem transactGet(String table, Map<String, AttributeValue> key) {
    return TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build();
  }

  /**
   * A transaction's update of {@code key} setting {@code attribute} to the string {@code value}.
   */
  static TransactWriteItem transactSet(
      String table, Map<String, AttributeValue> key, String attribute, String value) {
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName(table)
                    .key(key)
                    .updateExpression("SET " + attribute + " = :v")
                    .expressionAttributeValues(Map.of(":v", s(value))))
        .build();
  }

  /**
   * A transaction's check of {@code condition} (its values {@code values}) on {@code key}; when it
   * fails, the cancellation reason carries the item if {@code returnItem}.
   */
  static TransactWriteItem conditionCheck(
      String table,
      Map<String, AttributeValue> key,
      String condition,
      Map<String, AttributeValue> values,
      boolean returnItem) {
    return TransactWriteItem.builder()
        .conditionCheck(
            c ->
                c.tableName(table)
                    .key(key)
                    .conditionExpression(condition)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(
                        returnItem ? ReturnValuesOnConditionCheckFailure.ALL_OLD : null))
        .build();
  }

  /** An UpdateItem of {@code key} in {@code table} with {@code expression}. */
  static UpdateItemRequest.Builder update(
      String table, Map<String, AttributeValue> key, String expression) {
    return UpdateItemRequest.builder().tableName(table).key(key).updateExpression(expression);
  }

  /** An UpdateItem of {@code key} setting {@code attribute} to the string {@code value}. */
  static UpdateItemRequest setRequest(
      String table, Map<String, AttributeValue> key, String attribute, String value) {
    return update(table, key, "SET " + attribute + " = :v")
        .expressionAttributeValues(Map.of(":v", s(value)))
        .build();
  }

  /** The exception {@code future} failed with, or null when it succeeded. */
  static Throwable failureOf(CompletableFuture<?> future) {
    return future.handle((r, e) -> e).join();
  }

  static MaterialsProvider wrappedProvider() {
    SecretKey wrap = TestKeys.aes256();
    SecretKey mac = TestKeys.hmacSha256();
    Secrets.key(wrap.getEncoded());
    Secrets.key(mac.getEncoded());
    return WrappedMaterialsProvider.builder().wrappingKey(wrap).hmacKey(mac).build();
  }

  /** A provider that supplies encryption materials {@code n} times, then fails. */
  static MaterialsProvider failingAfter(int n) {
    AtomicInteger left = new AtomicInteger(n);
    return new MaterialsProvider() {
      @Override
      public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
        if (left.getAndDecrement() <= 0) {
          throw new MaterialsUnavailableException("key service unavailable (test)");
        }
        return PROVIDER.encryptionMaterials(context);
      }

      @Override
      public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
        return PROVIDER.decryptionMaterials(context);
      }
    };
  }
}
