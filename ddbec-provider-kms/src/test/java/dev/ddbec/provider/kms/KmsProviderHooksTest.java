package dev.ddbec.provider.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.MotoKmsServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;

/**
 * The Direct KMS hooks (the official clients' overridable methods as builder functions): key
 * selection per encryption context, extra KMS encryption context entries and the decrypt-only
 * provider, against a moto KMS server.
 */
class KmsProviderHooksTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final Region US = Region.US_EAST_1;
  private static final String TABLE = "Tenants";
  private static final KmsCallCounter COUNTER = new KmsCallCounter().recording();

  private static KmsClient us;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void keys() {
    us = MOTO.client(US, COUNTER);
    keyA = MotoKmsServer.createKey(us);
    keyB = MotoKmsServer.createKey(us);
  }

  @BeforeEach
  void reset() {
    COUNTER.reset();
  }

  private static KmsMaterialsProvider perTenant(boolean strict) {
    return KmsMaterialsProvider.builder()
        .kmsClient(us)
        .keyIdSelector(c -> c.attributes().get("pk").s().startsWith("a") ? keyA : keyB)
        .strictKeyId(strict)
        .build();
  }

  @Test
  void keyIdSelector_picksTheKeyPerItem_andStrictDecryptNamesTheSelectedKey() {
    ItemEncryptor encryptor = ItemEncryptor.create(perTenant(true));
    Map<String, AttributeValue> a = encryptor.encryptItem(item("alice", "1"), config());
    Map<String, AttributeValue> b = encryptor.encryptItem(item("bob", "2"), config());
    List<GenerateDataKeyRequest> generated = COUNTER.requests(GenerateDataKeyRequest.class);
    assertThat(generated).extracting(GenerateDataKeyRequest::keyId).containsExactly(keyA, keyB);

    assertThat(encryptor.decryptItem(a, config())).isEqualTo(item("alice", "1"));
    assertThat(encryptor.decryptItem(b, config())).isEqualTo(item("bob", "2"));
    assertThat(COUNTER.requests(DecryptRequest.class))
        .extracting(DecryptRequest::keyId)
        .containsExactly(keyA, keyB);

    // Moved to the other tenant's partition key: strict mode names key B, KMS refuses key A's
    // wrapped key (the partition key is bound into the KMS context anyway).
    Map<String, AttributeValue> moved = new java.util.HashMap<>(a);
    moved.put("pk", AttributeValue.fromS("bert"));
    assertThatThrownBy(() -> encryptor.decryptItem(moved, config()))
        .isInstanceOf(MaterialsUnavailableException.class);
  }

  @Test
  void keyIdSelector_notStrict_decryptNamesNoKey() {
    KmsMaterialsProvider lenient = perTenant(false);
    assertThat(lenient.strictKeyId()).isFalse();
    assertThat(lenient.keyId()).isNull();
    ItemEncryptor encryptor = ItemEncryptor.create(lenient);
    Map<String, AttributeValue> a = encryptor.encryptItem(item("alice", "1"), config());
    assertThat(encryptor.decryptItem(a, config())).isEqualTo(item("alice", "1"));
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).keyId()).isNull();
  }

  @Test
  void keyIdSelector_blankAnswer_isMaterialsUnavailable() {
    ItemEncryptor encryptor =
        ItemEncryptor.create(
            KmsMaterialsProvider.builder().kmsClient(us).keyIdSelector(c -> " ").build());
    assertThatThrownBy(() -> encryptor.encryptItem(item("x", "1"), config()))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("chose no KMS key")
        .hasMessageContaining(TABLE);
    assertThat(COUNTER.totalCalls()).isZero();
  }

  @Test
  void kmsContextEntries_boundOnBothCalls_andAWrongEntryIsRefusedByKms() {
    KmsMaterialsProvider writer =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyA)
            .kmsContextEntries(c -> Map.of("tenant", c.attributes().get("pk").s()))
            .build();
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(writer).encryptItem(item("alice", "1"), config());
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext())
        .containsEntry("tenant", "alice")
        .containsEntry("*aws-kms-table*", TABLE);
    assertThat(ItemEncryptor.create(writer).decryptItem(stored, config()))
        .isEqualTo(item("alice", "1"));
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).encryptionContext())
        .containsEntry("tenant", "alice");

    KmsMaterialsProvider withoutEntries = KmsMaterialsProvider.create(us, keyA);
    assertThatThrownBy(() -> ItemEncryptor.create(withoutEntries).decryptItem(stored, config()))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("InvalidCiphertextException");
  }

  @Test
  void kmsContextEntries_replacingAStandardEntry_isRefusedBeforeKms() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyA)
            .kmsContextEntries(c -> Map.of("*aws-kms-table*", "Other"))
            .build();
    assertThatThrownBy(() -> ItemEncryptor.create(p).encryptItem(item("a", "1"), config()))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("may not replace");
    assertThat(COUNTER.totalCalls()).isZero();
  }

  @Test
  void decryptOnly_readsItemsUnderAnyKey_andRefusesToEncrypt() {
    Map<String, AttributeValue> underA =
        ItemEncryptor.create(KmsMaterialsProvider.create(us, keyA))
            .encryptItem(item("alice", "1"), config());
    Map<String, AttributeValue> underB =
        ItemEncryptor.create(KmsMaterialsProvider.create(us, keyB))
            .encryptItem(item("bob", "2"), config());
    COUNTER.reset();

    KmsMaterialsProvider reader =
        KmsMaterialsProvider.builder().kmsClient(us).decryptOnly().build();
    assertThat(reader.keyId()).isNull();
    assertThat(reader.strictKeyId()).isFalse();
    ItemEncryptor encryptor = ItemEncryptor.create(reader);
    assertThat(encryptor.decryptItem(underA, config())).isEqualTo(item("alice", "1"));
    assertThat(encryptor.decryptItem(underB, config())).isEqualTo(item("bob", "2"));
    assertThat(COUNTER.requests(DecryptRequest.class))
        .extracting(DecryptRequest::keyId)
        .containsOnlyNulls();

    assertThatThrownBy(() -> encryptor.encryptItem(item("carol", "3"), config()))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("decrypt-only");
    assertThat(COUNTER.calls("GenerateDataKey")).isZero();
  }

  @Test
  void configuration_conflicts_areInvalidConfiguration() {
    assertThatThrownBy(
            () -> KmsMaterialsProvider.builder().kmsClient(us).keyId(keyA).decryptOnly().build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .keyId(keyA)
                    .keyIdSelector(c -> keyB)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .decryptOnly()
                    .strictKeyId(true)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> KmsMaterialsProvider.builder().kmsClient(us).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("needs a key id");
  }

  @Test
  void factory_decryptOnly_readsAndNeedsNoKeyId() {
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(KmsMaterialsProvider.create(us, keyB))
            .encryptItem(item("bob", "2"), config());
    try (KmsMaterialsProvider reader =
        (KmsMaterialsProvider)
            dev.ddbec.api.MaterialsProviders.load(
                Map.of(
                    "provider",
                    "kms",
                    "decrypt-only",
                    "true",
                    "region",
                    "us-east-1",
                    "endpoint",
                    MOTO.endpoint().toString()))) {
      assertThat(reader.keyId()).isNull();
      assertThat(ItemEncryptor.create(reader).decryptItem(stored, config()))
          .isEqualTo(item("bob", "2"));
    }
    assertThatThrownBy(
            () ->
                dev.ddbec.api.MaterialsProviders.load(
                    Map.of("provider", "kms", "decrypt-only", "true", "key-id", keyA)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("decrypt-only");
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    return KmsMaterialsProviderTest.item(pk, sk);
  }

  private static dev.ddbec.core.CryptoConfig config() {
    return KmsMaterialsProviderTest.config(TABLE);
  }
}
