package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.ExtraDataSupplier;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The MetaStore customisations of the official Java client against ddbec's, on one moto DynamoDB:
 * rows with {@code ExtraDataSupplier} attributes (one sign-only, one encrypted) written by either
 * MetaStore and read by the other; {@code MetaStore.replicate} to a second MetaStore table with
 * other meta keys (another Region) by either client, read by the other; and a {@code
 * CachingMostRecentProvider} subclass overriding {@code getMaterialName(EncryptionContext)} (one
 * material per tenant) against ddbec's {@code materialNameSelector}, both directions.
 */
class MetaStoreParityInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final String DATA_TABLE = "Orders";
  private static final CryptoConfig CONFIG = InteropItems.pkSkConfig(DATA_TABLE);
  private static final Actions JAVA_ACTIONS = Actions.of("encrypt");

  private static AmazonDynamoDB sdkV1;

  @BeforeAll
  static void start() {
    sdkV1 = SdkV1Clients.dynamoDb(DDB.local().endpoint(), LocalDynamoDb.REGION.id());
  }

  @AfterAll
  static void stop() {
    if (sdkV1 != null) {
      sdkV1.shutdown();
    }
  }

  /** One MetaStore table with its meta keys, seen by both clients. */
  private static SharedMetaStore createShared() {
    return SharedMetaStore.created(DDB.local().client(), "parity-meta");
  }

  /** ddbec's view, with or without the extra-data supplier. */
  private static MetaStore ddbec(SharedMetaStore shared, boolean extraData) {
    return extraData
        ? shared.ddbecBuilder().extraDataSupplier(DDBEC_EXTRA).build()
        : shared.ddbec();
  }

  /** The official Java client's view, with or without its extra-data supplier. */
  private static com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore
      java(SharedMetaStore shared, boolean extraData) {
    DynamoDBEncryptor encryptor = DynamoDBEncryptor.getInstance(shared.javaMeta());
    return extraData
        ? new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore(
            sdkV1, shared.table(), encryptor, JAVA_EXTRA)
        : new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore(
            sdkV1, shared.table(), encryptor);
  }

  private static final ExtraDataSupplier DDBEC_EXTRA =
      new ExtraDataSupplier() {
        @Override
        public Map<String, AttributeValue> attributes(String materialName, long version) {
          return Map.of(
              "owner", AttributeValue.fromS("team-" + materialName),
              "secretNote", AttributeValue.fromS("note " + version));
        }

        @Override
        public Set<String> signedOnlyFieldNames() {
          return Set.of("owner");
        }
      };

  private static final com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store
          .MetaStore.ExtraDataSupplier
      JAVA_EXTRA =
          new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore
              .ExtraDataSupplier() {
            @Override
            public Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>
                getAttributes(String materialName, long version) {
              Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> m =
                  new HashMap<>();
              m.put(
                  "owner",
                  new com.amazonaws.services.dynamodbv2.model.AttributeValue()
                      .withS("team-" + materialName));
              m.put(
                  "secretNote",
                  new com.amazonaws.services.dynamodbv2.model.AttributeValue()
                      .withB(
                          ByteBuffer.wrap(("note " + version).getBytes(StandardCharsets.UTF_8))));
              return m;
            }

            @Override
            public Set<String> getSignedOnlyFieldNames() {
              return Set.of("owner");
            }
          };

  private static Map<String, AttributeValue> item(String pk, int sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromN(Integer.toString(sk)));
    item.put("secret", AttributeValue.fromS("secret of " + pk + sk));
    return item;
  }

  private static String metaId(Map<String, AttributeValue> stored) {
    return ItemFormat.decodeMaterialDescription(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
        .get("amzn-ddb-meta-id");
  }

  private static Map<String, AttributeValue> rawRow(String table, String name, long version) {
    return DDB.local()
        .rawItem(
            table,
            Map.of(
                "N",
                AttributeValue.fromS(name),
                "V",
                AttributeValue.fromN(Long.toString(version))));
  }

  /**
   * Encrypts {@code item} with the official client and {@code java}, asserts ddbec decrypts it with
   * {@code ddbec}, and returns the stored item.
   */
  private static Map<String, AttributeValue> assertJavaToDdbec(
      Map<String, AttributeValue> item, EncryptionMaterialsProvider java, MaterialsProvider ddbec) {
    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(item, DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java);
    assertThat(ItemEncryptor.create(ddbec).decryptItem(stored, CONFIG)).isEqualTo(item);
    return stored;
  }

  /**
   * Encrypts {@code item} with ddbec and {@code ddbec}, asserts the official client decrypts it
   * with {@code java}, and returns the stored item.
   */
  private static Map<String, AttributeValue> assertDdbecToJava(
      Map<String, AttributeValue> item, MaterialsProvider ddbec, EncryptionMaterialsProvider java) {
    Map<String, AttributeValue> stored = ItemEncryptor.create(ddbec).encryptItem(item, CONFIG);
    assertThat(OfficialJavaClient.decrypt(stored, DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java))
        .isEqualTo(item);
    return stored;
  }

  // --- ExtraDataSupplier ---------------------------------------------------------------------

  @Test
  void extraData_officialRowsReadByDdbec_andDdbecRowsReadByOfficial() {
    SharedMetaStore shared = createShared();
    var java = java(shared, true);
    java.getOrCreate("by-java", 0);
    assertThat(rawRow(shared.table(), "by-java", 0).get("owner").s()).isEqualTo("team-by-java");
    Map<String, AttributeValue> item = item("a", 1);
    assertJavaToDdbec(
        item, java.getProvider("by-java", 0), ddbec(shared, true).provider("by-java", 0));

    MetaStore ddbec = ddbec(shared, true);
    assertThat(ddbec.newVersion("by-ddbec")).isZero();
    Map<String, AttributeValue> row = rawRow(shared.table(), "by-ddbec", 0);
    assertThat(row.get("owner").s()).isEqualTo("team-by-ddbec");
    assertThat(row.get("secretNote").b()).isNotNull();
    assertDdbecToJava(item, ddbec.provider("by-ddbec", 0), java.getProvider("by-ddbec", 0));
  }

  // --- replicate -----------------------------------------------------------------------------

  @Test
  void replicate_byOfficial_readByDdbec_andByDdbec_readByOfficial() {
    SharedMetaStore source = createShared();
    SharedMetaStore target =
        createShared(); // other meta keys, as another Region's table would have
    var javaSource = java(source, true);
    var javaTarget = java(target, true);
    javaSource.getOrCreate("orders", 0);
    javaSource.replicate("orders", 0, javaTarget);
    Map<String, AttributeValue> item = item("r", 1);
    assertJavaToDdbec(
        item, javaSource.getProvider("orders", 0), ddbec(target, true).provider("orders", 0));

    MetaStore ddbecSource = ddbec(source, true);
    assertThat(ddbecSource.newVersion("orders")).isEqualTo(1);
    assertThat(ddbecSource.replicate("orders", 1, ddbec(target, true))).isTrue();
    assertThat(rawRow(target.table(), "orders", 1).get("owner").s()).isEqualTo("team-orders");
    assertDdbecToJava(item, ddbecSource.provider("orders", 1), javaTarget.getProvider("orders", 1));
  }

  // --- material name per encryption context --------------------------------------------------

  /** The official way: a subclass overriding getMaterialName(context). */
  static final class TenantMostRecent
      extends com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
          .CachingMostRecentProvider {
    TenantMostRecent(
        com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.ProviderStore
            store) {
      super(store, "unused-default", 300_000L);
    }

    @Override
    protected String getMaterialName(
        com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext context) {
      return "tenant-" + context.getAttributeValues().get("pk").getS();
    }
  }

  @Test
  void materialNamePerTenant_officialSubclassAndDdbecSelector_readEachOther() {
    SharedMetaStore shared = createShared();
    TenantMostRecent java = new TenantMostRecent(java(shared, false));
    CachingMostRecentProvider ddbec =
        CachingMostRecentProvider.builder()
            .metaStore(ddbec(shared, false))
            .materialNameSelector(c -> "tenant-" + c.attributes().get("pk").s())
            .ttl(Duration.ofMinutes(5))
            .build();

    for (String tenant : new String[] {"acme", "globex"}) {
      Map<String, AttributeValue> item = item(tenant, 1);
      assertThat(metaId(assertJavaToDdbec(item, java, ddbec))).isEqualTo("tenant-" + tenant + "#0");
      assertThat(metaId(assertDdbecToJava(item, ddbec, java))).isEqualTo("tenant-" + tenant + "#0");
    }
    assertThat(ddbec(shared, false).versions("tenant-acme")).containsExactly(0L);
    assertThat(ddbec(shared, false).versions("tenant-globex")).containsExactly(0L);
    assertThat(ddbec(shared, false).versions("unused-default")).isEmpty();
  }
}
