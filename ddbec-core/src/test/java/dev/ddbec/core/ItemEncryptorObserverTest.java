package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.client.TableProtection;
import dev.ddbec.testing.RecordingObserver;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the item encryptor and a table's protection report to an observer. */
class ItemEncryptorObserverTest {
  static final AttributeActions ACTIONS =
      AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk");
  static final CryptoConfig CONFIG =
      CryptoConfig.of(
          EncryptionContext.builder().tableName("Books").partitionKeyName("pk").build(), ACTIONS);

  final RecordingObserver events = new RecordingObserver();
  final ItemEncryptor encryptor =
      ItemEncryptor.create(TestProvider.STATIC_AES_HMAC.provider()).withObserver(events);

  /** A modifiable copy of the encrypted {@link #item()}. */
  Map<String, AttributeValue> encryptedCopy() {
    return new HashMap<>(encryptor.encryptItem(item(), CONFIG));
  }

  /** Decrypting {@code stored} fails, and reports the encryption and then {@code event}. */
  void assertRefusedReporting(Map<String, AttributeValue> stored, String event) {
    assertThatThrownBy(() -> encryptor.decryptItem(stored, CONFIG))
        .isInstanceOf(DdbecException.class);
    assertThat(events.names()).containsExactly("itemEncrypted Books", event);
  }

  @Test
  void encryptAndDecrypt_reportedWithTableAndDuration() {
    Map<String, AttributeValue> stored = encryptor.encryptItem(item(), CONFIG);
    encryptor.decryptItem(stored, CONFIG);

    assertThat(events.names()).containsExactly("itemEncrypted Books", "itemDecrypted Books");
    assertThat(events.nanos()).allMatch(n -> n > 0);
  }

  @Test
  void decrypt_tamperedValue_signatureMismatch() {
    Map<String, AttributeValue> stored = encryptedCopy();
    stored.put("pk", AttributeValue.fromS("other"));

    assertRefusedReporting(stored, "SIGNATURE_MISMATCH Books");
  }

  @Test
  void decrypt_noSignature_missingSignature() {
    Map<String, AttributeValue> stored = encryptedCopy();
    stored.remove(ReservedAttributes.SIGNATURE);

    assertRefusedReporting(stored, "MISSING_SIGNATURE Books");
  }

  @Test
  void decrypt_malformedDescriptionOrSignature_malformedItem() {
    Map<String, AttributeValue> stored = encryptedCopy();
    stored.put(
        ReservedAttributes.MATERIAL_DESCRIPTION,
        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 0, 0, 0, 0, 0, 0, 9})));
    Map<String, AttributeValue> wrongType = new HashMap<>(stored);
    wrongType.put(ReservedAttributes.SIGNATURE, AttributeValue.fromS("not binary"));

    assertThatThrownBy(() -> encryptor.decryptItem(stored, CONFIG))
        .isInstanceOf(DdbecException.class);
    assertThatThrownBy(() -> encryptor.decryptItem(wrongType, CONFIG))
        .isInstanceOf(DdbecException.class);
    assertThat(events.names())
        .containsExactly("itemEncrypted Books", "malformedItem Books", "malformedItem Books");
  }

  @Test
  void withObserver_noop_reportsNothingAndKeepsTheProvider() {
    ItemEncryptor quiet = encryptor.withObserver(DdbecObserver.NOOP);
    quiet.decryptItem(quiet.encryptItem(item(), CONFIG), CONFIG);

    assertThat(quiet.observer()).isSameAs(DdbecObserver.NOOP);
    assertThat(quiet.materialsProvider()).isSameAs(encryptor.materialsProvider());
    assertThat(events.names()).isEmpty();
  }

  @Test
  void tableProtection_plaintextPolicies_plaintextReadsWritesAndRejectionsReported() {
    TableConfig config =
        TableConfig.builder("Books")
            .attributeActions(ACTIONS)
            .keySchema(TableKeySchema.of("pk", null))
            .build();
    TableProtection migrating =
        TableProtection.create(
            TestProvider.STATIC_AES_HMAC.provider(),
            PlaintextPolicy.WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT,
            config,
            events);
    TableProtection strict =
        TableProtection.create(
            TestProvider.STATIC_AES_HMAC.provider(), PlaintextPolicy.REJECT, config, events);

    Map<String, AttributeValue> written = migrating.encrypt(item());
    migrating.decrypt(written);
    assertThatThrownBy(() -> strict.decrypt(written)).isInstanceOf(DdbecException.class);

    assertThat(written).isEqualTo(item());
    assertThat(events.names())
        .containsExactly(
            "plaintext WRITE Books", "plaintext READ Books", "MISSING_SIGNATURE Books");
  }

  @Test
  void of_combinesObservers_noopDropped() {
    RecordingObserver second = new RecordingObserver();
    DdbecObserver both = DdbecObserver.of(events, DdbecObserver.NOOP, second);
    both.requestRefused("UpdateItem");

    assertThat(events.names()).containsExactly("refused UpdateItem");
    assertThat(second.names()).containsExactly("refused UpdateItem");
    assertThat(DdbecObserver.of()).isSameAs(DdbecObserver.NOOP);
    assertThat(DdbecObserver.of(events, DdbecObserver.NOOP)).isSameAs(events);
  }

  static Map<String, AttributeValue> item() {
    return Map.of("pk", AttributeValue.fromS("b1"), "title", AttributeValue.fromS("Dune"));
  }
}
