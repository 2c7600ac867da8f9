package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The known differences between the official Python client and ddbec (docs/format.md §1.3–1.5, §8),
 * each run against the real Python client through {@link PythonPeer}, with ddbec's chosen behaviour
 * (docs/interop.md) asserted on both sides.
 *
 * <ul>
 *   <li>Set, map-key and attribute-name order: Python sorts binary members by unsigned bytes and
 *       strings by code point; ddbec writes Java order (signed bytes, UTF-16 units) and, when a
 *       signature does not verify, retries in Python order. So ddbec reads Python's SIGN_ONLY
 *       values of that kind, and Python rejects ddbec's.
 *   <li>Numbers beyond 28 significant digits: Python rounds them (half-even, to 28 digits) when it
 *       serializes and again when it deserializes; beyond 38 digits it refuses them, as ddbec does.
 *   <li>Negative zero: Python serializes {@code -0}, ddbec {@code 0}.
 *   <li>Material descriptions: ddbec writes the entries Python writes, in the same (key-sorted)
 *       order.
 * </ul>
 */
class PythonDivergenceTest {
  private static final String TABLE = "Divergence";
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final String VALUE = "value";
  private static final String COMPANION = "companion";
  private static final HexFormat HEX = HexFormat.of();

  /** U+1F600 (a supplementary character, a surrogate pair in UTF-16). */
  private static final String EMOJI = "\uD83D\uDE00";

  /** U+FF21 FULLWIDTH LATIN CAPITAL LETTER A: above the surrogates, below U+1F600. */
  private static final String FULLWIDTH_A = "\uFF21";

  /** 37 significant digits: docs/format.md's example. */
  private static final String DIGITS_37 = "1234567890123456789012345678901234567";

  private static final String DIGITS_37_PYTHON = "1234567890123456789012345679000000000";
  private static final String DIGITS_38 = "12345678901234567890123456789012345678";
  private static final String DIGITS_38_PYTHON = "12345678901234567890123456790000000000";
  private static final String DIGITS_28 = "1234567890123456789012345678";

  @AutoClose private static PythonPeer peer;
  private static Map<InteropProvider, ItemEncryptor> encryptors;

  @BeforeAll
  static void startPeer() {
    peer = PythonPeer.start();
    encryptors = InteropProvider.encryptors();
  }

  // =============================================================================================
  // (a) Binary sets with bytes >= 0x80
  // =============================================================================================

  private static final AttributeValue HIGH_BIT_BINARY_SET =
      AttributeValue.fromBs(List.of(bytes("80"), bytes("01"), bytes("ff00"), bytes("0102")));

