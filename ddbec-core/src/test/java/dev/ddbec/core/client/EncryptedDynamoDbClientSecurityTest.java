package dev.ddbec.core.client;

import static dev.ddbec.api.CryptoAction.DO_NOTHING;
import static dev.ddbec.core.client.Books.ACTIONS;
import static dev.ddbec.core.client.Books.PROVIDER;
import static dev.ddbec.core.client.Books.book;
import static dev.ddbec.core.client.Books.bookWith;
import static dev.ddbec.core.client.Books.conditionCheck;
import static dev.ddbec.core.client.Books.failureOf;
import static dev.ddbec.core.client.Books.key;
import static dev.ddbec.core.client.Books.keysOf;
import static dev.ddbec.core.client.Books.n;
import static dev.ddbec.core.client.Books.put;
import static dev.ddbec.core.client.Books.queryPk;
import static dev.ddbec.core.client.Books.s;
import static dev.ddbec.core.client.Books.setRequest;
import static dev.ddbec.core.client.Books.transactGet;
import static dev.ddbec.core.client.Books.transactPut;
import static dev.ddbec.core.client.Books.transactSet;
import static dev.ddbec.core.client.Books.update;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The helper clients under misuse and attack, sync and async, against the moto server: table ARNs
 * in place of names, conditions on encrypted attributes, updates that would create unsigned items,
 * items returned with applied writes that fail verification, which item failed a page, missing
 * tables, and the threads failed futures complete on. The table, items and actions are {@link
 * Books}' (title, price, tags encrypted; genre, published signed; views, notes untouched).
 *
 * <p>{@link #kind} says which client {@link #client} is; {@link #async} is the async client in both
 * runs.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ClientUnderTest.Kind.class)
class EncryptedDynamoDbClientSecurityTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  ExecutorService executor;
  EncryptedDynamoDbAsyncClient async;
  InterceptingClient asyncCalls;
  DynamoDbAsyncClient asyncDelegate;
  @Parameter ClientUnderTest.Kind kind;
  String table;
  String arn;
  InterceptingClient calls;
  Object delegate;
  ClientUnderTest client;

  @BeforeEach
  void setUp() {
    table = Books.createBooksTable(DDB.local());
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
    client = clientWith(PlaintextPolicy.REJECT);
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            2, r -> new Thread(r, "test-crypto-" + threads.incrementAndGet()));
    async = asyncWith(PlaintextPolicy.REJECT);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  /**
   * The client under test over {@link #delegate}, with {@link Books#ACTIONS} and {@code policy}.
   */
  ClientUnderTest clientWith(PlaintextPolicy policy) {
    return protecting(kind.builder(), delegate, policy).build();
  }

  /** The async client over the async delegate, on {@link #executor}. */
  EncryptedDynamoDbAsyncClient asyncWith(PlaintextPolicy policy) {
    var builder =
        new ClientUnderTest.Builder(EncryptedDynamoDbAsyncClient.builder().executor(executor));
    return (EncryptedDynamoDbAsyncClient)
        protecting(builder, asyncDelegate, policy).build().unwrap();
  }

  static ClientUnderTest.Builder protecting(
      ClientUnderTest.Builder builder, Object delegate, PlaintextPolicy policy) {
    return builder
        .delegate(delegate)
        .materialsProvider(PROVIDER)
        .attributeActions(ACTIONS)
        .plaintextPolicy(policy);
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

      assertRefused(() -> byConfig.updateItem(setRequest(arn, key("p1", "s1"), "title", "x")))
          .hasMessageContaining("'title'");
      assertThat(byConfig.deleteItem(deleteAllOld(arn, key("p1", "s1"))).attributes())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void queryAndScan_tableArn_decrypt() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));

      assertThat(byConfig.query(queryPk(arn, "p1").build()).items())
          .containsExactly(book("p1", "s1"));
      assertThat(byConfig.scan(r -> r.tableName(arn)).items()).containsExactly(book("p1", "s1"));
    }

    @Test
    void batchWriteAndBatchGet_tableArnKeys_encryptAndDecrypt() {
      byConfig.batchWriteItem(
          r -> r.requestItems(Map.of(arn, List.of(put(book("p1", "s1")), put(book("p1", "s2"))))));

      assertThat(raw(key("p1", "s2")).get("title").type()).isEqualTo(AttributeValue.Type.B);
      var keys = keysOf(key("p1", "s1"), key("p1", "s2"));
      var responses = byConfig.batchGetItem(r -> r.requestItems(Map.of(arn, keys))).responses();
      // The local server answers under the name; either way every item is decrypted.
      assertThat(responses.values().stream().flatMap(List::stream))
          .containsExactlyInAnyOrder(book("p1", "s1"), book("p1", "s2"));
    }

    @Test
    void transactions_tableArn_encryptAndDecrypt() {
      calls.transactionArnsAsNames();
      byConfig.transactWriteItems(r -> r.transactItems(transactPut(arn, book("p1", "s1"))));

      assertThat(raw(key("p1", "s1")).get("title").type()).isEqualTo(AttributeValue.Type.B);
      var get = transactGet(arn, key("p1", "s1"));
      assertThat(byConfig.transactGetItems(r -> r.transactItems(get)).responses().get(0).item())
          .isEqualTo(book("p1", "s1"));
      assertThat(calls.transactionTableNames()).containsExactly(arn, arn); // sent as given
    }

    @Test
    void executeStatement_tableArnInStatement_refused() {
      assertRefused(
          () -> byConfig.executeStatement(r -> r.statement("SELECT * FROM \"" + arn + "\"")));
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
      var putS2 = List.of(put(book("p1", "s2")));

      asyncByConfig.putItem(r -> r.tableName(arn).item(book("p1", "s1"))).join();
      asyncByConfig.batchWriteItem(r -> r.requestItems(Map.of(arn, putS2))).join();
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
      assertThat(asyncByConfig.query(queryPk(arn, "p1").build()).join().items()).hasSize(3);
      assertThat(asyncByConfig.scan(r -> r.tableName(arn)).join().items()).hasSize(3);
      var keys = keysOf(key("p1", "s2"));
      assertThat(
              asyncByConfig
                  .batchGetItem(r -> r.requestItems(Map.of(arn, keys)))
                  .join()
                  .responses()
                  .values())
          .containsExactly(List.of(book("p1", "s2")));
      var get = transactGet(arn, key("p1", "s3"));
      assertThat(
              asyncByConfig
                  .transactGetItems(r -> r.transactItems(get))
                  .join()
                  .responses()
                  .get(0)
                  .item())
          .isEqualTo(book("p1", "s3"));
      assertThat(asyncByConfig.deleteItem(deleteAllOld(arn, key("p1", "s1"))).join().attributes())
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
      PutItemRequest request =
          putRequest(book("p1", "s1"))
              .conditionExpression("attribute_not_exists(pk) OR #t = :t")
              .expressionAttributeNames(Map.of("#t", "title"))
              .expressionAttributeValues(Map.of(":t", s("x")))
              .build();

      assertRefused(() -> client.putItem(request))
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
        DeleteItemRequest request =
            DeleteItemRequest.builder()
                .tableName(table)
                .key(key("p1", "s1"))
                .conditionExpression(condition)
                .expressionAttributeValues(Map.of(":v", s("x")))
                .build();
        assertThatThrownBy(() -> client.deleteItem(request), condition)
            .isInstanceOf(RefusedRequestException.class)
            .hasMessageContaining("compares the value of");
      }
      assertThat(calls.calls("deleteItem")).isZero();
    }

    @Test
    void conditions_existenceTestsAndSignedAttributes_allowed() {
      client.putItem(
          putRequest(book("p1", "s1"))
              .conditionExpression("attribute_not_exists(title) AND attribute_not_exists(#p)")
              .expressionAttributeNames(Map.of("#p", "price"))
              .build());
      client.putItem(
          putRequest(book("p1", "s1"))
              .conditionExpression("attribute_exists(title) AND genre = :g AND #v < :n")
              .expressionAttributeNames(Map.of("#v", "views"))
              .expressionAttributeValues(Map.of(":g", s("sf"), ":n", n("10")))
              .build());

      assertThat(client.getItem(r -> r.tableName(table).key(key("p1", "s1"))).item())
          .isEqualTo(book("p1", "s1"));
    }

    @Test
    void queryAndScan_filterOnEncryptedAttribute_refused_onSignedAttribute_works() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));
      QueryRequest onPrice =
          queryPk(table, "p1")
              .filterExpression("price > :n")
              .expressionAttributeValues(Map.of(":p", s("p1"), ":n", n("1")))
              .build();

      assertRefused(() -> client.query(onPrice)).hasMessageContaining("'price'");
      assertRefused(() -> client.scan(filtered("title = :t", ":t", s("x"))))
          .hasMessageContaining("'title'");
      assertThat(client.scan(filtered("genre = :g", ":g", s("sf"))).items())
          .containsExactly(book("p1", "s1"));
      assertThat(calls.calls("query")).isZero();
    }

    /** A scan of the table filtered by {@code filter}, whose one value is {@code name}. */
    ScanRequest filtered(String filter, String name, AttributeValue value) {
      return ScanRequest.builder()
          .tableName(table)
          .filterExpression(filter)
          .expressionAttributeValues(Map.of(name, value))
          .build();
    }

    @Test
    void legacyConditions_valueComparisonRefused_existenceAllowed() {
      PutItemRequest titleIsX = expecting(ExpectedAttributeValue.builder().value(s("x")).build());
      Condition priceAboveOne =
          Condition.builder()
              .comparisonOperator(ComparisonOperator.GT)
              .attributeValueList(n("1"))
              .build();

      assertRefused(() -> client.putItem(titleIsX)).hasMessageContaining("'title'");
      assertRefused(
              () -> client.scan(r -> r.tableName(table).scanFilter(Map.of("price", priceAboveOne))))
          .hasMessageContaining("'price'");

      client.putItem(expecting(ExpectedAttributeValue.builder().exists(false).build()));
      Condition titleSet =
          Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build();
      assertThat(client.scan(r -> r.tableName(table).scanFilter(Map.of("title", titleSet))).items())
          .containsExactly(book("p1", "s1"));
    }

    /** A put of book p1/s1 with the old-style condition {@code title} as {@code expected}. */
    PutItemRequest expecting(ExpectedAttributeValue expected) {
      return putRequest(book("p1", "s1")).expected(Map.of("title", expected)).build();
    }

    @Test
    void updateAndTransactionConditions_onEncryptedAttribute_refused() {
      client.putItem(r -> r.tableName(table).item(book("p1", "s1")));
      UpdateItemRequest update =
          update(table, key("p1", "s1"), "SET notes = :v")
              .conditionExpression("title <> :v")
              .expressionAttributeValues(Map.of(":v", s("x")))
              .build();
      TransactWriteItem check =
          conditionCheck(table, key("p1", "s1"), "price = :v", Map.of(":v", n("9.99")), false);
      TransactWriteItem putS2 = transactPut(table, book("p1", "s2"));

      assertRefused(() -> client.updateItem(update)).hasMessageContaining("'title'");
      assertRefused(() -> client.transactWriteItems(r -> r.transactItems(putS2, check)))
          .hasMessageContaining("'price'");
      assertThat(calls.calls("updateItem")).isZero();
      assertThat(calls.calls("transactWriteItems")).isZero();
      assertThat(raw(key("p1", "s2"))).isEmpty();
    }

    @Test
    void asyncClient_filterOnEncryptedAttribute_failedFutureNothingSent() {
      ScanRequest request =
          ScanRequest.builder()
              .tableName(table)
              .filterExpression("contains(#t, :t)")
              .expressionAttributeNames(Map.of("#t", "title"))
              .expressionAttributeValues(Map.of(":t", s("x")))
              .build();

      assertThat(failureOf(async.scan(request)))
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
      migrating = clientWith(PlaintextPolicy.ALLOW_READ_PLAINTEXT);
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
      var setNotes = Map.of("notes", AttributeValueUpdate.builder().value(s("x")).build());

      assertThatThrownBy(
              () ->
                  migrating.updateItem(
                      r -> r.tableName(table).key(key("p1", "new")).attributeUpdates(setNotes)))
          .isInstanceOf(ConditionalCheckFailedException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }

    @Test
    void updateItem_existingPlaintextAndEncryptedItems_updated() {
      DDB.local().client().putItem(r -> r.tableName(table).item(book("p1", "plain")));
      migrating.putItem(r -> r.tableName(table).item(book("p1", "enc")));

      for (String sk : List.of("plain", "enc")) {
        migrating.updateItem(setRequest(table, key("p1", sk), "notes", "x"));
        assertThat(migrating.getItem(r -> r.tableName(table).key(key("p1", sk))).item())
            .isEqualTo(bookWith("p1", sk, "notes", s("x")));
      }
    }

    @Test
    void transactWriteItems_updateOfMissingItem_cancelledAndCreatesNothing() {
      TransactWriteItem setNotes = transactSet(table, key("p1", "new"), "notes", "x");

      assertThatThrownBy(() -> migrating.transactWriteItems(r -> r.transactItems(setNotes)))
          .isInstanceOf(TransactionCanceledException.class);
      assertThat(raw(key("p1", "new"))).isEmpty();
    }

    @Test
    void asyncUpdateItem_missingItem_failsConditionAndCreatesNothing() {
      EncryptedDynamoDbAsyncClient asyncMigrating = asyncWith(PlaintextPolicy.ALLOW_READ_PLAINTEXT);

      assertThat(
              failureOf(
                  asyncMigrating.updateItem(setRequest(table, key("p1", "new"), "notes", "x"))))
          .isInstanceOf(ConditionalCheckFailedException.class);
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
        Map<String, AttributeValue> replacement = bookWith("p1", sk, "title", s("Second edition"));

        Throwable failure =
            writer.putItem(putRequest(replacement).returnValues(ReturnValue.ALL_OLD).build());

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
            writer.putItem(putRequest(book("p1", sk)).returnValues(ReturnValue.ALL_OLD).build());

        assertApplied(failure, "PutItem", key("p1", sk));
        assertThat(raw(key("p1", sk))).containsKey(ReservedAttributes.SIGNATURE);
      }
    }

    @Test
    void deleteItem_allOldOverTamperedItem_writeAppliedAndItemGone() {
      for (Writer writer : writers()) {
        String sk = putTampered("delete-" + writer.name);

        Throwable failure = writer.deleteItem(deleteAllOld(table, key("p1", sk)));

        assertApplied(failure, "DeleteItem", key("p1", sk));
        assertThat(raw(key("p1", sk))).isEmpty();
      }
    }

    @Test
    void updateItem_allNewOverTamperedItem_writeAppliedAndAttributeUpdated() {
      for (Writer writer : writers()) {
        String sk = putTampered("update-" + writer.name);
        UpdateItemRequest request =
            setRequest(table, key("p1", sk), "notes", "updated").toBuilder()
                .returnValues(ReturnValue.ALL_NEW)
                .build();

        assertApplied(writer.updateItem(request), "UpdateItem", key("p1", sk));
        assertThat(raw(key("p1", sk)).get("notes")).isEqualTo(s("updated"));
      }
    }

    @Test
    void putItem_conditionFailsOverTamperedItem_notAppliedWithDynamoDbExceptionSuppressed() {
      for (Writer writer : writers()) {
        String sk = putTampered("cond-" + writer.name);
        Map<String, AttributeValue> before = raw(key("p1", sk));
        PutItemRequest request =
            putRequest(book("p1", sk))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();

        assertThat(writer.putItem(request))
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
        Consumer<DynamoDbClient> syncCall,
        Function<EncryptedDynamoDbAsyncClient, CompletableFuture<?>> asyncCall) {
      if (sync != null) {
        try {
          syncCall.accept(sync);
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      }
      return failureOf(asyncCall.apply(async));
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
      QueryRequest query = queryPk(table, "part").build();

      List<Supplier<Object>> reads =
          List.of(
              () -> client.scan(r -> r.tableName(table)),
              () -> client.query(query),
              () -> async.query(query).join());
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
      StreamRecord record = StreamRecord.builder().newImage(raw(key("p1", "s1"))).build();

      assertThatThrownBy(() -> decryptor.decryptStreamRecord(record))
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
      Supplier<CompletableFuture<?>> get =
          () -> async.getItem(r -> r.tableName(missing).key(key("p1", "s1")));

      List<String> threads =
          completionThreads(
              List.of(get),
              failure ->
                  assertThat(failure)
                      .isInstanceOf(InvalidConfigurationException.class)
                      .hasMessageContaining("Table " + missing + " does not exist")
                      .hasCauseInstanceOf(ResourceNotFoundException.class));

      assertThat(threads.get(0)).startsWith("test-crypto-");
    }

    @Test
    void streamRecordDecryptor_missingTable_invalidConfiguration() {
      StreamRecordDecryptor decryptor =
          StreamRecordDecryptor.builder()
              .tableName(LocalDynamoDb.uniqueTableName("missing"))
              .materialsProvider(PROVIDER)
              .describeWith(DDB.local().client())
              .build();
      StreamRecord record = StreamRecord.builder().newImage(book("p1", "s1")).build();

      assertThatThrownBy(() -> decryptor.decryptStreamRecord(record))
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
      var get = transactGet(missing, key("p1", "s1"));
      List<Supplier<CompletableFuture<?>>> operations =
          List.of(
              () -> noDescribe.getItem(r -> r.tableName(missing).key(key("p1", "s1"))),
              () -> noDescribe.putItem(r -> r.tableName(missing).item(book("p1", "s1"))),
              () -> noDescribe.query(queryPk(missing, "p1").build()),
              () -> noDescribe.scan(r -> r.tableName(missing)),
              () -> noDescribe.transactGetItems(r -> r.transactItems(get)));

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

  PutItemRequest.Builder putRequest(Map<String, AttributeValue> item) {
    return PutItemRequest.builder().tableName(table).item(item);
  }

  static DeleteItemRequest deleteAllOld(String table, Map<String, AttributeValue> key) {
    return DeleteItemRequest.builder()
        .tableName(table)
        .key(key)
        .returnValues(ReturnValue.ALL_OLD)
        .build();
  }

  static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call) {
    return EncryptedDynamoDbClientTest.assertRefused(call);
  }
}
