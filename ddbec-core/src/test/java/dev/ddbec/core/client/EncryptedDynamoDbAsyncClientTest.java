package dev.ddbec.core.client;

import static dev.ddbec.core.client.Books.ACTIONS;
import static dev.ddbec.core.client.Books.PROVIDER;
import static dev.ddbec.core.client.Books.book;
import static dev.ddbec.core.client.Books.failingAfter;
import static dev.ddbec.core.client.Books.failureOf;
import static dev.ddbec.core.client.Books.key;
import static dev.ddbec.core.client.Books.n;
import static dev.ddbec.core.client.Books.s;
import static dev.ddbec.core.client.Books.setRequest;
import static dev.ddbec.core.client.Books.transactPut;
import static dev.ddbec.core.client.Books.transactSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The asynchronous plumbing of EncryptedDynamoDbAsyncClient against the moto server over HTTP
 * (Netty): crypto kept on the configured executor, publishers, failures as (unwrapped) failed
 * futures, and the executor's life cycle. Every behaviour of the clients is tested against both
 * clients by {@link EncryptedDynamoDbClientTest} and {@link EncryptedDynamoDbClientSecurityTest}.
 */
class EncryptedDynamoDbAsyncClientTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  String table;
  InterceptingClient calls;
  ExecutorService executor;
  ThreadRecordingProvider provider;
  EncryptedDynamoDbAsyncClient client;

  @BeforeEach
  void setUp() {
    table = Books.createBooksTable(DDB.local());
    InterceptingClient[] handler = new InterceptingClient[1];
    DynamoDbAsyncClient delegate =
        InterceptingClient.wrapAsync(DDB.local().asyncClient(), DDB.local().client(), handler);
    calls = handler[0];
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(2, r -> new Thread(r, "test-crypto-" + n.incrementAndGet()));
    provider = new ThreadRecordingProvider(PROVIDER);
    client =
        EncryptedDynamoDbAsyncClient.builder()
            .delegate(delegate)
            .materialsProvider(provider)
            .attributeActions(ACTIONS)
            .executor(executor)
            .build();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  @Test
  void putItem_thenGetItem_roundTripsWithCryptoOnTheExecutor() {
    Map<String, AttributeValue> item = book("p1", "s1");

    client.putItem(r -> r.tableName(table).item(item)).join();
    Map<String, AttributeValue> read =
        client.getItem(r -> r.tableName(table).key(key("p1", "s1"))).join().item();

    assertThat(read).isEqualTo(item);
    Map<String, AttributeValue> stored = raw(key("p1", "s1"));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored).containsKey(ReservedAttributes.SIGNATURE);
    assertThat(provider.threads).isNotEmpty().allMatch(name -> name.startsWith("test-crypto-"));
  }

  @Test
  void queryPaginator_publisherOverSeveralPages_decryptsEveryPage() {
    List<Map<String, AttributeValue>> items = putBooks("p1", 5);
    QueryRequest request = Books.queryPk(table, "p1").limit(2).build();

    List<Map<String, AttributeValue>> read = new ArrayList<>();
    AtomicInteger pages = new AtomicInteger();
    client
        .queryPaginator(request)
        .subscribe(
            page -> {
              pages.incrementAndGet();
              read.addAll(page.items());
            })
        .join();

    assertThat(pages.get()).isGreaterThan(2);
    assertThat(read).containsExactlyElementsOf(items);
    List<Map<String, AttributeValue>> flat = new ArrayList<>();
    client.queryPaginator(request).items().subscribe(flat::add).join();
    assertThat(flat).containsExactlyElementsOf(items);
    assertThat(provider.threads).allMatch(name -> name.startsWith("test-crypto-"));
  }

  @Test
  void scanPaginator_publisher_decryptsEveryPage() {
    List<Map<String, AttributeValue>> items = putBooks("p1", 5);

    List<Map<String, AttributeValue>> read = new ArrayList<>();
    client.scanPaginator(r -> r.tableName(table).limit(2)).items().subscribe(read::add).join();

    assertThat(read).containsExactlyInAnyOrderElementsOf(items);
  }

  /** moto never returns UnprocessedItems; {@link InterceptingClient} makes them. */
  @Test
  void batchWriteItem_unprocessedItemsInPlaintext_thenBatchGetPaginatorReadsAll() {
    calls.limitBatches(2);
    List<WriteRequest> requests = Books.bookPuts("p1", 4);
    KeysAndAttributes keys = KeysAndAttributes.builder().keys(Books.keys("p1", 4)).build();

    BatchWriteItemResponse first =
        client.batchWriteItem(r -> r.requestItems(Map.of(table, requests))).join();
    assertThat(first.unprocessedItems().get(table))
        .containsExactlyElementsOf(requests.subList(2, 4));
    client.batchWriteItem(r -> r.requestItems(first.unprocessedItems())).join();

    List<Map<String, AttributeValue>> read = new ArrayList<>();
    client
        .batchGetItemPaginator(r -> r.requestItems(Map.of(table, keys)))
        .subscribe(page -> read.addAll(page.responses().getOrDefault(table, List.of())))
        .join();
    assertThat(read)
        .containsExactlyInAnyOrder(
            book("p1", "s0"), book("p1", "s1"), book("p1", "s2"), book("p1", "s3"));
  }

  @Test
  void transactions_writeThenGet_andCancellationItemDecrypted() {
    putBooks("p1", 1);

    client
        .transactWriteItems(
            r ->
                r.transactItems(
                    transactPut(table, book("p2", "x")),
                    transactSet(table, key("p1", "s0"), "notes", "hi")))
        .join();
    TransactGetItem getP2 = Books.transactGet(table, key("p2", "x"));
    TransactGetItem getP1 = Books.transactGet(table, key("p1", "s0"));
    var responses = client.transactGetItems(r -> r.transactItems(getP2, getP1)).join().responses();
    assertThat(responses.get(0).item()).isEqualTo(book("p2", "x"));
    assertThat(responses.get(1).item().get("notes")).isEqualTo(s("hi"));

    TransactWriteItem check =
        Books.conditionCheck(table, key("p2", "x"), "genre = :g", Map.of(":g", s("romance")), true);
    assertThat(failureOf(client.transactWriteItems(r -> r.transactItems(check))))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e -> assertThat(e.cancellationReasons().get(0).item()).isEqualTo(book("p2", "x")));
  }

  @Test
  void putItem_conditionFails_rawConditionalCheckFailedExceptionWithDecryptedItem() {
    putBooks("p1", 1);

    PutItemRequest request =
        PutItemRequest.builder()
            .tableName(table)
            .item(book("p1", "s0"))
            .conditionExpression("attribute_not_exists(pk)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();

    assertThat(failureOf(client.putItem(request)))
        .isInstanceOfSatisfying(
            ConditionalCheckFailedException.class,
            e -> assertThat(e.item()).isEqualTo(book("p1", "s0")));
  }

  @Test
  void deleteItem_returnValuesAllOld_decrypted() {
    putBooks("p1", 1);

    DeleteItemRequest request =
        EncryptedDynamoDbClientSecurityTest.deleteAllOld(table, key("p1", "s0"));

    assertThat(client.deleteItem(request).join().attributes()).isEqualTo(book("p1", "s0"));
  }

  @Test
  void updateItem_signedAttribute_failedFutureNotSent() {
    CompletableFuture<?> future =
        client.updateItem(setRequest(table, key("p1", "s0"), "genre", "x"));

    assertThat(failureOf(future))
        .isInstanceOf(RefusedRequestException.class)
        .hasMessageContaining("'genre' (SIGN_ONLY)");
    assertThat(calls.calls("updateItem")).isZero();
  }

  @Test
  void executeStatement_protectedTable_failedFuture() {
    CompletableFuture<?> future =
        client.executeStatement(r -> r.statement("SELECT * FROM \"" + table + "\""));

    assertThat(failureOf(future)).isInstanceOf(RefusedRequestException.class);
    assertThat(calls.calls("executeStatement")).isZero();
  }

  @Test
  void getItem_tampered_failsWithItemIntegrityException() {
    putBooks("p1", 1);
    Map<String, AttributeValue> stored = new HashMap<>(raw(key("p1", "s0")));
    stored.put("published", n("2001"));
    DDB.local().client().putItem(r -> r.tableName(table).item(stored));

    assertThat(failureOf(client.getItem(r -> r.tableName(table).key(key("p1", "s0")))))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void putItem_providerThrows_nothingWritten() {
    TableConfig failing = TableConfig.builder(table).materialsProvider(failingAfter(0)).build();

    assertThat(failureOf(client.withTableConfig(failing).putItem(putBook("p1", "s1"))))
        .isInstanceOf(MaterialsUnavailableException.class);
    assertThat(calls.calls("putItem")).isZero();
    assertThat(raw(key("p1", "s1"))).isEmpty();
  }

  @Test
  void putItem_missingTable_invalidConfigurationUnwrappedWithSdkCause() {
    PutItemRequest request =
        PutItemRequest.builder().tableName("no-such-table").item(book("p1", "s1")).build();

    assertThat(failureOf(client.putItem(request)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Table no-such-table does not exist")
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void close_ownedExecutorShutDown_givenExecutorLeftRunning() {
    var builder = EncryptedDynamoDbAsyncClient.builder().delegate(DDB.local().newAsyncClient());
    EncryptedDynamoDbAsyncClient owning =
        builder.materialsProvider(PROVIDER).attributeActions(ACTIONS).build();
    owning.putItem(putBook("p1", "s1")).join();

    owning.withTableConfig(TableConfig.builder(table).build()).close();
    assertThat(owning.getItem(r -> r.tableName(table).key(key("p1", "s1"))).join().item())
        .isEqualTo(book("p1", "s1"));
    owning.close();
    client.close();

    assertThat(failureOf(owning.getItem(r -> r.tableName(table).key(key("p1", "s1"))))).isNotNull();
    assertThat(executor.isShutdown()).isFalse();
    assertThat(calls.calls("close")).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------

  List<Map<String, AttributeValue>> putBooks(String pk, int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item = book(pk, "s" + i);
      client.putItem(r -> r.tableName(table).item(item)).join();
      items.add(item);
    }
    return items;
  }

  PutItemRequest putBook(String pk, String sk) {
    return PutItemRequest.builder().tableName(table).item(book(pk, sk)).build();
  }

  Map<String, AttributeValue> raw(Map<String, AttributeValue> key) {
    return DDB.local().rawItem(table, key);
  }

  /** Records the threads on which materials are requested. */
  static final class ThreadRecordingProvider implements MaterialsProvider {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final MaterialsProvider delegate;

    ThreadRecordingProvider(MaterialsProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      threads.add(Thread.currentThread().getName());
      return delegate.encryptionMaterials(context);
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      threads.add(Thread.currentThread().getName());
      return delegate.decryptionMaterials(context);
    }
  }
}
