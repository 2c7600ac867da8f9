package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.testing.SampleTable;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEncryptorTest {
  private static final EncryptionContext CONTEXT = SampleTable.context("Items");
  private static final CryptoConfig CONFIG = CryptoConfig.of(CONTEXT, SampleTable.actions());
  private static final ItemEncryptor ENCRYPTOR =
      ItemEncryptor.create(TestProvider.STATIC_AES_HMAC.provider());

  private static Map<String, AttributeValue> item(String name, AttributeValue value) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("id"));
    item.put(name, value);
    return item;
  }

  @ParameterizedTest
  @ValueSource(strings = {ReservedAttributes.MATERIAL_DESCRIPTION, ReservedAttributes.SIGNATURE})
  void encryptItem_reservedAttributePresent_throwsInvalidItemException(String reserved) {
    Map<String, AttributeValue> item =
        item(reserved, AttributeValue.fromB(SdkBytes.fromUtf8String("x")));

    assertThatThrownBy(() -> ENCRYPTOR.encryptItem(item, CONFIG))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining(reserved);
  }

  /** Runs once with each action that checks the value: encrypt and sign, sign only. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ParameterizedTest
  @EnumSource(
      value = CryptoAction.class,
      names = {"ENCRYPT_AND_SIGN", "SIGN_ONLY"})
  @interface EncryptedOrSignedOnly {}

  /** The test table with {@code action} for {@code attribute}. */
  private static CryptoConfig configWith(String attribute, CryptoAction action) {
    return CryptoConfig.of(
        CONTEXT, AttributeActions.builder().action(attribute, action).build().withIndexKeys("pk"));
  }

  @EncryptedOrSignedOnly
  void encryptItem_numberOutOfRange_throwsInvalidItemException(CryptoAction action) {
    CryptoConfig config = configWith("n", action);

    for (String n : List.of("1e999999999", "1E+126", "123456789012345678901234567890123456789")) {
      assertThatThrownBy(() -> ENCRYPTOR.encryptItem(item("n", AttributeValue.fromN(n)), config))
          .isInstanceOf(InvalidItemException.class);
    }
  }

  @EncryptedOrSignedOnly
  void encryptItem_stringWithUnpairedSurrogate_throwsInvalidItemException(CryptoAction action) {
    CryptoConfig config = configWith("s", action);

    assertThatThrownBy(
            () -> ENCRYPTOR.encryptItem(item("s", AttributeValue.fromS("a\ud800")), config))
        .isInstanceOf(InvalidItemException.class);
  }

  @ParameterizedTest
  @EnumSource(CryptoAction.class)
  void encryptItem_attributeNameWithUnpairedSurrogate_throwsInvalidItemException(
      CryptoAction action) {
    // Signed as UTF-8, "n\ud800" would become "n?": two names, one signature.
    CryptoConfig config =
        CryptoConfig.of(
            CONTEXT,
            AttributeActions.builder()
                .defaultAction(action)
                .action("x", CryptoAction.ENCRYPT_AND_SIGN)
                .build()
                .withIndexKeys("pk"));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("id"));
    item.put("x", AttributeValue.fromS("v"));
    item.put("n\ud800", AttributeValue.fromS("v"));

    assertThatThrownBy(() -> ENCRYPTOR.encryptItem(item, config))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("n\\uD800")
        .hasMessageContaining("unpaired UTF-16 surrogate");
  }

  @Test
  void encryptItem_nullValue_throwsInvalidItemException() {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("id"));
    item.put("x", null);

    assertThatThrownBy(() -> ENCRYPTOR.encryptItem(item, CONFIG))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void encryptItem_allDoNothing_itemReturnedUnchanged() {
    CryptoConfig config = CryptoConfig.of(CONTEXT, AttributeActions.of(CryptoAction.DO_NOTHING));
    Map<String, AttributeValue> item = item("a", AttributeValue.fromS("x"));

    Map<String, AttributeValue> stored = ENCRYPTOR.encryptItem(item, config);

    assertThat(stored).isEqualTo(item).isNotSameAs(item);
    assertThat(ENCRYPTOR.decryptItem(stored, config)).isEqualTo(item);
  }

  @Test
  void encryptItem_staticProvider_descriptionHasSymModeAndSigningAlgorithm() {
    Map<String, AttributeValue> stored =
        ENCRYPTOR.encryptItem(item("a", AttributeValue.fromS("x")), CONFIG);

    Map<String, String> description =
        MaterialDescriptionCodec.decode(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray());
    assertThat(description)
        .containsEntry("amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding")
        .containsEntry("amzn-ddb-map-signingAlg", "HmacSHA256");
    assertThat(stored.get(ReservedAttributes.SIGNATURE).b().asByteArray()).hasSize(32);
    assertThat(stored.get("pk")).isEqualTo(AttributeValue.fromS("id"));
    // 16-byte IV + one block for a 7-byte serialized string
    assertThat(stored.get("a").b().asByteArray()).hasSize(32);
  }

  @Test
  void encryptItem_sameItemTwice_differentCiphertexts() {
    Map<String, AttributeValue> item = item("a", AttributeValue.fromS("x"));

    assertThat(ENCRYPTOR.encryptItem(item, CONFIG).get("a"))
        .isNotEqualTo(ENCRYPTOR.encryptItem(item, CONFIG).get("a"));
  }

  @Test
  void encryptItem_signOnlyProviderWithEncryptedAttribute_throwsInvalidConfigurationException() {
    ItemEncryptor signOnly =
        ItemEncryptor.create(
            StaticMaterialsProvider.builder().hmacKey(TestProvider.HMAC_KEY).build());

    assertThatThrownBy(() -> signOnly.encryptItem(item("a", AttributeValue.fromS("x")), CONFIG))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void decryptItem_providerOverrideInConfig_usesOverride() {
    ItemEncryptor other = ItemEncryptor.create(TestProvider.WRAPPED_AESKW_HMAC.provider());
    Map<String, AttributeValue> item = item("a", AttributeValue.fromS("x"));
    Map<String, AttributeValue> stored = ENCRYPTOR.encryptItem(item, CONFIG);

    Map<String, AttributeValue> decrypted =
        other.decryptItem(stored, CONFIG.withMaterialsProvider(ENCRYPTOR.materialsProvider()));

    assertThat(decrypted).isEqualTo(item);
  }
}
