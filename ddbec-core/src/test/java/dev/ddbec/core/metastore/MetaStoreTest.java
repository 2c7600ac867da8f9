package dev.ddbec.core.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.SampleTable;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class MetaStoreTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final SecureRandom RANDOM = new SecureRandom();

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A meta provider: wrapped AES + HMAC, as a KMS or HSM provider would be in production. */
  static MaterialsProvider metaProvider() {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(bytes(32), "AES"))
        .hmacKey(new SecretKeySpec(bytes(32), "HmacSHA256"))
        .build();
  }

  static MetaStore newStore(DynamoDbClient client, MaterialsProvider meta) {
    String table = LocalDynamoDb.uniqueTableName("meta");
    MetaStore.createTable(client, table);
    return MetaStore.builder()
        .dynamoDbClient(client)
        .tableName(table)
        .materialsProvider(meta)
        .build();
  }

  /** A builder of a MetaStore on {@code table} of the test DynamoDB, under {@code meta}. */
  private static MetaStore.Builder localBuilder(String table, MaterialsProvider meta) {
    return builder(DDB.local().client(), table, meta);
  }

  /**
   * A builder of a store in {@code table} of {@code client}, its rows protected by {@code meta}.
   */
  static MetaStore.Builder builder(DynamoDbClient client, String table, MaterialsProvider meta) {
    return MetaStore.builder().dynamoDbClient(client).tableName(table).materialsProvider(meta);
  }

  /** How a MetaStore protects its rows: N and V signed, every other attribute encrypted. */
  private static CryptoConfig rowConfig(MetaStore store) {
    return CryptoConfig.of(
        EncryptionContext.builder()
            .tableName(store.tableName())
            .partitionKeyName("N")
            .sortKeyName("V")
            .build(),
        AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("N", "V"));
  }

  private static MetaStore newStore() {
    return newStore(DDB.local().client(), metaProvider());
  }

  private static Map<String, AttributeValue> rawRow(MetaStore store, String name, long version) {
    return rawRow(DDB.local().client(), store, name, version);
  }

  /**
   * Writes {@code row} into the store's table as it is, then expects reading version {@code
   * version} of material 'orders' to fail with {@code type} and {@code message}.
   */
  private static void assertRowRefused(
      MetaStore store,
      Map<String, AttributeValue> row,
      long version,
      Class<? extends Throwable> type,
      String message) {
    DDB.local().client().putItem(r -> r.tableName(store.tableName()).item(row));
    assertThatThrownBy(() -> store.provider("orders", version))
        .isInstanceOf(type)
        .hasMessageContaining(message);
  }

  /** The stored row of version {@code version} of material {@code name}, read consistently. */
  static Map<String, AttributeValue> rawRow(
      DynamoDbClient client, MetaStore store, String name, long version) {
    Map<String, AttributeValue> key =
        Map.of("N", AttributeValue.fromS(name), "V", AttributeValue.fromN(Long.toString(version)));
    return client.getItem(r -> r.tableName(store.tableName()).key(key).consistentRead(true)).item();
  }

  static final EncryptionContext CONTEXT =
      EncryptionContext.builder()
          .tableName("Orders")
          .partitionKeyName("pk")
          .attributes(Map.of("pk", AttributeValue.fromS("o-1")))
          .build();

  @Test
  void createTable_default_onDemandWithStringNameAndNumberVersionKeys() {
    DynamoDbClient client = DDB.local().client();
    String table = LocalDynamoDb.uniqueTableName("meta");

    MetaStore.createTable(client, table);

    TableDescription d = client.describeTable(r -> r.tableName(table)).table();
    assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(d.keySchema())
        .extracting(k -> k.attributeName() + ":" + k.keyType())
        .containsExactly("N:" + KeyType.HASH, "V:" + KeyType.RANGE);
    assertThat(d.attributeDefinitions())
        .extracting(a -> a.attributeName() + ":" + a.attributeType())
        .containsExactlyInAnyOrder("N:" + ScalarAttributeType.S, "V:" + ScalarAttributeType.N);
  }

  @Test
  void createTable_provisioned_usesGivenThroughput() {
    DynamoDbClient client = DDB.local().client();
    String table = LocalDynamoDb.uniqueTableName("meta");

    MetaStore.createTable(
        client,
        table,
        ProvisionedThroughput.builder().readCapacityUnits(3L).writeCapacityUnits(2L).build());

    TableDescription d = client.describeTable(r -> r.tableName(table)).table();
    assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
    assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
  }

  @Test
  void createTable_existingTable_throwsInvalidConfiguration() {
    MetaStore store = newStore();
    assertThatThrownBy(() -> MetaStore.createTable(DDB.local().client(), store.tableName()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(store.tableName())
        .hasMessageContaining("already exists");
  }

  @Test
  void newVersion_repeatedly_createsZeroOneTwoAndMaxVersionFollows() {
    MetaStore store = newStore();
    assertThat(store.maxVersion("orders")).isEmpty();
    assertThat(store.versions("orders")).isEmpty();

    assertThat(store.newVersion("orders")).isZero();
    assertThat(store.newVersion("orders")).isEqualTo(1);
    assertThat(store.newVersion("orders")).isEqualTo(2);
    assertThat(store.newVersion("other")).isZero();

    assertThat(store.maxVersion("orders")).hasValue(2);
    assertThat(store.versions("orders")).containsExactly(0L, 1L, 2L);
    assertThat(store.versions("other")).containsExactly(0L);
  }

  @Test
  void newVersion_row_hasTheOfficialLayout() {
    MetaStore store = newStore();
    store.newVersion("orders");

    Map<String, AttributeValue> row = rawRow(store, "orders", 0);

    assertThat(row.keySet())
        .containsExactlyInAnyOrder(
            "N",
            "V",
            "t",
            "encAlg",
            "enc",
            "intAlg",
            "int",
            ReservedAttributes.MATERIAL_DESCRIPTION,
            ReservedAttributes.SIGNATURE);
    assertThat(row.get("N").s()).isEqualTo("orders");
    assertThat(row.get("V").n()).isEqualTo("0");
    for (String encrypted : new String[] {"t", "encAlg", "enc", "intAlg", "int"}) {
      assertThat(row.get(encrypted).type()).as(encrypted).isEqualTo(AttributeValue.Type.B);
    }
  }

  @Test
  void newVersion_row_decryptsWithTheMetaProviderToTypeZeroAesAndHmacKeys() {
    MaterialsProvider meta = metaProvider();
    MetaStore store = newStore(DDB.local().client(), meta);
    store.newVersion("orders");

    Map<String, AttributeValue> plain =
        ItemEncryptor.create(meta).decryptItem(rawRow(store, "orders", 0), rowConfig(store));

    assertThat(plain.get("t").s()).isEqualTo("0");
    assertThat(plain.get("encAlg").s()).isEqualTo("AES");
    assertThat(plain.get("intAlg").s()).isEqualTo("HmacSHA256");
    assertThat(plain.get("enc").b().asByteArray()).hasSize(32);
    assertThat(plain.get("int").b().asByteArray()).hasSize(32);
  }

  @Test
  void provider_existingVersion_wrapsWithAesWrapAndRecordsMetaId() {
    MetaStore store = newStore();
    long v = store.newVersion("orders");

    EncryptionMaterials m = store.provider("orders", v).encryptionMaterials(CONTEXT);

    assertThat(m.materialDescription())
        .containsEntry("amzn-ddb-meta-id", "orders#0")
        .containsEntry("amzn-ddb-wrap-alg", "AESWrap")
        .containsEntry("amzn-ddb-env-alg", "AES/256")
        .containsKey("amzn-ddb-env-key");
    assertThat(m.signingAlgorithm()).isEqualTo("HmacSHA256");
  }

  @Test
  void provider_sameVersionTwice_sameKeys() {
    MetaStore store = newStore();
    store.newVersion("orders");
    Map<String, AttributeValue> item = SampleTable.item("o-1", "s");
    CryptoConfig config = CryptoConfig.of(CONTEXT, SampleTable.actions());

    Map<String, AttributeValue> stored =
        ItemEncryptor.create(store.provider("orders", 0)).encryptItem(item, config);

    assertThat(ItemEncryptor.create(store.provider("orders", 0)).decryptItem(stored, config))
        .isEqualTo(item);
  }

  @Test
  void provider_missingVersion_throwsMaterialsUnavailable() {
    MetaStore store = newStore();
    store.newVersion("orders");
    assertThatThrownBy(() -> store.provider("orders", 7))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("no version 7 of material 'orders'");
  }

  @Test
  void provider_otherMetaProvider_throwsItemIntegrity() {
    MetaStore store = newStore();
    store.newVersion("orders");
    MetaStore wrongKeys = localBuilder(store.tableName(), metaProvider()).build();
    assertThatThrownBy(() -> wrongKeys.provider("orders", 0))
        .isInstanceOf(dev.ddbec.api.DdbecException.class)
        .hasMessageContaining("orders#0");
  }

  @Test
  void provider_rowCopiedUnderAnotherVersion_throwsItemIntegrity() {
    MetaStore store = newStore();
    store.newVersion("orders");
    Map<String, AttributeValue> copy = new LinkedHashMap<>(rawRow(store, "orders", 0));
    copy.put("V", AttributeValue.fromN("5"));
    assertRowRefused(store, copy, 5, ItemIntegrityException.class, "failed verification");
  }

  @Test
  void provider_rowWithMaterialTypeOne_throwsUnsupportedFormat() {
    MaterialsProvider meta = metaProvider();
    MetaStore store = newStore(DDB.local().client(), meta);
    Map<String, AttributeValue> plain = new LinkedHashMap<>();
    plain.put("N", AttributeValue.fromS("orders"));
    plain.put("V", AttributeValue.fromN("0"));
    plain.put("t", AttributeValue.fromS("1"));
    plain.put("encAlg", AttributeValue.fromS("AES"));
    plain.put("enc", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(32))));
    plain.put("intAlg", AttributeValue.fromS("HmacSHA256"));
    plain.put("int", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(32))));
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(meta).encryptItem(plain, rowConfig(store));
    assertRowRefused(store, stored, 0, UnsupportedFormatException.class, "material type");
  }

  @Test
  void getOrCreate_versionExists_usesTheExistingRowsKeys() {
    MetaStore store = newStore();
    MetaStore.Version first = store.getOrCreate("orders", 0);
    MetaStore.Version second = store.getOrCreate("orders", 0);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    EncryptionMaterials a = first.provider().encryptionMaterials(CONTEXT);
    EncryptionMaterials b = second.provider().encryptionMaterials(CONTEXT);
    assertThat(a.signingKey().getEncoded()).isEqualTo(b.signingKey().getEncoded());
  }

  @Test
  void currentVersion_lowestVersionMoreThanTheGapAboveTheMinimum_throwsAdvisingMinimumVersion() {
    MaterialsProvider meta = metaProvider();
    MetaStore store = newStore(DDB.local().client(), meta);
    store.getOrCreate("orders", 50);
    MetaStore narrow = localBuilder(store.tableName(), meta).maxVersionGap(10).build();

    assertThatThrownBy(() -> narrow.currentVersion("orders"))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("set the minimum version");
    MetaStore anchored =
        localBuilder(store.tableName(), meta).maxVersionGap(10).minimumVersion(45).build();
    assertThat(anchored.currentVersion("orders")).hasValue(50);
    store.getOrCreate("orders", 60);
    store.getOrCreate("orders", 71); // 11 above 60
    assertThat(anchored.currentVersion("orders")).hasValue(60);
    assertThat(anchored.newVersion("orders")).isEqualTo(61);
    assertThat(store.maxVersion("orders")).hasValue(71); // the raw highest row
  }

  @Test
  void builder_negativeMinimumOrZeroGap_throwInvalidConfiguration() {
    assertThatThrownBy(() -> localBuilder("t", metaProvider()).minimumVersion(-1).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("minimum version");
    assertThatThrownBy(() -> localBuilder("t", metaProvider()).maxVersionGap(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("gap");
  }

  @Test
  void methods_materialNameWithHash_throwInvalidConfiguration() {
    MetaStore store = newStore();
    assertThatThrownBy(() -> store.newVersion("a#b"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'#'");
    assertThatThrownBy(() -> store.provider("a#b", 0))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> store.maxVersion(""))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void methods_missingTable_throwMaterialsUnavailableWithAdvice() {
    MetaStore store = localBuilder("no-such-table", metaProvider()).build();
    assertThatThrownBy(() -> store.newVersion("orders"))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("'no-such-table' does not exist")
        .hasMessageContaining("ddbec metastore create");
  }

  @Test
  void builder_missingParts_throwInvalidConfiguration() {
    assertThatThrownBy(
            () ->
                MetaStore.builder()
                    .dynamoDbClient(DDB.local().client())
                    .materialsProvider(metaProvider())
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> MetaStore.builder().dynamoDbClient(DDB.local().client()).tableName("t").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("materials provider");
  }

  @Test
  void versionFromMaterialDescription_wellFormed_parsesVersion() {
    assertThat(MetaStore.versionFromMaterialDescription(Map.of("amzn-ddb-meta-id", "m#0")))
        .isZero();
    assertThat(MetaStore.versionFromMaterialDescription(Map.of("amzn-ddb-meta-id", "my name#42")))
        .isEqualTo(42);
    assertThat(MetaStore.versionFromMaterialDescription(Map.of("amzn-ddb-meta-id", "m#007")))
        .isEqualTo(7);
  }

  @Test
  void versionFromMaterialDescription_malformed_throwsItemIntegrity() {
    for (String id :
        new String[] {
          "m",
          "m#",
          "#5",
          "m#-1",
          "m#+1",
          "m# 1",
          "m#1#2",
          "a#b#3",
          "m#1x",
          "m#\u0661",
          "m#1234567890123456789"
        }) {
      assertThatThrownBy(
              () -> MetaStore.versionFromMaterialDescription(Map.of("amzn-ddb-meta-id", id)))
          .as(id)
          .isInstanceOf(ItemIntegrityException.class);
    }
    assertThatThrownBy(() -> MetaStore.versionFromMaterialDescription(Map.of()))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("amzn-ddb-meta-id");
  }
}
