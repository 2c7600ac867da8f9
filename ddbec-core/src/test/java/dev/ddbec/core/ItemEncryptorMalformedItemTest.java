package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.core.internal.AttributeCipher;
import dev.ddbec.core.internal.ItemSigner;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import dev.ddbec.testing.SampleTable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored items that are malformed rather than merely tampered: the signature is forged with the
 * real signing key where needed so that the malformation reaches the decryption path. Every case
 * must end in a typed {@link ItemIntegrityException}.
 */
class ItemEncryptorMalformedItemTest {
  private static final EncryptionContext CONTEXT = SampleTable.context("Malformed");
  private static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .action("plain", CryptoAction.SIGN_ONLY)
          .build()
          .withIndexKeys("pk");
  private static final CryptoConfig CONFIG = CryptoConfig.of(CONTEXT, ACTIONS);

  private static final TestProvider PROVIDER = TestProvider.STATIC_AES_HMAC;
  private static final ItemEncryptor ENCRYPTOR = ItemEncryptor.create(PROVIDER.provider());

  private static Map<String, AttributeValue> plaintextItem() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("id"));
    item.put("secret", AttributeValue.fromS("hello"));
    item.put("plain", AttributeValue.fromN("5"));
    return item;
  }

  private static Map<String, AttributeValue> stored() {
    return ENCRYPTOR.encryptItem(plaintextItem(), CONFIG);
  }

  private static AttributeValue binary(byte[] b) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(b));
  }

  /** Replaces one attribute and re-signs the item with the real key, as a key holder could. */
  private static Map<String, AttributeValue> forged(
      Map<String, AttributeValue> stored, String name, AttributeValue value) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(stored);
    item.put(name, value);
    return resigned(item, PROVIDER);
  }

  private static Map<String, AttributeValue> resigned(
      Map<String, AttributeValue> item, TestProvider provider) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(item);
    byte[] sts = ItemSigner.stringToSign(out, CONTEXT.tableName(), ACTIONS, SetOrdering.JAVA);
    byte[] sig = ItemSigner.sign(sts, provider.signingKey(), provider.signingAlgorithm());
    out.put(ReservedAttributes.SIGNATURE, binary(sig));
    return out;
  }

  private static void assertIntegrityFailure(Map<String, AttributeValue> item) {
    assertThatThrownBy(() -> ENCRYPTOR.decryptItem(item, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void forged_unmodifiedItem_decrypts() {
    // guards the forging helper: a re-signed genuine item still decrypts
    Map<String, AttributeValue> s = stored();

    assertThat(ENCRYPTOR.decryptItem(resigned(s, PROVIDER), CONFIG)).isEqualTo(plaintextItem());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 31, 33, 47})
  void decryptItem_encryptedValueOfWrongLength_throwsItemIntegrityException(int length) {
    Map<String, AttributeValue> s = stored();
    byte[] ct = Arrays.copyOf(s.get("secret").b().asByteArray(), length);

    assertIntegrityFailure(forged(s, "secret", binary(ct)));
  }

  @Test
  void decryptItem_encryptedValueIsString_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = stored();

    assertIntegrityFailure(forged(s, "secret", AttributeValue.fromS("hello")));
    assertIntegrityFailure(forged(s, "secret", AttributeValue.fromN("1")));
    assertIntegrityFailure(
        forged(s, "secret", AttributeValue.fromBs(List.of(s.get("secret").b()))));
    // and without a forged signature
    Map<String, AttributeValue> unsigned = new LinkedHashMap<>(s);
    unsigned.put("secret", AttributeValue.fromS("hello"));
    assertIntegrityFailure(unsigned);
  }

  @Test
  void decryptItem_ciphertextUnderOtherKey_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = stored();
    javax.crypto.spec.SecretKeySpec otherKey =
        new javax.crypto.spec.SecretKeySpec(new byte[16], "AES");
    byte[] ct = AttributeCipher.encrypt(otherKey, new byte[] {0, 's', 0, 0, 0, 0});

    assertIntegrityFailure(forged(s, "secret", binary(ct)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "00", "0099", "003f02", "0073000000ff", "01730000000141", "0073000000014100"})
  void decryptItem_validCiphertextOfMalformedPlaintext_throwsItemIntegrityException(String hex) {
    Map<String, AttributeValue> s = stored();
    byte[] plaintext = java.util.HexFormat.of().parseHex(hex);
    byte[] ct = AttributeCipher.encrypt(TestProvider.AES_KEY, plaintext);

    assertThatThrownBy(() -> ENCRYPTOR.decryptItem(forged(s, "secret", binary(ct)), CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("secret");
  }

  @Test
  void decryptItem_randomCiphertextBlocks_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = stored();
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      byte[] ct = new byte[16 * (2 + random.nextInt(4))];
      random.nextBytes(ct);
      assertIntegrityFailure(forged(s, "secret", binary(ct)));
    }
  }

  @ParameterizedTest
  @EnumSource(TestProvider.class)
  void decryptItem_garbageSignatureBytes_throwsItemIntegrityException(TestProvider provider) {
    ItemEncryptor encryptor = ItemEncryptor.create(provider.provider());
    Map<String, AttributeValue> s = encryptor.encryptItem(plaintextItem(), CONFIG);
    Random random = new Random(2);

    for (int len : new int[] {0, 1, 3, 31, 32, 33, 255, 256, 257, 1000}) {
      byte[] garbage = new byte[len];
      random.nextBytes(garbage);
      Map<String, AttributeValue> item = new LinkedHashMap<>(s);
      item.put(ReservedAttributes.SIGNATURE, binary(garbage));
      assertThatThrownBy(() -> encryptor.decryptItem(item, CONFIG))
          .as("garbage signature of %d bytes", len)
          .isInstanceOf(ItemIntegrityException.class);
    }
    byte[] ones = new byte[256];
    Arrays.fill(ones, (byte) 0xff);
    Map<String, AttributeValue> item = new LinkedHashMap<>(s);
    item.put(ReservedAttributes.SIGNATURE, binary(ones));
    assertThatThrownBy(() -> encryptor.decryptItem(item, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void decryptItem_signatureNotBinary_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = stored();
    String sigBase64 =
        java.util.Base64.getEncoder()
            .encodeToString(s.get(ReservedAttributes.SIGNATURE).b().asByteArray());

    for (AttributeValue v :
        List.of(
            AttributeValue.fromS(sigBase64),
            AttributeValue.fromN("1"),
            AttributeValue.fromBs(List.of(s.get(ReservedAttributes.SIGNATURE).b())),
            AttributeValue.fromNul(true),
            AttributeValue.builder().build())) {
      Map<String, AttributeValue> item = new LinkedHashMap<>(s);
      item.put(ReservedAttributes.SIGNATURE, v);
      assertIntegrityFailure(item);
    }
  }

  @Test
  void decryptItem_signatureMissing_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.remove(ReservedAttributes.SIGNATURE);

    assertThatThrownBy(() -> ENCRYPTOR.decryptItem(s, CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining(ReservedAttributes.SIGNATURE);
  }

  @Test
  void decryptItem_plaintextItemWithoutReservedAttributes_throwsItemIntegrityException() {
    assertIntegrityFailure(plaintextItem());
    assertIntegrityFailure(Map.of());
  }

  @Test
  void decryptItem_descriptionNotBinary_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.put(ReservedAttributes.MATERIAL_DESCRIPTION, AttributeValue.fromS("AAAAAA=="));

    assertIntegrityFailure(s);
  }

  @Test
  void decryptItem_descriptionVersionOne_throwsUnsupportedFormatException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    byte[] d = s.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray();
    d[3] = 1;
    s.put(ReservedAttributes.MATERIAL_DESCRIPTION, binary(d));

    assertThatThrownBy(() -> ENCRYPTOR.decryptItem(s, CONFIG))
        .isInstanceOf(UnsupportedFormatException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/GCM/NoPadding", "/CBC/NoPadding", "/ECB/PKCS5Padding", ""})
  void decryptItem_otherSymMode_throwsUnsupportedFormatException(String mode) {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    Map<String, String> d =
        new HashMap<>(
            MaterialDescriptionCodec.decode(
                s.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray()));
    d.put("amzn-ddb-map-sym-mode", mode);
    s.put(ReservedAttributes.MATERIAL_DESCRIPTION, binary(MaterialDescriptionCodec.encode(d)));

    assertThatThrownBy(() -> ENCRYPTOR.decryptItem(s, CONFIG))
        .isInstanceOf(UnsupportedFormatException.class);
  }

  @Test
  void decryptItem_descriptionWithoutSymMode_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.put(
        ReservedAttributes.MATERIAL_DESCRIPTION,
        binary(MaterialDescriptionCodec.encode(Map.of("amzn-ddb-map-signingAlg", "HmacSHA256"))));

    assertIntegrityFailure(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HmacSHA512", "SHA256withRSA", "MD5", ""})
  void decryptItem_descriptionNamesOtherSigningAlgorithm_throwsItemIntegrityException(String alg) {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.put(
        ReservedAttributes.MATERIAL_DESCRIPTION,
        binary(
            MaterialDescriptionCodec.encode(
                Map.of(
                    "amzn-ddb-map-signingAlg",
                    alg,
                    "amzn-ddb-map-sym-mode",
                    "/CBC/PKCS5Padding"))));

    assertIntegrityFailure(s);
  }

  @Test
  void decryptItem_storedValueWithoutType_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.put("plain", AttributeValue.builder().build());

    assertIntegrityFailure(s);
  }

  @Test
  void decryptItem_storedSignOnlyNumberInvalid_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new LinkedHashMap<>(stored());
    s.put("plain", AttributeValue.fromN("1e999999999"));

    assertIntegrityFailure(s);
  }

  @Test
  void decryptItem_nullAttributeValue_throwsItemIntegrityException() {
    Map<String, AttributeValue> s = new HashMap<>(stored());
    s.put("plain", null);

    assertIntegrityFailure(s);
  }
}