  @Test
  void serialize_binarySetWithHighBitBytes_pythonUnsignedOrderDiffersFromDdbecSignedOrder() {
    byte[] python = pythonSerialize(HIGH_BIT_BINARY_SET);
    byte[] ddbec = ItemFormat.serialize(HIGH_BIT_BINARY_SET);

    // Python: unsigned bytes, shorter prefix first: 01, 0102, 80, ff00.
    assertThat(HEX.formatHex(python))
        .isEqualTo(
            "0042" + "00000004" + "0000000101" + "000000020102" + "0000000180" + "00000002ff00");
    // ddbec (the official Java client's order): signed bytes: 80, ff00, 01, 0102.
    assertThat(HEX.formatHex(ddbec))
        .isEqualTo(
            "0042" + "00000004" + "0000000180" + "00000002ff00" + "0000000101" + "000000020102");
    // ddbec's Python ordering, used for the verification retry, reproduces Python's bytes.
    assertThat(ItemFormat.serialize(HIGH_BIT_BINARY_SET, SetOrdering.PYTHON)).isEqualTo(python);
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_encryptedBinarySetWithHighBitBytes_roundTripsBothWays(InteropProvider provider) {
    // Encrypted values are signed as ciphertext: their set order never reaches the signature.
    Map<String, AttributeValue> item = item(VALUE, HIGH_BIT_BINARY_SET);
    Map<String, String> actions = Map.of();

    JsonNode python = pythonDecrypt(provider, actions, ddbecEncrypt(provider, actions, item));
    assertEqualItems(DynamoDbJson.item(python.get("item")), item);

    Map<String, AttributeValue> stored = pythonEncrypt(provider, actions, item);
    assertEqualItems(ddbecDecrypt(provider, actions, stored), item);
  }

  // =============================================================================================
  // (b) Strings mixing a supplementary character with U+E000..U+FFFF
  // =============================================================================================

  private static final AttributeValue MIXED_STRING_SET =
      AttributeValue.fromSs(List.of(FULLWIDTH_A, EMOJI, "a"));

  private static final AttributeValue MIXED_KEY_MAP =
      AttributeValue.fromM(
          orderedMap(
              FULLWIDTH_A, AttributeValue.fromS("fullwidth"), EMOJI, AttributeValue.fromN("1")));

  @Test
  void serialize_stringSetMixingEmojiAndFullwidth_pythonCodePointOrderDiffersFromDdbec() {
    byte[] python = pythonSerialize(MIXED_STRING_SET);
    byte[] ddbec = ItemFormat.serialize(MIXED_STRING_SET);

    String a = "0000000161";
    String fullwidth = "00000003efbca1";
    String emoji = "00000004f09f9880";
    // Python: code points a < U+FF21 < U+1F600. ddbec: UTF-16 units a < D83D < FF21.
    assertThat(HEX.formatHex(python)).isEqualTo("0053" + "00000003" + a + fullwidth + emoji);
    assertThat(HEX.formatHex(ddbec)).isEqualTo("0053" + "00000003" + a + emoji + fullwidth);
    assertThat(ItemFormat.serialize(MIXED_STRING_SET, SetOrdering.PYTHON)).isEqualTo(python);
  }

  @Test
  void serialize_mapWithKeysMixingEmojiAndFullwidth_pythonCodePointOrderDiffersFromDdbec() {
    byte[] python = pythonSerialize(MIXED_KEY_MAP);
    byte[] ddbec = ItemFormat.serialize(MIXED_KEY_MAP);

    String fullwidthEntry = "0073" + "00000003efbca1" + "0073" + "00000009" + hex("fullwidth");
    String emojiEntry = "0073" + "00000004f09f9880" + "006e" + "0000000131";
    assertThat(HEX.formatHex(python)).isEqualTo("004d" + "00000002" + fullwidthEntry + emojiEntry);
    assertThat(HEX.formatHex(ddbec)).isEqualTo("004d" + "00000002" + emojiEntry + fullwidthEntry);
    assertThat(ItemFormat.serialize(MIXED_KEY_MAP, SetOrdering.PYTHON)).isEqualTo(python);
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void decryptItem_pythonItemWithAttributeNamesMixingEmojiAndFullwidth_verifiesByRetry(
      InteropProvider provider) {
    // Attribute names are ordered like map keys: the whole signature depends on it.
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, AttributeValue.fromS("names"));
    item.put(SK, AttributeValue.fromN("1"));
    item.put(FULLWIDTH_A, AttributeValue.fromS("encrypted under a fullwidth name"));
    item.put(EMOJI, AttributeValue.fromS("encrypted under an emoji name"));
    Map<String, String> actions = Map.of();

    Map<String, AttributeValue> stored = pythonEncrypt(provider, actions, item);

    assertSignatureOverPythonOrderOnly(provider, actions, stored);
    assertEqualItems(ddbecDecrypt(provider, actions, stored), item);
  }

  // =============================================================================================
  // (c) Numbers with more than 28 significant digits
  // =============================================================================================

  @Test
  void serialize_numberWith37Digits_pythonRoundsTo28DdbecKeepsAll() {
    AttributeValue n = AttributeValue.fromN(DIGITS_37);

    assertThat(pythonSerialize(n)).isEqualTo(numberBytes(DIGITS_37_PYTHON));
    assertThat(ItemFormat.serialize(n)).isEqualTo(numberBytes(DIGITS_37));
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_encryptedNumberWith38Digits_pythonDecryptsItRoundedTo28Digits(
      InteropProvider provider) {
    Map<String, String> actions = Map.of();
    Map<String, AttributeValue> stored =
        ddbecEncrypt(provider, actions, item(VALUE, AttributeValue.fromN(DIGITS_38)));

    JsonNode python = pythonDecrypt(provider, actions, stored);

    // ddbec encrypted all 38 digits; Python's deserializer normalizes in its default 28-digit
    // decimal context, so the value it returns is silently rounded.
    assertThat(python.has("error")).as("%s", python).isFalse();
    assertThat(python.path("item").path(VALUE).path("N").asText()).isEqualTo(DIGITS_38_PYTHON);
    assertThat(ddbecDecrypt(provider, actions, stored).get(VALUE).n()).isEqualTo(DIGITS_38);
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_numberWith28Digits_roundTripsExactlyBothWaysEncryptedAndSignOnly(
      InteropProvider provider) {
    Map<String, AttributeValue> item = item(VALUE, AttributeValue.fromN("-" + DIGITS_28));
    item.put(COMPANION, AttributeValue.fromN("0." + DIGITS_28));
    for (Map<String, String> actions :
        List.of(Map.<String, String>of(), Map.of(VALUE, PeerRequests.SIGN))) {
      JsonNode python = pythonDecrypt(provider, actions, ddbecEncrypt(provider, actions, item));
      assertThat(python.path("item").path(VALUE).path("N").asText()).isEqualTo("-" + DIGITS_28);
      assertThat(python.path("item").path(COMPANION).path("N").asText())
          .isEqualTo("0." + DIGITS_28);

      Map<String, AttributeValue> decrypted =
          ddbecDecrypt(provider, actions, pythonEncrypt(provider, actions, item));
      assertThat(decrypted.get(VALUE).n()).isEqualTo("-" + DIGITS_28);
      assertThat(decrypted.get(COMPANION).n()).isEqualTo("0." + DIGITS_28);
    }
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_numbersAtDynamoDbRangeLimits_roundTripBothWaysEncryptedAndSignOnly(
      InteropProvider provider) {
    List<String> limits =
        List.of("1E-130", "-1E-130", "9.999999999999999999999999999E+125", "-1E+125", "1E+125");
    for (String limit : limits) {
      Map<String, AttributeValue> item = item(VALUE, AttributeValue.fromN(limit));
      for (Map<String, String> actions :
          List.of(Map.<String, String>of(), Map.of(VALUE, PeerRequests.SIGN))) {
        JsonNode python = pythonDecrypt(provider, actions, ddbecEncrypt(provider, actions, item));
        assertThat(python.has("error")).as("%s %s: %s", limit, actions, python).isFalse();
        assertEqualItems(DynamoDbJson.item(python.get("item")), item);

        assertEqualItems(
            ddbecDecrypt(provider, actions, pythonEncrypt(provider, actions, item)), item);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_plainNumberWith39DigitsOfWhichTrailingZeros_onlyEncryptedFormReadsInPython(
      InteropProvider provider) {
    // 1E+38 written out: one significant digit, valid in DynamoDB, but 39 coefficient digits for
    // Python's DynamoDB decimal context (precision 38), which traps the rounding.
    String plain = "1" + "0".repeat(38);
    AttributeValue n = AttributeValue.fromN(plain);
    JsonNode pythonSerialize = peer.call(PeerRequests.serialize(DynamoDbJson.toJson(n)));
    assertThat(pythonSerialize.path("error").path("type").asText()).isEqualTo("Rounded");
    assertThat(ItemFormat.serialize(n)).isEqualTo(numberBytes(plain));

    // Encrypted: Python deserializes in its default context, which does not trap.
    Map<String, String> encrypt = Map.of();
    JsonNode decrypted =
        pythonDecrypt(provider, encrypt, ddbecEncrypt(provider, encrypt, item(VALUE, n)));
    assertThat(decrypted.path("item").path(VALUE).path("N").asText())
        .as("%s", decrypted)
        .isEqualTo(plain);

    // Sign-only: Python fails while serializing the stored text for its signature check.
    Map<String, String> sign = Map.of(VALUE, PeerRequests.SIGN);
    JsonNode refused = pythonDecrypt(provider, sign, ddbecEncrypt(provider, sign, item(VALUE, n)));
    assertThat(refused.path("error").path("type").asText()).isEqualTo("Rounded");
  }

  @Test
  void encryptItem_numberWith39Digits_bothClientsRefuse() {
    String digits39 = DIGITS_38 + "9";
    Map<String, AttributeValue> item = item(VALUE, AttributeValue.fromN(digits39));
    Map<String, String> actions = Map.of();

    JsonNode python =
        peer.call(
            pythonTable(InteropProvider.STATIC.peer(), actions).encrypt(DynamoDbJson.toJson(item)));

    // Python's DynamoDB decimal context (precision 38) traps the rounding.
    assertThat(python.path("error").path("type").asText()).isEqualTo("Inexact");
    assertThatThrownBy(() -> ddbecEncrypt(InteropProvider.STATIC, actions, item))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("38 significant digits");
  }

  // =============================================================================================
  // (d) Negative zero
  // =============================================================================================

  @Test
  void serialize_negativeZero_pythonWritesMinusZeroDdbecWritesZero() {
    for (String negativeZero : List.of("-0", "-0.0", "-0E+5")) {
      AttributeValue n = AttributeValue.fromN(negativeZero);
      assertThat(pythonSerialize(n)).as(negativeZero).isEqualTo(numberBytes("-0"));
      assertThat(ItemFormat.serialize(n)).as(negativeZero).isEqualTo(numberBytes("0"));
    }
  }

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_encryptedNegativeZero_pythonDecryptsZero(InteropProvider provider) {
    Map<String, String> actions = Map.of();
    Map<String, AttributeValue> stored =
        ddbecEncrypt(provider, actions, item(VALUE, AttributeValue.fromN("-0")));

    JsonNode python = pythonDecrypt(provider, actions, stored);

    assertThat(python.path("item").path(VALUE).path("N").asText()).as("%s", python).isEqualTo("0");
  }

  // =============================================================================================
  // (e) Material description
  // =============================================================================================

  @ParameterizedTest
  @EnumSource(InteropProvider.class)
  void encryptItem_materialDescription_sameEntriesInSameKeySortedOrderAsPython(
      InteropProvider provider) {
    Map<String, AttributeValue> item = item(VALUE, AttributeValue.fromS("x"));
    Map<String, String> actions = Map.of();

    List<Map.Entry<String, String>> python =
        descriptionEntries(pythonEncrypt(provider, actions, item));
    List<Map.Entry<String, String>> ddbec =
        descriptionEntries(ddbecEncrypt(provider, actions, item));

    Map<String, String> expected = new LinkedHashMap<>();
    boolean rsa = provider == InteropProvider.WRAPPED_RSA;
    boolean wrapped = provider != InteropProvider.STATIC;
    if (wrapped) {
      expected.put("amzn-ddb-env-alg", "AES/256");
      expected.put("amzn-ddb-env-key", null);
    }
    expected.put("amzn-ddb-map-signingAlg", rsa ? "SHA256withRSA" : "HmacSHA256");
    expected.put("amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding");
    if (wrapped) {
      expected.put("amzn-ddb-wrap-alg", rsa ? "RSA/ECB/OAEPWithSHA-256AndMGF1Padding" : "AESWrap");
    }
    int wrappedKeyLength = rsa ? 256 : 40;
    for (List<Map.Entry<String, String>> entries : List.of(python, ddbec)) {
      assertThat(entries.stream().map(Map.Entry::getKey).toList())
          .containsExactlyElementsOf(expected.keySet());
      for (Map.Entry<String, String> e : entries) {
        if (e.getKey().equals("amzn-ddb-env-key")) {
          assertThat(Base64.getDecoder().decode(e.getValue())).hasSize(wrappedKeyLength);
        } else {
          assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
        }
      }
    }
    assertKeySorted(ddbec);
  }

  @Test
  void encryptItem_staticProviderWithCustomDescription_descriptionBytesIdenticalToPython() {
    Map<String, String> custom = new LinkedHashMap<>();
    custom.put("zeta", "last");
    custom.put("Zeta", "upper case sorts first");
    custom.put("alpha", "1");
    custom.put("\u00dcnicode", "\u00e9t\u00e9 " + EMOJI);
    InteropProvider.Keys k = InteropProvider.Keys.INSTANCE;
    ItemEncryptor encryptor =
        ItemEncryptor.create(
            dev.ddbec.core.providers.StaticMaterialsProvider.builder()
                .encryptionKey(k.staticAes)
                .hmacKey(k.hmac)
                .materialDescription(custom)
                .build());
    Map<String, AttributeValue> item = item(VALUE, AttributeValue.fromS("x"));
    Map<String, String> actions = Map.of();

    Map<String, AttributeValue> fromPython =
        peer.encrypt(
            pythonTable(
                PeerRequests.withMaterialDescription(InteropProvider.STATIC.peer(), custom),
                actions),
            item);
    Map<String, AttributeValue> fromDdbec = encryptor.encryptItem(item, config(actions));

    assertThat(fromDdbec.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
        .isEqualTo(fromPython.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray());
    assertKeySorted(descriptionEntries(fromDdbec));
    assertThat(descriptionEntries(fromDdbec)).hasSize(6);
  }

  // =============================================================================================
  // The same checks over values of (a) to (d)
  // =============================================================================================

  /** Values whose Python order differs from Java's. */
  private static final Map<String, AttributeValue> PYTHON_ORDER_VALUES =
      Map.of(
          "binary set with high-bit bytes", HIGH_BIT_BINARY_SET,
          "string set mixing emoji and fullwidth", MIXED_STRING_SET,
          "map with keys mixing emoji and fullwidth", MIXED_KEY_MAP);

  /** The tested value signed only, the rest of the item encrypted. */
  private static final Map<String, String> SIGN_VALUE = Map.of(VALUE, PeerRequests.SIGN);

  /** SIGN_ONLY values whose Python order differs from Java's, with each provider. */
  static Stream<Arguments> valuesInPythonOrder() {
    return withEachProvider(PYTHON_ORDER_VALUES);
  }

  /**
   * Python writes the value as SIGN_ONLY; its signature covers Python's order only; ddbec still
   * verifies (retry in Python order) and returns the plaintext.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesInPythonOrder")
  void decryptItem_pythonSignOnlyValueInPythonOrder_verifiesByPythonOrderRetry(
      InteropProvider provider, String kind, AttributeValue value) {
    Map<String, AttributeValue> stored = pythonEncrypt(provider, SIGN_VALUE, item(VALUE, value));

    assertSignatureOverPythonOrderOnly(provider, SIGN_VALUE, stored);
    assertEqualItems(ddbecDecrypt(provider, SIGN_VALUE, stored), item(VALUE, value));
  }

  /** SIGN_ONLY values Python signs otherwise than ddbec, with each provider. */
  static Stream<Arguments> valuesPythonSignsOtherwise() {
    Map<String, AttributeValue> values = new LinkedHashMap<>(PYTHON_ORDER_VALUES);
    // Python hashes the rounded text, ddbec signed the exact one.
    values.put("number with 38 digits", AttributeValue.fromN(DIGITS_38));
    values.put("negative zero", AttributeValue.fromN("-0"));
    return withEachProvider(values);
  }

  /**
   * ddbec writes the value as SIGN_ONLY: ddbec reads its own item back, Python refuses the
   * signature (ddbec signed Java order; docs/interop.md, "Writing Java order").
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesPythonSignsOtherwise")
  void encryptItem_signOnlyValuePythonSignsOtherwise_pythonRejectsSignature(
      InteropProvider provider, String kind, AttributeValue value) {
    Map<String, AttributeValue> item = item(VALUE, value);
    Map<String, String> actions = Map.of(VALUE, PeerRequests.SIGN);

    Map<String, AttributeValue> stored = ddbecEncrypt(provider, actions, item);
    JsonNode python = pythonDecrypt(provider, actions, stored);

    assertThat(python.path("error").path("type").asText())
        .as("Python's answer: %s", python)
        .isEqualTo("SignatureVerificationError");
    assertEqualItems(ddbecDecrypt(provider, actions, stored), item);
    // The official Java client, whose order and number rules ddbec writes, reads it.
    assertEqualItems(
        OfficialJavaClient.decrypt(
            stored,
            TABLE,
            PK,
            SK,
            new OfficialJavaClient.Actions(PeerRequests.ENCRYPT, actions),
            officialJavaProvider(provider)),
        item);
  }

  /** Encrypted numbers Python writes: the text ddbec decrypts, and a number it equals. */
  static Stream<Arguments> numbersPythonEncrypts() {
    return Stream.of(InteropProvider.values())
        .flatMap(
            provider ->
                Stream.of(
                    // Python rounded half-even to 28 significant digits before encrypting.
                    Arguments.of(provider, DIGITS_37, DIGITS_37_PYTHON, DIGITS_37_PYTHON),
                    // Python writes negative zero; numerically it is zero.
                    Arguments.of(provider, "-0.00", "-0", "0")));
  }

  /** ddbec returns the decrypted text as Python wrote it. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("numbersPythonEncrypts")
  void decryptItem_pythonEncryptedNumber_comesBackAsPythonWroteIt(
      InteropProvider provider, String number, String pythonText, String numericallyEqual) {
    Map<String, String> actions = Map.of();
    Map<String, AttributeValue> stored =
        pythonEncrypt(provider, actions, item(VALUE, AttributeValue.fromN(number)));

    Map<String, AttributeValue> decrypted = ddbecDecrypt(provider, actions, stored);

    assertThat(decrypted.get(VALUE).n()).isEqualTo(pythonText);
    assertThat(
            AttributeEquality.equal(decrypted.get(VALUE), AttributeValue.fromN(numericallyEqual)))
        .isTrue();
  }

  /** SIGN_ONLY numbers Python signs as other text (rounded, or as -0), with each provider. */
  static Stream<Arguments> signOnlyNumbersPythonSignsOtherwise() {
    return Stream.of(InteropProvider.values())
        .flatMap(p -> Stream.of(Arguments.of(p, DIGITS_37), Arguments.of(p, "-0")));
  }

  /** The item keeps the exact text, Python signed another one; no retry covers numbers. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("signOnlyNumbersPythonSignsOtherwise")
  void decryptItem_pythonSignOnlyNumberSignedOtherwise_ddbecRejectsSignature(
      InteropProvider provider, String number) {
    Map<String, String> actions = Map.of(VALUE, PeerRequests.SIGN);
    Map<String, AttributeValue> stored =
        pythonEncrypt(provider, actions, item(VALUE, AttributeValue.fromN(number)));

    assertThat(stored.get(VALUE).n()).isEqualTo(number);
    assertThatThrownBy(() -> ddbecDecrypt(provider, actions, stored))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("Signature verification failed");
  }

  private static Stream<Arguments> withEachProvider(Map<String, AttributeValue> values) {
    return Stream.of(InteropProvider.values())
        .flatMap(
            provider ->
                new TreeMap<>(values)
                    .entrySet().stream()
                        .map(e -> Arguments.of(provider, e.getKey(), e.getValue())));
  }

  // =============================================================================================
  // Helpers
  // =============================================================================================

  private static EncryptionMaterialsProvider officialJavaProvider(InteropProvider provider) {
    InteropProvider.Keys k = InteropProvider.Keys.INSTANCE;
    return switch (provider) {
      case STATIC ->
          OfficialJavaClient.staticAesHmac(k.staticAes.getEncoded(), k.hmac.getEncoded());
      case WRAPPED_AES ->
          OfficialJavaClient.wrappedAesHmac(k.wrapAes.getEncoded(), k.hmac.getEncoded());
      case WRAPPED_RSA -> {
        byte[] pub = k.rsa.getPublic().getEncoded();
        byte[] priv = k.rsa.getPrivate().getEncoded();
        yield OfficialJavaClient.wrappedRsa(pub, priv, pub, priv);
      }
    };
  }

  /**
   * Checks the stored signature directly with the provider's key (JCA, not ddbec's verifier): it
   * matches the string to sign built in Python order and not the one built in Java order.
   */
  private static void assertSignatureOverPythonOrderOnly(
      InteropProvider provider, Map<String, String> actions, Map<String, AttributeValue> stored) {
    Map<String, AttributeValue> unsigned = new LinkedHashMap<>(stored);
    byte[] signature = unsigned.remove(ReservedAttributes.SIGNATURE).b().asByteArray();
    unsigned.remove(ReservedAttributes.MATERIAL_DESCRIPTION);
    AttributeActions a = actions(actions);
    byte[] pythonOrder = ItemFormat.stringToSign(unsigned, TABLE, a, SetOrdering.PYTHON);
    byte[] javaOrder = ItemFormat.stringToSign(unsigned, TABLE, a, SetOrdering.JAVA);

    assertThat(javaOrder).isNotEqualTo(pythonOrder);
    assertThat(signatureMatches(provider, pythonOrder, signature)).isTrue();
    assertThat(signatureMatches(provider, javaOrder, signature)).isFalse();
  }

  private static boolean signatureMatches(
      InteropProvider provider, byte[] stringToSign, byte[] signature) {
    InteropProvider.Keys k = InteropProvider.Keys.INSTANCE;
    try {
      if (provider == InteropProvider.WRAPPED_RSA) {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(k.rsa.getPublic());
        s.update(stringToSign);
        return s.verify(signature);
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k.hmac);
      return java.security.MessageDigest.isEqual(mac.doFinal(stringToSign), signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, AttributeValue> item(String name, AttributeValue value) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, AttributeValue.fromS("divergence"));
    item.put(SK, AttributeValue.fromN("1"));
    item.put(name, value);
    item.put(COMPANION + "Text", AttributeValue.fromS("an encrypted neighbour"));
    return item;
  }

  /** Default ENCRYPT_AND_SIGN plus overrides; keys protected by each side's index-key rule. */
  private static AttributeActions actions(Map<String, String> overrides) {
    AttributeActions.Builder b = AttributeActions.builder();
    overrides.forEach((name, a) -> b.action(name, InteropItems.action(a)));
    return b.build().withIndexKeys(PK, SK);
  }

  private static CryptoConfig config(Map<String, String> overrides) {
    return CryptoConfig.of(
        EncryptionContext.builder().tableName(TABLE).partitionKeyName(PK).sortKeyName(SK).build(),
        actions(overrides));
  }

  private static Map<String, AttributeValue> ddbecEncrypt(
      InteropProvider provider, Map<String, String> overrides, Map<String, AttributeValue> item) {
    return encryptors.get(provider).encryptItem(item, config(overrides));
  }

  private static Map<String, AttributeValue> ddbecDecrypt(
      InteropProvider provider, Map<String, String> overrides, Map<String, AttributeValue> stored) {
    return encryptors.get(provider).decryptItem(stored, config(overrides));
  }

  private static Map<String, AttributeValue> pythonEncrypt(
      InteropProvider provider, Map<String, String> overrides, Map<String, AttributeValue> item) {
    return peer.encrypt(pythonTable(provider.peer(), overrides), item);
  }

  /** Python's answer: {@code {"item":...}} or {@code {"error":...}}. */
  private static JsonNode pythonDecrypt(
      InteropProvider provider, Map<String, String> overrides, Map<String, AttributeValue> stored) {
    return peer.call(pythonTable(provider.peer(), overrides).decrypt(DynamoDbJson.toJson(stored)));
  }

  /** The table as the official Python client protects it: encrypt by default, plus overrides. */
  private static PeerRequests.ItemTable pythonTable(
      ObjectNode provider, Map<String, String> overrides) {
    return new PeerRequests.ItemTable(
        TABLE, PK, SK, provider, PeerRequests.actions(PeerRequests.ENCRYPT, overrides));
  }

  private static byte[] pythonSerialize(AttributeValue value) {
    return Base64.getDecoder()
        .decode(
            peer.callOk(PeerRequests.serialize(DynamoDbJson.toJson(value)))
                .get("serialized")
                .asText());
  }

  private static void assertEqualItems(
      Map<String, AttributeValue> actual, Map<String, AttributeValue> expected) {
    assertThat(AttributeEquality.itemsEqual(expected, actual))
        .as("expected %s%nactual   %s", DynamoDbJson.toJson(expected), DynamoDbJson.toJson(actual))
        .isTrue();
  }

  /** Parses the description attribute's bytes (docs/format.md §2.1) without ddbec's codec. */
  private static List<Map.Entry<String, String>> descriptionEntries(
      Map<String, AttributeValue> stored) {
    ByteBuffer buf =
        ByteBuffer.wrap(stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray());
    assertThat(buf.getInt()).as("description version").isZero();
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    while (buf.hasRemaining()) {
      String key = lengthPrefixed(buf);
      entries.add(Map.entry(key, lengthPrefixed(buf)));
    }
    return entries;
  }

  private static String lengthPrefixed(ByteBuffer buf) {
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Keys strictly ascending by UTF-8 bytes (what Python writes). */
  private static void assertKeySorted(List<Map.Entry<String, String>> entries) {
    for (int i = 1; i < entries.size(); i++) {
      byte[] previous = entries.get(i - 1).getKey().getBytes(StandardCharsets.UTF_8);
      byte[] current = entries.get(i).getKey().getBytes(StandardCharsets.UTF_8);
      assertThat(java.util.Arrays.compareUnsigned(previous, current))
          .as("%s before %s", entries.get(i - 1).getKey(), entries.get(i).getKey())
          .isNegative();
    }
  }

  private static byte[] numberBytes(String text) {
    byte[] digits = text.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(6 + digits.length)
        .put((byte) 0)
        .put((byte) 'n')
        .putInt(digits.length)
        .put(digits)
        .array();
  }

  private static SdkBytes bytes(String hex) {
    return SdkBytes.fromByteArray(HEX.parseHex(hex));
  }

  private static String hex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, AttributeValue> orderedMap(
      String k1, AttributeValue v1, String k2, AttributeValue v2) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
