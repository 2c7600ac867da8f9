package dev.ddbec.core.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link CachingMostRecentProvider.Builder#materialNameSelector}: one material per tenant in a
 * shared MetaStore (the official Java client's {@code getMaterialName(EncryptionContext)}), each
 * name with its own versions, cache entries and TTL clock, against the moto DynamoDB server.
 */
class MostRecentMaterialNameSelectorTest extends CountingStoreTestBase {
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(
          EncryptionContext.builder().tableName("Orders").partitionKeyName("pk").build(),
          AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk"));

  /** The tenant is the partition key's prefix up to '/'. */
  private CachingMostRecentProvider perTenant() {
    return CachingMostRecentProvider.builder()
        .metaStore(store)
        .materialNameSelector(c -> "tenant-" + c.attributes().get("pk").s().split("/")[0])
        .ttl(TTL)
        .nanoTime(now::get)
        .build();
  }

  private static Map<String, AttributeValue> item(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "secret", AttributeValue.fromS("s-" + pk));
  }

  @Test
  void eachTenant_getsItsOwnMaterial_andReadsBackUnderIt() {
    CachingMostRecentProvider provider = perTenant();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    Map<String, AttributeValue> a = encryptor.encryptItem(item("acme/1"), CONFIG);
    Map<String, AttributeValue> b = encryptor.encryptItem(item("globex/1"), CONFIG);
    encryptor.encryptItem(item("acme/2"), CONFIG);

    assertThat(metaId(a)).isEqualTo("tenant-acme#0");
    assertThat(metaId(b)).isEqualTo("tenant-globex#0");
    assertThat(store.versions("tenant-acme")).containsExactly(0L);
    assertThat(store.versions("tenant-globex")).containsExactly(0L);
    assertThat(provider.materialName()).isNull();
    assertThat(provider.cachedCurrentVersion("tenant-acme")).hasValue(0);
    assertThat(provider.cachedCurrentVersion("tenant-other")).isEmpty();

    assertThat(encryptor.decryptItem(a, CONFIG)).isEqualTo(item("acme/1"));
    assertThat(encryptor.decryptItem(b, CONFIG)).isEqualTo(item("globex/1"));

    // Moving an item to another tenant's partition: the other tenant's material cannot verify it.
    Map<String, AttributeValue> moved = new HashMap<>(a);
    moved.put("pk", AttributeValue.fromS("globex/1"));
    assertThatThrownBy(() -> encryptor.decryptItem(moved, CONFIG))
        .isInstanceOf(dev.ddbec.api.DdbecException.class);
  }

  @Test
  void rotation_ofOneTenant_isPickedUpAfterItsTtl_withoutTouchingTheOther() {
    ItemEncryptor encryptor = ItemEncryptor.create(perTenant());
    encryptor.encryptItem(item("acme/1"), CONFIG);
    encryptor.encryptItem(item("globex/1"), CONFIG);
    assertThat(store.newVersion("tenant-acme")).isEqualTo(1);
    int queriesBefore = ddb.count("Query");

    // Within the TTL both tenants stay on their cached versions: no MetaStore reads.
    assertThat(metaId(encryptor.encryptItem(item("acme/2"), CONFIG))).isEqualTo("tenant-acme#0");
    assertThat(ddb.count("Query")).isEqualTo(queriesBefore);

    now.addAndGet(TTL.plus(CachingMostRecentProvider.GRACE_PERIOD).plusMillis(1).toNanos());
    assertThat(metaId(encryptor.encryptItem(item("acme/3"), CONFIG))).isEqualTo("tenant-acme#1");
    assertThat(metaId(encryptor.encryptItem(item("globex/2"), CONFIG)))
        .isEqualTo("tenant-globex#0");
    assertThat(store.versions("tenant-globex")).containsExactly(0L);
  }

  @Test
  void selectorConflictsAndBadNames_areInvalidConfiguration() {
    assertThatThrownBy(
            () ->
                CachingMostRecentProvider.builder()
                    .metaStore(store)
                    .materialName("x")
                    .materialNameSelector(c -> "y")
                    .ttl(TTL)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    ItemEncryptor bad =
        ItemEncryptor.create(
            CachingMostRecentProvider.builder()
                .metaStore(store)
                .materialNameSelector(c -> "a#b")
                .ttl(TTL)
                .build());
    assertThatThrownBy(() -> bad.encryptItem(item("acme/1"), CONFIG))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'#'");
  }
}
