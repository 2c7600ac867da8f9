package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSignerTest {
  private static final String TABLE = "ExampleTableName";
  private static final SecretKeySpec HMAC_KEY =
      new SecretKeySpec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
  private static final KeyPair RSA = TestKeys.rsa();

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void flagConstants_areSha256OfFlagNames() throws Exception {
    assertThat(hex(ItemSigner.ENCRYPTED_HASH)).isEqualTo(hex(sha256("ENCRYPTED")));
    assertThat(hex(ItemSigner.PLAINTEXT_HASH)).isEqualTo(hex(sha256("PLAINTEXT")));
    assertThat(hex(ItemSigner.ENCRYPTED_HASH))
        .isEqualTo("394115ac4eb09aa49429348816b2038127b0f9e3a520372ae100ca19fb08fd50");
    assertThat(hex(ItemSigner.PLAINTEXT_HASH))
        .isEqualTo("cb40e7dadc86161b9798de48512f332d21c141fcc1e28a086fde4a3375aab1b5");
  }

  /** The string to sign of the item {a_number: 55} with one action for every attribute. */
  private static byte[] stringToSignOfNumber55(CryptoAction action) {
    return ItemSigner.stringToSign(
        Map.of("a_number", AttributeValue.fromN("55")),
        TABLE,
        AttributeActions.of(action),
        SetOrdering.JAVA);
  }

  /**
   * string_to_sign.json's strings to sign of {a_number: 55} under each action (the first, with
   * ENCRYPT_AND_SIGN, is docs/format.md §4.2's example); under DO_NOTHING only the table hash.
   */
  private static final Map<CryptoAction, String> NUMBER_55_VECTORS =
      Map.of(
          CryptoAction.ENCRYPT_AND_SIGN,
          "9sgaD2yFEAmIplAUwJS+KesIRv1Xw0Q/DVnzVNZqp/U4+5C1DIfNg97Pu2hKprvFT1nzJNuMvsdX9zwUYqSJqj"
              + "lBFaxOsJqklCk0iBayA4EnsPnjpSA3KuEAyhn7CP1QYD1mapH53y+ljTvr5TAcGBTbydPe4VTANZOIHu"
              + "HviQ8=",
          CryptoAction.SIGN_ONLY,
          "9sgaD2yFEAmIplAUwJS+KesIRv1Xw0Q/DVnzVNZqp/U4+5C1DIfNg97Pu2hKprvFT1nzJNuMvsdX9zwUYqSJqs"
              + "tA59rchhYbl5jeSFEvMy0hwUH8weKKCG/eSjN1qrG1YD1mapH53y+ljTvr5TAcGBTbydPe4VTANZOIHu"
              + "HviQ8=",
          CryptoAction.DO_NOTHING,
          "9sgaD2yFEAmIplAUwJS+KesIRv1Xw0Q/DVnzVNZqp/U=");

  @ParameterizedTest
  @EnumSource(CryptoAction.class)
  void stringToSign_number55_matchesVector(CryptoAction action) {
    byte[] sts = stringToSignOfNumber55(action);

    assertThat(Base64.getEncoder().encodeToString(sts)).isEqualTo(NUMBER_55_VECTORS.get(action));
  }

  @Test
  void stringToSign_encryptedNumber_hexMatchesVector() {
    assertThat(hex(stringToSignOfNumber55(CryptoAction.ENCRYPT_AND_SIGN)))
        .startsWith("f6c81a0f")
        .contains("38fb90b5");
  }

  @Test
  void stringToSign_mixedActions_matchesVector() {
    SdkBytes ascii = SdkBytes.fromUtf8String("an ascii byte string");
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("a_number", AttributeValue.fromN("55"));
    item.put("some_string", AttributeValue.fromS("test ascii string"));
    item.put("bytes", AttributeValue.fromB(ascii));
    item.put(
        "list_of_stuff",
        AttributeValue.fromL(
            List.of(
                AttributeValue.fromN("55.34"),
                AttributeValue.fromB(ascii),
                AttributeValue.fromS("test ascii string"))));
    AttributeActions actions =
        AttributeActions.builder()
            .action("a_number", CryptoAction.DO_NOTHING)
            .action("some_string", CryptoAction.SIGN_ONLY)
            .build();

    byte[] sts = ItemSigner.stringToSign(item, TABLE, actions, SetOrdering.JAVA);

    assertThat(Base64.getEncoder().encodeToString(sts))
        .isEqualTo(
            "9sgaD2yFEAmIplAUwJS+KesIRv1Xw0Q/DVnzVNZqp/UncInZHAvfTy5oYrp+SgdgURlDH10T9ybdNSsG8bIGqT"
                + "lBFaxOsJqklCk0iBayA4EnsPnjpSA3KuEAyhn7CP1QvuXxYe5x5afhZUv3xkXlofC611Cw5eAlbNdEaM"
                + "f1xKGE96hSpUnIMULGeHZTXUI2ydB2gfFa9+W0FInbJtdwEjlBFaxOsJqklCk0iBayA4EnsPnjpSA3Ku"
                + "EAyhn7CP1QyIKWBxib2u7/xzb6bZmy+BHoUuSg5pgwcqIfCofBkyJTmjdP9D3OLolP1AYapUXm9/WXLU"
                + "DumhZ2kB+5ISX/7stA59rchhYbl5jeSFEvMy0hwUH8weKKCG/eSjN1qrG1bSWEI5OScw844jVePhRaqS"
                + "T4raDsPSjQVLzgN1rEAl8=");
  }

  @Test
  void stringToSign_reservedAttributesPresent_ignored() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("a", AttributeValue.fromS("x"));
    Map<String, AttributeValue> withReserved = new LinkedHashMap<>(item);
    withReserved.put(
        ReservedAttributes.SIGNATURE, AttributeValue.fromB(SdkBytes.fromUtf8String("s")));
    withReserved.put(
        ReservedAttributes.MATERIAL_DESCRIPTION,
        AttributeValue.fromB(SdkBytes.fromUtf8String("d")));
    AttributeActions actions = AttributeActions.of(CryptoAction.SIGN_ONLY);

    assertThat(ItemSigner.stringToSign(withReserved, TABLE, actions, SetOrdering.JAVA))
        .isEqualTo(ItemSigner.stringToSign(item, TABLE, actions, SetOrdering.JAVA))
        .hasSize(32 + 96);
  }

  @Test
  void stringToSign_tableNameChanged_differentPrefix() throws Exception {
    Map<String, AttributeValue> item = Map.of("a", AttributeValue.fromS("x"));
    AttributeActions actions = AttributeActions.of(CryptoAction.SIGN_ONLY);

    byte[] sts = ItemSigner.stringToSign(item, "Other", actions, SetOrdering.JAVA);

    assertThat(hex(sts)).startsWith(hex(sha256("TABLE>Other<TABLE")));
  }

  @Test
  void stringToSign_namesMixingPlanes_orderDependsOnOrdering() throws Exception {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("\uff21", AttributeValue.fromS("x"));
    item.put("\ud83d\ude00", AttributeValue.fromS("y"));
    AttributeActions actions = AttributeActions.of(CryptoAction.SIGN_ONLY);

    byte[] java = ItemSigner.stringToSign(item, TABLE, actions, SetOrdering.JAVA);
    byte[] python = ItemSigner.stringToSign(item, TABLE, actions, SetOrdering.PYTHON);

    assertThat(hex(java).substring(64, 128)).isEqualTo(hex(sha256("\ud83d\ude00")));
    assertThat(hex(python).substring(64, 128)).isEqualTo(hex(sha256("\uff21")));
    assertThat(ItemSigner.orderingSensitive(item, actions)).isTrue();
  }

  @Test
  void orderingSensitive_plainAsciiItem_false() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("b", AttributeValue.fromS("x"));
    item.put("a", AttributeValue.fromSs(List.of("p", "q")));

    assertThat(
            ItemSigner.orderingSensitive(
                item,
                AttributeActions.builder()
                    .defaultAction(CryptoAction.SIGN_ONLY)
                    .action("a", CryptoAction.ENCRYPT_AND_SIGN)
                    .build()))
        .isFalse();
    assertThat(ItemSigner.orderingSensitive(item, AttributeActions.of(CryptoAction.SIGN_ONLY)))
        .isTrue();
  }

  @Test
  void signThenVerify_hmac_trueAndFalseWhenChanged() {
    byte[] sts = "string to sign".getBytes(StandardCharsets.UTF_8);

    byte[] sig = ItemSigner.sign(sts, HMAC_KEY, "HmacSHA256");

    assertThat(sig).hasSize(32);
    assertThat(ItemSigner.verify(sts, sig, HMAC_KEY, "HmacSHA256")).isTrue();
    sig[0] ^= 1;
    assertThat(ItemSigner.verify(sts, sig, HMAC_KEY, "HmacSHA256")).isFalse();
    assertThat(ItemSigner.verify(sts, new byte[0], HMAC_KEY, "HmacSHA256")).isFalse();
  }

  @Test
  void signThenVerify_rsa_trueAndFalseForGarbage() {
    byte[] sts = "string to sign".getBytes(StandardCharsets.UTF_8);

    byte[] sig = ItemSigner.sign(sts, RSA.getPrivate(), "SHA256withRSA");

    assertThat(sig).hasSize(256);
    assertThat(ItemSigner.verify(sts, sig, RSA.getPublic(), "SHA256withRSA")).isTrue();
    assertThat(ItemSigner.verify(sts, new byte[0], RSA.getPublic(), "SHA256withRSA")).isFalse();
    assertThat(ItemSigner.verify(sts, new byte[3], RSA.getPublic(), "SHA256withRSA")).isFalse();
    assertThat(ItemSigner.verify(sts, new byte[1000], RSA.getPublic(), "SHA256withRSA")).isFalse();
    byte[] ones = new byte[256];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(ItemSigner.verify(sts, ones, RSA.getPublic(), "SHA256withRSA")).isFalse();
  }

  @Test
  void sign_keyDoesNotMatchAlgorithm_throwsInvalidConfigurationException() {
    byte[] sts = new byte[32];

    assertThatThrownBy(() -> ItemSigner.sign(sts, HMAC_KEY, "SHA256withRSA"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> ItemSigner.sign(sts, HMAC_KEY, "MD5"))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
