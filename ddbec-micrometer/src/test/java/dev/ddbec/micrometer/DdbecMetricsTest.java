package dev.ddbec.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.ItemProtection;
import dev.ddbec.bulk.TableVerifier;
import dev.ddbec.core.client.EncryptedDynamoDbAsyncClient;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.StreamRecordDecryptor;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.TestKeys;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** DdbecMetrics fed by real clients, providers and bulk runs against the moto server. */
class DdbecMetricsTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
  @RegisterExtension static final MotoKmsServer KMS = new MotoKmsServer();

  static final String SECRET_TITLE = "The plaintext title nobody may see";
  static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("genre", CryptoAction.SIGN_ONLY)
          .build();

  SimpleMeterRegistry registry;
  DdbecMetrics metrics;
  DynamoDbClient plain;
  String table;

  @BeforeEach
  void setUp() {
    registry = new SimpleMeterRegistry();
    metrics = new DdbecMetrics();
    metrics.bindTo(registry);
    plain = DDB.local().client();
    table = DDB.local().createTable("metrics", "pk", null);
  }

  @Test
  void syncClient_putGetTamperRefuse_eachEventCountedPerTable() {
    DynamoDbClient client = client(wrapped(), PlaintextPolicy.REJECT);
    client.putItem(r -> r.tableName(table).item(item("a")));
    client.putItem(r -> r.tableName(table).item(item("b")));
    assertThat(client.getItem(r -> r.tableName(table).key(key("a"))).item()).isEqualTo(item("a"));
    tamper("b");
    assertThatThrownBy(() -> client.getItem(r -> r.tableName(table).key(key("b"))))
        .isInstanceOf(ItemIntegrityException.class);
    assertThatThrownBy(
            () ->
                client.updateItem(
                    r ->
                        r.tableName(table)
                            .key(key("a"))
                            .updateExpression("SET title = :t")
                            .expressionAttributeValues(
                                Map.of(":t", AttributeValue.fromS("new title")))))
        .isInstanceOf(RefusedRequestException.class);
    plain.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("plain"))));
    assertThatThrownBy(() -> client.getItem(r -> r.tableName(table).key(key("plain"))))
        .isInstanceOf(ItemIntegrityException.class);

    assertThat(timerCount(DdbecMetrics.ITEMS, "table", table, "operation", "encrypt")).isEqualTo(2);
    assertThat(timerCount(DdbecMetrics.ITEMS, "table", table, "operation", "decrypt")).isEqualTo(1);
    assertThat(
            count(
                DdbecMetrics.VERIFICATION_FAILURES, "table", table, "reason", "signature_mismatch"))
        .isEqualTo(1);
    assertThat(
            count(
                DdbecMetrics.VERIFICATION_FAILURES, "table", table, "reason", "missing_signature"))
        .isEqualTo(1);
    assertThat(count(DdbecMetrics.REQUESTS_REFUSED, "operation", "UpdateItem")).isEqualTo(1);
    assertThat(
            registry
                .get(DdbecMetrics.ITEMS)
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
    assertNoValueInAnyTag();
  }

  @Test
  void asyncClient_putAndGet_itemsTimed() {
    DynamoDbAsyncClient delegate = DDB.local().asyncClient();
    try (DynamoDbAsyncClient client =
        EncryptedDynamoDbAsyncClient.builder()
            .delegate(delegate)
            .materialsProvider(wrapped())
            .attributeActions(ACTIONS)
            .observer(metrics)
            .build()) {
      client.putItem(r -> r.tableName(table).item(item("a"))).join();
      client.getItem(r -> r.tableName(table).key(key("a"))).join();
    }
    assertThat(timerCount(DdbecMetrics.ITEMS, "table", table, "operation", "encrypt")).isEqualTo(1);
    assertThat(timerCount(DdbecMetrics.ITEMS, "table", table, "operation", "decrypt")).isEqualTo(1);
  }

  @Test
  void streamRecordDecryptor_goodAndTamperedImages_counted() {
    MaterialsProvider keys = wrapped();
    client(keys, PlaintextPolicy.REJECT).putItem(r -> r.tableName(table).item(item("a")));
    Map<String, AttributeValue> stored =
        plain.getItem(r -> r.tableName(table).key(key("a")).consistentRead(true)).item();
    Map<String, AttributeValue> tampered = new HashMap<>(stored);
    tampered.put("genre", AttributeValue.fromS("tampered"));
    StreamRecordDecryptor decryptor =
        StreamRecordDecryptor.builder()
            .tableName(table)
            .materialsProvider(keys)
            .attributeActions(ACTIONS)
            .keySchema(TableKeySchema.of("pk", null))
            .observer(metrics)
            .build();

    decryptor.decryptRecord(
        Record.builder()
            .dynamodb(StreamRecord.builder().keys(key("a")).newImage(stored).build())
            .build());
    assertThatThrownBy(
            () ->
                decryptor.decryptRecord(
                    Record.builder()
                        .dynamodb(StreamRecord.builder().keys(key("a")).newImage(tampered).build())
                        .build()))
        .isInstanceOf(ItemIntegrityException.class);

    assertThat(timerCount(DdbecMetrics.ITEMS, "table", table, "operation", "decrypt")).isEqualTo(1);
    assertThat(
            count(
                DdbecMetrics.VERIFICATION_FAILURES, "table", table, "reason", "signature_mismatch"))
        .isEqualTo(1);
  }

  @Test
  void plaintextPolicy_allowRead_plaintextReadCounted() {
    DynamoDbClient client = client(wrapped(), PlaintextPolicy.ALLOW_READ_PLAINTEXT);
    plain.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("old"))));
    client.getItem(r -> r.tableName(table).key(key("old")));
    assertThat(count(DdbecMetrics.PLAINTEXT_ITEMS, "table", table, "direction", "read"))
        .isEqualTo(1);
  }

  @Test
  void mostRecentProvider_firstUseThenCached_versionCreatedReadsAndCacheCounted() {
    String keyTable = LocalDynamoDb.uniqueTableName("metrics-keys");
    MetaStore.createTable(plain, keyTable);
    MetaStore store =
        MetaStore.builder()
            .dynamoDbClient(plain)
            .tableName(keyTable)
            .materialsProvider(wrapped())
            .build();
    CachingMostRecentProvider keys =
        CachingMostRecentProvider.builder()
            .metaStore(store)
            .materialName("orders")
            .ttl(Duration.ofMinutes(5))
            .observer(metrics)
            .build();
    DynamoDbClient client = client(keys, PlaintextPolicy.REJECT);
    client.putItem(r -> r.tableName(table).item(item("a")));
    client.putItem(r -> r.tableName(table).item(item("b")));

    assertThat(registry.get(DdbecMetrics.VERSIONS_CREATED).counter().count()).isEqualTo(1);
    assertThat(timerCount(DdbecMetrics.METASTORE_READS, "outcome", "success")).isPositive();
    assertThat(count(DdbecMetrics.PROVIDER_CACHE, "result", "miss")).isPositive();
    // The second item: the newest version and its materials, both from the cache.
    assertThat(count(DdbecMetrics.PROVIDER_CACHE, "result", "hit")).isGreaterThanOrEqualTo(2);
    assertThat(count(DdbecMetrics.PROVIDER_CACHE, "result", "reload")).isZero();
  }

  @Test
  void kmsProvider_encryptAndDecrypt_kmsCallsTimedByOperation() {
    var kms = KMS.client(Region.US_EAST_1);
    MaterialsProvider keys =
        KmsMaterialsProvider.builder()
            .kmsClient(kms)
            .keyId(MotoKmsServer.createKey(kms))
            .observer(metrics)
            .build();
    DynamoDbClient client = client(keys, PlaintextPolicy.REJECT);
    client.putItem(r -> r.tableName(table).item(item("a")));
    client.getItem(r -> r.tableName(table).key(key("a")));

    assertThat(
            timerCount(
                DdbecMetrics.KMS_CALLS, "operation", "GenerateDataKey", "outcome", "success"))
        .isEqualTo(1);
    assertThat(timerCount(DdbecMetrics.KMS_CALLS, "operation", "Decrypt", "outcome", "success"))
        .isEqualTo(1);
  }

  @Test
  void bulkVerify_oneTamperedItem_countsReported() {
    MaterialsProvider keys = wrapped();
    DynamoDbClient client = client(keys, PlaintextPolicy.REJECT);
    for (String pk : List.of("a", "b", "c")) {
      client.putItem(r -> r.tableName(table).item(item(pk)));
    }
    tamper("c");

    BulkResult result =
        TableVerifier.builder()
            .dynamoDbClient(plain)
            .tableName(table)
            .protection(ItemProtection.of(keys, ACTIONS))
            .options(BulkOptions.builder().totalSegments(2).observer(metrics).build())
            .build()
            .run();

    assertThat(result.counts().tampered()).isEqualTo(1);
    assertThat(bulk("verify", "scanned")).isEqualTo(3);
    assertThat(bulk("verify", "ok")).isEqualTo(2);
    assertThat(bulk("verify", "tampered")).isEqualTo(1);
  }

  @Test
  void bindTo_registryAddedAfterUse_seesEarlierMetersToo() {
    metrics.itemEncrypted("Books", 1_000);
    SimpleMeterRegistry later = new SimpleMeterRegistry();
    metrics.bindTo(later);
    metrics.itemEncrypted("Books", 1_000);

    assertThat(timerCount(DdbecMetrics.ITEMS, "table", "Books", "operation", "encrypt"))
        .isEqualTo(2);
    assertThat(
            later
                .get(DdbecMetrics.ITEMS)
                .tags("table", "Books", "operation", "encrypt")
                .timer()
                .count())
        .isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------

  private DynamoDbClient client(MaterialsProvider keys, PlaintextPolicy policy) {
    return EncryptedDynamoDbClient.builder()
        .delegate(plain)
        .materialsProvider(keys)
        .attributeActions(ACTIONS)
        .plaintextPolicy(policy)
        .observer(metrics)
        .build();
  }

  /** Changes a signed attribute of a stored item behind ddbec's back. */
  private void tamper(String pk) {
    plain.updateItem(
        r ->
            r.tableName(table)
                .key(key(pk))
                .updateExpression("SET genre = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("tampered"))));
  }

  private long timerCount(String name, String... tags) {
    return registry.get(name).tags(tags).timer().count();
  }

  private double count(String name, String... tags) {
    var counters = registry.find(name).tags(tags).counters();
    return counters.stream().mapToDouble(c -> c.count()).sum();
  }

  private double bulk(String operation, String count) {
    return registry
        .get(DdbecMetrics.BULK_ITEMS)
        .tags("operation", operation, "table", table, "count", count)
        .functionCounter()
        .count();
  }

  /** No tag of any meter holds an attribute value of the items written, nor key bytes. */
  private void assertNoValueInAnyTag() {
    for (Meter m : registry.getMeters()) {
      for (Tag t : m.getId().getTags()) {
        assertThat(t.getValue())
            .as(m.getId().toString())
            .doesNotContain(SECRET_TITLE)
            .doesNotContain("fantasy")
            .isNotEqualTo("a")
            .isNotEqualTo("b");
      }
    }
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  static Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk));
    item.put("title", AttributeValue.fromS(SECRET_TITLE));
    item.put("genre", AttributeValue.fromS("fantasy"));
    item.put("cover", AttributeValue.fromB(SdkBytes.fromUtf8String("jpeg")));
    return item;
  }

  static MaterialsProvider wrapped() {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(TestKeys.aes256())
        .hmacKey(TestKeys.hmacSha256())
        .build();
  }
}
