package dev.ddbec.core.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link MetaStore#replicate} and {@link ExtraDataSupplier} against the moto DynamoDB server. */
class MetaStoreReplicateExtraDataTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final CryptoConfig CONFIG =
      CryptoConfig.of(
          EncryptionContext.builder().tableName("Orders").partitionKeyName("pk").build(),
          AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk"));

  static final ExtraDataSupplier OWNER =
      new ExtraDataSupplier() {
        @Override
        public Map<String, AttributeValue> attributes(String materialName, long version) {
          return Map.of(
              "owner", AttributeValue.fromS("team-" + materialName),
              "note", AttributeValue.fromS("secret note v" + version));
        }

        @Override
        public Set<String> signedOnlyFieldNames() {
          return Set.of("owner");
        }
      };

  private static DynamoDbClient client() {
    return DDB.local().client();
  }

  private static MetaStore store(MaterialsProvider meta, ExtraDataSupplier extra) {
    String table = LocalDynamoDb.uniqueTableName("meta");
    MetaStore.createTable(client(), table);
    return MetaStore.builder()
        .dynamoDbClient(client())
        .tableName(table)
        .materialsProvider(meta)
        .extraDataSupplier(extra)
        .build();
  }

  private static Map<String, AttributeValue> raw(MetaStore store, String name, long version) {
    return DDB.local()
        .rawItem(
            store.tableName(),
            Map.of(
                "N",
                AttributeValue.fromS(name),
                "V",
                AttributeValue.fromN(Long.toString(version))));
  }

  @Test
  void extraData_signOnlyInTheClear_othersEncrypted_andReadersNeedTheSignOnlyNames() {
    MaterialsProvider meta = MetaStoreTest.metaProvider();
    MetaStore store = store(meta, OWNER);
    assertThat(store.newVersion("orders")).isZero();

    Map<String, AttributeValue> row = raw(store, "orders", 0);
    assertThat(row.get("owner").s()).isEqualTo("team-orders");
    assertThat(row.get("note").b()).as("encrypted: binary ciphertext").isNotNull();
    assertThat(row.get("note").s()).isNull();

    MaterialsProvider v0 = store.provider("orders", 0);
    Map<String, AttributeValue> item =
        Map.of("pk", AttributeValue.fromS("o1"), "x", AttributeValue.fromS("y"));
    Map<String, AttributeValue> stored = ItemEncryptor.create(v0).encryptItem(item, CONFIG);

    // A reader without the sign-only name tries to decrypt 'owner': the row fails verification.
    MetaStore unaware =
        MetaStore.builder()
            .dynamoDbClient(client())
            .tableName(store.tableName())
            .materialsProvider(meta)
            .build();
    assertThatThrownBy(() -> unaware.provider("orders", 0))
        .isInstanceOf(ItemIntegrityException.class);
    // A reader with the supplier reads it; signing the owner means changing it is detected.
    MetaStore aware =
        MetaStore.builder()
            .dynamoDbClient(client())
            .tableName(store.tableName())
            .materialsProvider(meta)
            .extraDataSupplier(OWNER)
            .build();
    assertThat(ItemEncryptor.create(aware.provider("orders", 0)).decryptItem(stored, CONFIG))
        .isEqualTo(item);
    client()
        .updateItem(
            r ->
                r.tableName(store.tableName())
                    .key(Map.of("N", row.get("N"), "V", row.get("V")))
                    .updateExpression("SET #o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("mallory"))));
    assertThatThrownBy(() -> aware.provider("orders", 0))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void extraData_mayNotTouchStandardAttributes() {
    assertThatThrownBy(
            () ->
                store(
                    MetaStoreTest.metaProvider(),
                    new ExtraDataSupplier() {
                      @Override
                      public Map<String, AttributeValue> attributes(String n, long v) {
                        return Map.of();
                      }

                      @Override
                      public Set<String> signedOnlyFieldNames() {
                        return Set.of("enc");
                      }
                    }))
        .isInstanceOf(InvalidConfigurationException.class);
    MetaStore overriding =
        store(
            MetaStoreTest.metaProvider(),
            new ExtraDataSupplier() {
              @Override
              public Map<String, AttributeValue> attributes(String n, long v) {
                return Map.of("t", AttributeValue.fromS("1"));
              }

              @Override
              public Set<String> signedOnlyFieldNames() {
                return Set.of();
              }
            });
    assertThatThrownBy(() -> overriding.newVersion("orders"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'t'");
  }

  @Test
  void replicate_copiesTheVersionUnderTheTargetsMetaProvider_onceOnly() {
    MetaStore source = store(MetaStoreTest.metaProvider(), OWNER);
    MaterialsProvider otherMeta = MetaStoreTest.metaProvider(); // other keys: "another Region"
    MetaStore target = store(otherMeta, OWNER);
    source.newVersion("orders");
    source.newVersion("orders");

    assertThat(source.replicate("orders", 1, target)).isTrue();
    assertThat(source.replicate("orders", 1, target)).as("already there").isFalse();
    assertThat(target.versions("orders")).containsExactly(1L);
    assertThat(raw(target, "orders", 1).get("owner").s()).isEqualTo("team-orders");
    assertThat(raw(target, "orders", 1).get("enc").b())
        .as("re-encrypted under the target's meta provider")
        .isNotEqualTo(raw(source, "orders", 1).get("enc").b());

    Map<String, AttributeValue> item =
        Map.of("pk", AttributeValue.fromS("o1"), "x", AttributeValue.fromS("y"));
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(source.provider("orders", 1)).encryptItem(item, CONFIG);
    assertThat(ItemEncryptor.create(target.provider("orders", 1)).decryptItem(stored, CONFIG))
        .isEqualTo(item);

    assertThatThrownBy(() -> source.replicate("orders", 7, target))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("has no version 7");
  }
}
