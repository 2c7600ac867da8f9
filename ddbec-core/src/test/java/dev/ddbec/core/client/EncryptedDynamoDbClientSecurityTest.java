package dev.ddbec.core.client;

import static dev.ddbec.api.CryptoAction.DO_NOTHING;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.ACTIONS;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.PROVIDER;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.book;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.key;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.n;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.put;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.s;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.setRequest;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.transactPut;
import static dev.ddbec.core.client.EncryptedDynamoDbClientTest.transactSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The helper clients under misuse and attack, sync and async, against the moto server: table ARNs
 * in place of names, conditions on encrypted attributes, updates that would create unsigned items,
 * items returned with applied writes that fail verification, which item failed a page, missing
 * tables, and the threads failed futures complete on. Same table layout and actions as {@link
 * EncryptedDynamoDbClientTest} (title, price, tags encrypted; genre, published signed; views, notes
 * untouched).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ClientUnderTest.Kind.class)
class EncryptedDynamoDbClientSecurityTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  /** Which client {@link #client} is; {@link #async} is the async client in both runs. */
  @Parameter ClientUnderTest.Kind kind;

  String table;
  String arn;
  InterceptingClient calls;
  Object delegate;
  ClientUnderTest client;
  InterceptingClient asyncCalls;
  DynamoDbAsyncClient asyncDelegate;
  ExecutorService executor;
  EncryptedDynamoDbAsyncClient async;

  @BeforeEach
  void setUp() {
    table = EncryptedDynamoDbClientTest.createBooksTable(DDB.local());
    arn = DDB.local().client().describeTable(r -> r.tableName(table)).table().tableArn();
    InterceptingClient[] handler = new InterceptingClient[1];
    asyncDelegate =
        InterceptingClient.wrapAsync(DDB.local().asyncClient(), DDB.local().client(), handler);
    asyncCalls = handler[0];
    if (kind == ClientUnderTest.Kind.SYNC) {
      delegate = InterceptingClient.wrap(DDB.local().client(), handler);
      calls = handler[0];
    } else {
      delegate = asyncDelegate;
      calls = asyncCalls;
    }
    client = clientWith(ACTIONS, PlaintextPolicy.REJECT);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            2, r -> new Thread(r, "test-crypto-" + threads.incrementAndGet()));
    async = asyncWith(ACTIONS, PlaintextPolicy.REJECT);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  ClientUnderTest clientWith(AttributeActions actions, PlaintextPolicy policy) {
    return kind.builder()
        .delegate(delegate)
        .materialsProvider(PROVIDER)
        .attributeActions(actions)
        .plaintextPolicy(policy)
        .build();
  }

  EncryptedDynamoDbAsyncClient asyncWith(AttributeActions actions, PlaintextPolicy policy) {
    return EncryptedDynamoDbAsyncClient.builder()
        .delegate(asyncDelegate)
        .materialsProvider(PROVIDER)
        .attributeActions(actions)
        .plaintextPolicy(policy)
        .executor(executor)
        .build();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A table ARN names the table: the table's configuration applies, and signatures bind the name.
   * The clients under test protect nothing by default and the table only through its TableConfig,
   * so an ARN that slipped past the configuration would write plaintext. The clients send the ARN
   * on unchanged (it may name a table of another account); the server accepts it as DynamoDB does,
   * except in transactions, where the test delegate puts the name in its place.
   */
  @Nested
  class TableArns {
    ClientUnderTest byConfig;
    EncryptedDynamoDbAsyncClient asyncByConfig;

    @BeforeEach
    void setUp() {
      byConfig =
          client.toBuilder()
              .attributeActions(AttributeActions.of(DO_NOTHING))
              .tableConfig(TableConfig.builder(table).attributeActions(ACTIONS).build())
              .build();
      asyncByConfig =
          async.toBuilder()
              .attributeActions(AttributeActions.of(DO_NOTHING))
              .tableConfig(TableConfig.builder(arn).attributeActions(ACTIONS).build())
              .build();
    }

    @Test
    void putItem_tableArn_encryptsWithTheTableConfigAndBindsTheTableName() {
      byConfig.putItem(r -> r.tableName(arn).item(book("p1", "s1")));

      Map<String, AttributeValue> stored = raw(key("p1", "s1"));
      assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(stored).containsKey(ReservedAttributes.SIGNATURE);
      // Bound to the name: a client that knows only the name reads it.
      assertThat(client.getItem(r -> r.tableName(table).key(key("p1", "s1"))).item())
          .isEqualTo(book("p1", "s1"));
      assertThat(byConfig.getItem(r -> r.tableName(arn).key(key("p1", "s1"))).item())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void getItem_tableArnPlaintextItem_rejectedAsUnderTheName() {
      DDB.local().client().putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThatThrownBy(() -> byConfig.getItem(r -> r.tableName(arn).key(key("p1", "s1"))))
          .isInstanceOf(ItemIntegrityException.class)
          .hasMessageContaining(table);
    }

    @Test
    void deleteAndUpdateItem_tableArn_protectedAsUnderTheName() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThatThrownBy(() -> byConfig.updateItem(setRequest(arn, key("p1", "s1"), "title", "x")))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'");
      assertThat(
              byConfig
                  .deleteItem(
                      r -> r.tableName(arn).key(key("p1", "s1")).returnValues(ReturnValue.ALL_OLD))
                  .attributes())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void queryAndScan_tableArn_decrypt() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThat(
              byConfig
                  .query(
                      r ->
                          r.tableName(arn)
                              .keyConditionExpression("pk = :p")
                              .expressionAttributeValues(Map.of(":p", s("p1"))))
                  .items())
          .containsExactly(book("p1", "s1"));
      assertThat(byConfig.scan(r -> r.tableName(arn)).items()).containsExactly(book("p1", "s1"));
    }

    @Test
    void batchWriteAndBatchGet_tableArnKeys_encryptAndDecrypt() {
      byConfig.batchWriteItem(
          r -> r.requestItems(Map.of(arn, List.of(put(book("p1", "s1")), put(book("p1", "s2"))))));

      assertThat(raw(key("p1", "s2")).get("title").type()).isEqualTo(AttributeValue.Type.B);
      Map<String, List<Map<String, AttributeValue>>> responses =
          byConfig
              .batchGetItem(
                  r ->
                      r.requestItems(
                          Map.of(
                              arn,
                              KeysAndAttributes.builder()
                                  .keys(key("p1", "s1"), key("p1", "s2"))
                                  .build())))
              .responses();
      // The local server answers under the name; either way every item is decrypted.
      assertThat(responses.values().stream().flatMap(List::stream))
          .containsExactlyInAnyOrder(book("p1", "s1"), book("p1", "s2"));
    }

    @Test
    void transactions_tableArn_encryptAndDecrypt() {
      calls.transactionArnsAsNames();
      byConfig.transactWriteItems(r -> r.transactItems(transactPut(arn, book("p1", "s1"))));

      assertThat(raw(key("p1", "s1")).get("title").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(
              byConfig
                  .transactGetItems(
                      r ->
                          r.transactItems(
                              TransactGetItem.builder()
                                  .get(g -> g.tableName(arn).key(key("p1", "s1")))
                                  .build()))
                  .responses()
                  .get(0)
                  .item())
          .isEqualTo(book("p1", "s1"));
      assertThat(calls.transactionTableNames()).containsExactly(arn, arn); // sent as given
    }

    @Test
    void executeStatement_tableArnInStatement_refused() {
      assertThatThrownBy(
              () -> byConfig.executeStatement(r -> r.statement("SELECT * FROM \"" + arn + "\"")))
          .isInstanceOf(RefusedRequestException.class);
      assertThat(calls.calls("executeStatement")).isZero();
    }

    @Test
    void describeTable_nameAndArn_shareOneCachedSchema() {
      client.putItem(r -> r.tableName(arn).item(book("p1", "s1")));
      client.getItem(r -> r.tableName(table).key(key("p1", "s1")));
      client.getItem(r -> r.tableName(arn).key(key("p1", "s1")));

      assertThat(calls.calls("describeTable")).isEqualTo(1);
    }

    @Test
    void putItem_indexArn_refusedAsMalformedAndNothingSent() {
      String indexArn = arn + "/index/byGenre";

      assertThatThrownBy(() -> client.putItem(r -> r.tableName(indexArn).item(book("p1", "s1"))))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("not a DynamoDB table ARN");
      assertThatThrownBy(() -> TableConfig.builder("arn:aws:s3:::bucket/" + table).build())
          .isInstanceOf(InvalidConfigurationException.class);
      assertThat(calls.calls("putItem")).isZero();
      assertThat(calls.calls("describeTable")).isZero();
    }

    @Test
    void controlPlane_malformedArn_passedThroughForDynamoDbToAnswer() {
      String indexArn = arn + "/index/byGenre";

      assertThatThrownBy(() -> client.deleteTable(r -> r.tableName(indexArn)))
          .isInstanceOf(DynamoDbException.class);
      assertThat(calls.calls("deleteTable")).isEqualTo(1);
      assertThat(DDB.local().client().describeTable(r -> r.tableName(table)).table()).isNotNull();
    }

    @Test
    void asyncClient_tableArn_everyOperationProtected() {
      assertThat(TableConfig.builder(arn).build().tableName()).isEqualTo(table);
      asyncCalls.transactionArnsAsNames();

      asyncByConfig.putItem(r -> r.tableName(arn).item(book("p1", "s1"))).join();
      asyncByConfig
          .batchWriteItem(r -> r.requestItems(Map.of(arn, List.of(put(book("p1", "s2"))))))
          .join();
      asyncByConfig
          .transactWriteItems(r -> r.transactItems(transactPut(arn, book("p1", "s3"))))
          .join();

      for (String sk : List.of("s1", "s2", "s3")) {
        assertThat(raw(key("p1", sk)).get("title").type()).isEqualTo(AttributeValue.Type.B);
        assertThat(client.getItem(r -> r.tableName(table).key(key("p1", sk))).item())
            .isEqualTo(book("p1", sk));
      }
      assertThat(asyncByConfig.getItem(r -> r.tableName(arn).key(key("p1", "s1"))).join().item())
          .isEqualTo(book("p1", "s1"));
      assertThat(
              asyncByConfig
                  .query(
                      r ->
                          r.tableName(arn)
                              .keyConditionExpression("pk = :p")
                              .expressionAttributeValues(Map.of(":p", s("p1"))))
                  .join()
                  .items())
          .hasSize(3);
      assertThat(asyncByConfig.scan(r -> r.tableName(arn)).join().items()).hasSize(3);
      assertThat(
              asyncByConfig
                  .batchGetItem(
                      r ->
                          r.requestItems(
                              Map.of(
                                  arn, KeysAndAttributes.builder().keys(key("p1", "s2")).build())))
                  .join()
                  .responses()
                  .values())
          .containsExactly(List.of(book("p1", "s2")));
      assertThat(
              asyncByConfig
                  .transactGetItems(
                      r ->
                          r.transactItems(
                              TransactGetItem.builder()
                                  .get(g -> g.tableName(arn).key(key("p1", "s3")))
                                  .build()))
                  .join()
                  .responses()
                  .get(0)
                  .item())
          .isEqualTo(book("p1", "s3"));
      assertThat(
              asyncByConfig
                  .deleteItem(
                      r -> r.tableName(arn).key(key("p1", "s1")).returnValues(ReturnValue.ALL_OLD))
                  .join()
                  .attributes())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void streamRecordDecryptor_tableArn_verifiesWithTheTableName() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));
      StreamRecordDecryptor decryptor =
          StreamRecordDecryptor.builder()
              .tableName(arn)
              .materialsProvider(PROVIDER)
              .attributeActions(ACTIONS)
              .describeWith(DDB.local().client())
              .build();

      StreamRecord record =
          decryptor.decryptStreamRecord(
              StreamRecord.builder().keys(key("p1", "s1")).newImage(raw(key("p1", "s1"))).build());

      assertThat(decryptor.tableName()).isEqualTo(table);
      assertThat(record.newImage()).isEqualTo(book("p1", "s1"));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Conditions and filters run on stored values: on encrypted attributes they see ciphertext. */
  @Nested
  class ConditionsOnEncryptedAttributes {
    @Test
    void putItem_conditionComparingEncryptedAttribute_refusedNamingItAndNothingWritten() {
      assertThatThrownBy(
              () ->
                  client.putItem(
                      r ->
                          r.tableName(table)
                              .item(book("p1", "s1"))
                              .conditionExpression("attribute_not_exists(pk) OR #t = :t")
                              .expressionAttributeNames(Map.of("#t", "title"))
                              .expressionAttributeValues(Map.of(":t", s("x")))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'")
          .hasMessageContaining("ENCRYPT_AND_SIGN");
      assertThat(calls.calls("putItem")).isZero();
      assertThat(raw(key("p1", "s1"))).isEmpty();
    }

    @Test
    void conditions_functionsReadingEncryptedValues_refused() {
      for (String condition :
          List.of(
              "begins_with(title, :v)",
              "contains(tags, :v)",
              "size(price) > :v",
              "attribute_type(title, :v)",
              "genre = :v AND NOT (price BETWEEN :v AND :v)",
              "title IN (:v, :v)")) {
        assertThatThrownBy(
                () ->
                    client.deleteItem(
                        r ->
                            r.tableName(table)
                                .key(key("p1", "s1"))
                                .conditionExpression(condition)
                                .expressionAttributeValues(Map.of(":v", s("x")))),
                condition)
            .isInstanceOf(RefusedRequestException.class)
            .hasMessageContaining("compares the value of");
      }
      assertThat(calls.calls("deleteItem")).isZero();
    }

    @Test
    void conditions_existenceTestsAndSignedAttributes_allowed() {
      client.putItem(
          r ->
              r.tableName(table)
                  .item(book("p1", "s1"))
                  .conditionExpression("attribute_not_exists(title) AND attribute_not_exists(#p)")
                  .expressionAttributeNames(Map.of("#p", "price")));
      client.putItem(
          r ->
              r.tableName(table)
                  .item(book("p1", "s1"))
                  .conditionExpression("attribute_exists(title) AND genre = :g AND #v < :n")
                  .expressionAttributeNames(Map.of("#v", "views"))
                  .expressionAttributeValues(Map.of(":g", s("sf"), ":n", n("10"))));

      assertThat(client.getItem(r -> r.tableName(table).key(key("p1", "s1"))).item())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void queryAndScan_filterOnEncryptedAttribute_refused_onSignedAttribute_works() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThatThrownBy(
              () ->
                  client.query(
                      r ->
                          r.tableName(table)
                              .keyConditionExpression("pk = :p")
                              .filterExpression("price > :n")
                              .expressionAttributeValues(Map.of(":p", s("p1"), ":n", n("1")))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'price'");
      assertThatThrownBy(
              () ->
                  client.scan(
                      r ->
                          r.tableName(table)
                              .filterExpression("title = :t")
                              .expressionAttributeValues(Map.of(":t", s("x")))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'");
      assertThat(
              client
                  .scan(
                      r ->
                          r.tableName(table)
                              .filterExpression("genre = :g")
                              .expressionAttributeValues(Map.of(":g", s("sf"))))
                  .items())
          .containsExactly(book("p1", "s1"));
      assertThat(calls.calls("query")).isZero();
    }

    @Test
    void legacyConditions_valueComparisonRefused_existenceAllowed() {
      assertThatThrownBy(
              () ->
                  client.putItem(
                      r ->
                          r.tableName(table)
                              .item(book("p1", "s1"))
                              .expected(
                                  Map.of(
                                      "title",
                                      ExpectedAttributeValue.builder().value(s("x")).build()))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'");
      assertThatThrownBy(
              () ->
                  client.scan(
                      r ->
                          r.tableName(table)
                              .scanFilter(
                                  Map.of(
                                      "price",
                                      Condition.builder()
                                          .comparisonOperator(ComparisonOperator.GT)
                                          .attributeValueList(n("1"))
                                          .build()))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'price'");

      client.putItem(
          r ->
              r.tableName(table)
                  .item(book("p1", "s1"))
                  .expected(
                      Map.of("title", ExpectedAttributeValue.builder().exists(false).build())));
      assertThat(
              client
                  .scan(
                      r ->
                          r.tableName(table)
                              .scanFilter(
                                  Map.of(
                                      "title",
                                      Condition.builder()
                                          .comparisonOperator(ComparisonOperator.NOT_NULL)
                                          .build())))
                  .items())
          .containsExactly(book("p1", "s1"));
    }

    @Test
    void updateAndTransactionConditions_onEncryptedAttribute_refused() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThatThrownBy(
              () ->
                  client.updateItem(
                      r ->
                          r.tableName(table)
                              .key(key("p1", "s1"))
                              .updateExpression("SET notes = :v")
                              .conditionExpression("title <> :v")
                              .expressionAttributeValues(Map.of(":v", s("x")))))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'");
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(
                      r ->
                          r.transactItems(
                              transactPut(table, book("p1", "s2")),
                              TransactWriteItem.builder()
                                  .conditionCheck(
                                      c ->
                                          c.tableName(table)
                                              .key(key("p1", "s1"))
                                              .conditionExpression("price = :v")
                                              .expressionAttributeValues(Map.of(":v", n("9.99"))))
                                  .build())))
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'price'");
      assertThat(calls.calls("updateItem")).isZero();
      assertThat(calls.calls("transactWriteItems")).isZero();
      assertThat(raw(key("p1", "s2"))).isEmpty();
    }

    @Test
    void asyncClient_filterOnEncryptedAttribute_failedFutureNothingSent() {
      Throwable failure =
          async
              .scan(
                  r ->
                      r.tableName(table)
                          .filterExpression("contains(#t, :t)")
                          .expressionAttributeNames(Map.of("#t", "title"))
                          .expressionAttributeValues(Map.of(":t", s("x"))))
              .handle((r, e) -> e)
              .join();

      assertThat(failure)
          .isInstanceOf(RefusedRequestException.class)
          .hasMessageContaining("'title'");
      assertThat(asyncCalls.calls("scan")).isZero();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** An UpdateItem of a missing key creates an item; under no reading policy an unsigned one. */
  @Nested
  class UpdateUnderAllowReadPlaintext {
    ClientUnderTest migrating;

    @BeforeEach
    void setUp() {
      migrating = clientWith(ACTIONS, PlaintextPolicy.ALLOW_READ_PLAINTEXT);
    }

    @Test
    void updateItem_missingItem_failsConditionAndCreatesNothing() {
      assertThatThrownBy(
              () -> migrating.updateItem(setRequest(table, key("p1", "new"), "notes", "x")))
          .isInstanceOf(ConditionalCheckFailedException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }

    @Test
    void updateItem_missingItemLegacyAttributeUpdates_failsConditionAndCreatesNothing() {
      assertThatThrownBy(
              () ->
                  migrating.updateItem(
                      r ->
                          r.tableName(table)
                              .key(key("p1", "new"))
                              .attributeUpdates(
                                  Map.of(
                                      "notes",
                                      software.amazon.awssdk.services.dynamodb.model
                                          .AttributeValueUpdate.builder()
                                          .value(s("x"))
                                          .build()))))
          .isInstanceOf(ConditionalCheckFailedException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }

    @Test
    void updateItem_existingPlaintextAndEncryptedItems_updated() {
      DDB.local().client().putItem(r -> r.tableName(table).item(book("p1", "plain")));
      migrating.putItem(r -> r.tableName(table).item(book("p1", "enc")));

      for (String sk : List.of("plain", "enc")) {
        migrating.updateItem(setRequest(table, key("p1", sk), "notes", "x"));
        Map<String, AttributeValue> expected = new HashMap<>(book("p1", sk));
        expected.put("notes", s("x"));
        assertThat(migrating.getItem(r -> r.tableName(table).key(key("p1", sk))).item())
            .isEqualTo(expected);
      }
    }

    @Test
    void transactWriteItems_updateOfMissingItem_cancelledAndCreatesNothing() {
      assertThatThrownBy(
              () ->
                  migrating.transactWriteItems(
                      r -> r.transactItems(transactSet(table, key("p1", "new"), "notes", "x"))))
          .isInstanceOf(TransactionCanceledException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }

    @Test
    void asyncUpdateItem_missingItem_failsConditionAndCreatesNothing() {
      Throwable failure =
          asyncWith(ACTIONS, PlaintextPolicy.ALLOW_READ_PLAINTEXT)
              .updateItem(setRequest(table, key("p1", "new"), "notes", "x"))
              .handle((r, e) -> e)
              .join();

      assertThat(failure).isInstanceOf(ConditionalCheckFailedException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A write that DynamoDB applied, whose returned item fails verification, says it was applied.
   * Each case runs through the synchronous and the asynchronous client.
   */
  @Nested
  class ReturnedItems {
    @Test
    void putItem_allOldOverTamperedItem_writeAppliedAndNewItemStored() {
      for (Writer writer : writers()) {
        String sk = putTampered("put-" + writer.name);
        Map<String, AttributeValue> replacement = new HashMap<>(book("p1", sk));
        replacement.put("title", s("Second edition"));

        Throwable failure =
            writer.putItem(
                PutItemRequest.builder()
                    .tableName(table)
                    .item(replacement)
                    .returnValues(ReturnValue.ALL_OLD)
                    .build());

        assertApplied(failure, "PutItem", key("p1", sk));
        assertThat(client.getItem(r -> r.tableName(table).key(key("p1", sk))).item())
            .isEqualTo(replacement);
      }
    }

    @Test
    void putItem_allOldOverPlaintextItemUnderReject_writeApplied() {
      for (Writer writer : writers()) {
        String sk = "plain-" + writer.name;
        DDB.local().client().putItem(r -> r.tableName(table).item(book("p1", sk)));

        Throwable failure =
            writer.putItem(
                PutItemRequest.builder()
                    .tableName(table)
                    .item(book("p1", sk))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build());

        assertApplied(failure, "PutItem", key("p1", sk));
        assertThat(raw(key("p1", sk))).containsKey(ReservedAttributes.SIGNATURE);
      }
    }

    @Test
    void deleteItem_allOldOverTamperedItem_writeAppliedAndItemGone() {
      for (Writer writer : writers()) {
        String sk = putTampered("delete-" + writer.name);

        Throwable failure =
            writer.deleteItem(
                DeleteItemRequest.builder()
                    .tableName(table)
                    .key(key("p1", sk))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build());

        assertApplied(failure, "DeleteItem", key("p1", sk));
        assertThat(raw(key("p1", sk))).isEmpty();
      }
    }

    @Test
    void updateItem_allNewOverTamperedItem_writeAppliedAndAttributeUpdated() {
      for (Writer writer : writers()) {
        String sk = putTampered("update-" + writer.name);

        Throwable failure =
            writer.updateItem(
                UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key("p1", sk))
                    .updateExpression("SET notes = :n")
                    .expressionAttributeValues(Map.of(":n", s("updated")))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());

        assertApplied(failure, "UpdateItem", key("p1", sk));
        assertThat(raw(key("p1", sk)).get("notes")).isEqualTo(s("updated"));
      }
    }

    @Test
    void putItem_conditionFailsOverTamperedItem_notAppliedWithDynamoDbExceptionSuppressed() {
      for (Writer writer : writers()) {
        String sk = putTampered("cond-" + writer.name);
        Map<String, AttributeValue> before = raw(key("p1", sk));

        Throwable failure =
            writer.putItem(
                PutItemRequest.builder()
                    .tableName(table)
                    .item(book("p1", sk))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(
                        ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());

        assertThat(failure)
            .isInstanceOfSatisfying(
                ReturnedItemIntegrityException.class,
                e -> {
                  assertThat(e.writeApplied()).isFalse();
                  assertThat(e.getSuppressed())
                      .hasAtLeastOneElementOfType(ConditionalCheckFailedException.class);
                  assertThat(e.itemKey()).contains(key("p1", sk));
                });
        assertThat(raw(key("p1", sk))).isEqualTo(before);
      }
    }

    void assertApplied(Throwable failure, String operation, Map<String, AttributeValue> key) {
      assertThat(failure)
          .isInstanceOfSatisfying(
              ReturnedItemIntegrityException.class,
              e -> {
                assertThat(e.writeApplied()).isTrue();
                assertThat(e.operation()).isEqualTo(operation);
                assertThat(e.tableName()).contains(table);
                assertThat(e.getMessage()).contains("WAS APPLIED");
                assertThat(e.getCause()).isInstanceOf(ItemIntegrityException.class);
                assertThat(e.itemKey()).contains(key);
              });
    }
  }

  /**
   * Runs one operation through the client under test (as a DynamoDbClient) or explicitly through
   * the asynchronous client's future; returns its failure.
   */
  record Writer(String name, DynamoDbClient sync, EncryptedDynamoDbAsyncClient async) {
    Throwable run(
        java.util.function.Consumer<DynamoDbClient> syncCall,
        Function<EncryptedDynamoDbAsyncClient, CompletableFuture<?>> asyncCall) {
      if (sync != null) {
        try {
          syncCall.accept(sync);
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      }
      return asyncCall.apply(async).handle((r, e) -> e).join();
    }

    Throwable putItem(PutItemRequest request) {
      return run(c -> c.putItem(request), c -> c.putItem(request));
    }

    Throwable deleteItem(DeleteItemRequest request) {
      return run(c -> c.deleteItem(request), c -> c.deleteItem(request));
    }

    Throwable updateItem(UpdateItemRequest request) {
      return run(c -> c.updateItem(request), c -> c.updateItem(request));
    }
  }

  List<Writer> writers() {
    return List.of(new Writer(kind.name(), client, null), new Writer("async", null, async));
  }

  // ---------------------------------------------------------------------------------------------

  /** A page that fails because of one item says which item: its key, never other values. */
  @Nested
  class FailingItemKey {
    @Test
    void scanAndQuery_oneTamperedItem_exceptionCarriesItsKeyOnly() {
      for (int i = 0; i < 4; i++) {
        Map<String, AttributeValue> item = book("part", "sort-" + i);
        client.putItem(r -> r.tableName(table).item(item));
      }
      tamper(key("part", "sort-2"));

      List<Supplier<Object>> reads =
          List.of(
              () -> client.scan(r -> r.tableName(table)),
              () ->
                  client.query(
                      r ->
                          r.tableName(table)
                              .keyConditionExpression("pk = :p")
                              .expressionAttributeValues(Map.of(":p", s("part")))),
              () ->
                  async
                      .query(
                          r ->
                              r.tableName(table)
                                  .keyConditionExpression("pk = :p")
                                  .expressionAttributeValues(Map.of(":p", s("part"))))
                      .join());
      for (Supplier<Object> read : reads) {
        assertThatThrownBy(read::get)
            .satisfies(
                e -> {
                  ItemIntegrityException integrity =
                      e instanceof ItemIntegrityException x
                          ? x
                          : (ItemIntegrityException) e.getCause();
                  assertThat(integrity.itemKey()).contains(key("part", "sort-2"));
                  assertThat(integrity.getMessage()).doesNotContain("sort-2", "1965", "title of");
                });
      }
    }

    @Test
    void streamRecordDecryptor_tamperedImage_exceptionCarriesItsKey() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));
      tamper(key("p1", "s1"));
      StreamRecordDecryptor decryptor = StreamRecordDecryptorTest.decryptor(table);

      assertThatThrownBy(
              () ->
                  decryptor.decryptStreamRecord(
                      StreamRecord.builder().newImage(raw(key("p1", "s1"))).build()))
          .isInstanceOfSatisfying(
              ItemIntegrityException.class, e -> assertThat(e.itemKey()).contains(key("p1", "s1")));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** ddbec's own DescribeTable of a missing table says so, with the likely causes. */
  @Nested
  class MissingTable {
    @Test
    void putItem_missingTable_invalidConfigurationNamingTableAndCauses() {
      String missing = LocalDynamoDb.uniqueTableName("missing");

      assertThatThrownBy(() -> client.putItem(r -> r.tableName(missing).item(book("p1", "s1"))))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("Table " + missing + " does not exist")
          .hasMessageContaining("region us-west-2")
          .hasMessageContaining("endpoint " + DDB.local().endpoint())
          .hasMessageContaining("not created")
          .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void asyncGetItem_missingTable_invalidConfigurationCompletedOnTheExecutor() {
      String missing = LocalDynamoDb.uniqueTableName("missing");
      asyncCalls.delayAsyncResponses(100);
      AtomicReference<String> thread = new AtomicReference<>();

      Throwable failure =
          async
              .getItem(r -> r.tableName(missing).key(key("p1", "s1")))
              .handle(
                  (r, e) -> {
                    thread.set(Thread.currentThread().getName());
                    return e;
                  })
              .join();

      assertThat(failure)
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("Table " + missing + " does not exist")
          .hasCauseInstanceOf(ResourceNotFoundException.class);
      assertThat(thread.get()).startsWith("test-crypto-");
    }

    @Test
    void streamRecordDecryptor_missingTable_invalidConfiguration() {
      StreamRecordDecryptor decryptor =
          StreamRecordDecryptor.builder()
              .tableName(LocalDynamoDb.uniqueTableName("missing"))
              .materialsProvider(PROVIDER)
              .describeWith(DDB.local().client())
              .build();

      assertThatThrownBy(
              () ->
                  decryptor.decryptStreamRecord(
                      StreamRecord.builder().newImage(book("p1", "s1")).build()))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("does not exist")
          .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Futures of protected requests complete on the client's executor, failures included. The
   * delegate's futures complete 100 ms late on a thread of their own (as the SDK's do on its
   * response threads), so the test's stage is attached before and runs where the future completes.
   */
  @Nested
  class AsyncFailureThreads {
    @Test
    void delegateFailures_everyOperationFamily_completeOnTheExecutor() {
      // A configured key schema: no DescribeTable, so the operation itself meets the missing table.
      String missing = LocalDynamoDb.uniqueTableName("missing");
      EncryptedDynamoDbAsyncClient noDescribe =
          async.withTableConfig(
              TableConfig.builder(missing).keySchema(TableKeySchema.of("pk", "sk")).build());
      asyncCalls.delayAsyncResponses(100);
      List<Supplier<CompletableFuture<?>>> operations =
          List.of(
              () -> noDescribe.getItem(r -> r.tableName(missing).key(key("p1", "s1"))),
              () -> noDescribe.putItem(r -> r.tableName(missing).item(book("p1", "s1"))),
              () ->
                  noDescribe.query(
                      r ->
                          r.tableName(missing)
                              .keyConditionExpression("pk = :p")
                              .expressionAttributeValues(Map.of(":p", s("p1")))),
              () -> noDescribe.scan(r -> r.tableName(missing)),
              () ->
                  noDescribe.transactGetItems(
                      r ->
                          r.transactItems(
                              TransactGetItem.builder()
                                  .get(g -> g.tableName(missing).key(key("p1", "s1")))
                                  .build())));

      List<String> threads =
          completionThreads(
              operations,
              failure -> assertThat(failure).isInstanceOf(ResourceNotFoundException.class));

      assertThat(threads).allMatch(name -> name.startsWith("test-crypto-"), "on the executor");
    }

    @Test
    void unprotectedTable_successesCompleteOnTheExecutor() {
      // Each run of this class creates its own table: the async client is explicit here.
      EncryptedDynamoDbAsyncClient unprotected =
          async.withTableConfig(
              TableConfig.builder(table).attributeActions(AttributeActions.of(DO_NOTHING)).build());
      asyncCalls.delayAsyncResponses(100);
      List<Supplier<CompletableFuture<?>>> operations =
          List.of(
              () -> unprotected.putItem(r -> r.tableName(table).item(book("u1", "s1"))),
              () -> unprotected.getItem(r -> r.tableName(table).key(key("u1", "s1"))),
              () -> unprotected.scan(r -> r.tableName(table)));

      List<String> threads = completionThreads(operations, failure -> assertThat(failure).isNull());

      assertThat(threads).allMatch(name -> name.startsWith("test-crypto-"), "on the executor");
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Puts book p1/{@code sk} through the client, then changes a signed attribute behind it. */
  String putTampered(String sk) {
    client.putItem(r -> r.tableName(table).item(book("p1", sk)));
    tamper(key("p1", sk));
    return sk;
  }

  /**
   * Runs each operation and waits for it; checks each outcome (the failure, or null) with {@code
   * outcome}; returns the names of the threads the futures completed on.
   */
  static List<String> completionThreads(
      List<Supplier<CompletableFuture<?>>> operations, Consumer<Throwable> outcome) {
    List<String> threads = new ArrayList<>();
    for (Supplier<CompletableFuture<?>> operation : operations) {
      AtomicReference<String> thread = new AtomicReference<>();
      Throwable failure =
          operation
              .get()
              .handle(
                  (r, e) -> {
                    thread.set(Thread.currentThread().getName());
                    return e;
                  })
              .join();
      outcome.accept(failure);
      threads.add(thread.get());
    }
    return threads;
  }

  /** Changes a SIGN_ONLY attribute of a stored item behind the client's back. */
  void tamper(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> stored = new HashMap<>(raw(key));
    stored.put("published", n("2001"));
    DDB.local().client().putItem(r -> r.tableName(table).item(stored));
  }

  Map<String, AttributeValue> raw(Map<String, AttributeValue> key) {
    return DDB.local().rawItem(table, key);
  }
}
