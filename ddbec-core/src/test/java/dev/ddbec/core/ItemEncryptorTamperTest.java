package dev.ddbec.core;

import static dev.ddbec.core.internal.AttributeValues.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every change to a signed part of a stored item is detected; unsigned parts (DO_NOTHING
 * attributes, and the material description, which the format does not sign) never yield a wrong
 * item.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestProvider.class)
class ItemEncryptorTamperTest {
  private static final EncryptionContext CONTEXT =
      EncryptionContext.builder()
          .tableName("TamperTable")
          .partitionKeyName("pk")
          .sortKeyName("sk")
          .build();

  private static final List<String> ENCRYPTED = List.of("secret", "count", "blob", "nested");
  private static final List<String> SIGN_ONLY =
      List.of("pk", "sk", "tags", "signedBlob", "signedNum", "signedList", "signedMap");
  private static final List<String> DO_NOTHING = List.of("free", "freeNum");

  private static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("tags", CryptoAction.SIGN_ONLY)
          .action("signedBlob", CryptoAction.SIGN_ONLY)
          .action("signedNum", CryptoAction.SIGN_ONLY)
          .action("signedList", CryptoAction.SIGN_ONLY)
          .action("signedMap", CryptoAction.SIGN_ONLY)
          .action("optionalSigned", CryptoAction.SIGN_ONLY)
          .action("free", CryptoAction.DO_NOTHING)
          .action("freeNum", CryptoAction.DO_NOTHING)
          .action("optionalFree", CryptoAction.DO_NOTHING)
          .build()
          .withIndexKeys("pk", "sk");

  private static final CryptoConfig CONFIG = CryptoConfig.of(CONTEXT, ACTIONS);

  @Parameter TestProvider provider;
  ItemEncryptor encryptor;

  /** What the encryptor made of {@link #plaintextItem()}: the item each test tampers with. */
  Map<String, AttributeValue> stored;

  @BeforeEach
  void encryptThePlaintextItem() {
    encryptor = ItemEncryptor.create(provider.provider());
    stored = encrypt();
  }

  static Map<String, AttributeValue> plaintextItem() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("user#1"));
    item.put("sk", AttributeValue.fromN("42"));
    item.put("secret", AttributeValue.fromS("top secret \ud83d\ude00"));
    item.put("count", AttributeValue.fromN("12.50"));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, -1, 127})));
    item.put(
        "nested",
        AttributeValue.fromM(
            Map.of(
                "list",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true))),
                "ns",
                AttributeValue.fromNs(List.of("1", "2.5")))));
    item.put("tags", AttributeValue.fromSs(List.of("red", "green")));
    item.put(
        "signedBlob",
        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {5, 6, 7, 8, 9, 10, 11, 12})));
    item.put("signedNum", AttributeValue.fromN("-3.25"));
    item.put(
        "signedList",
        AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))));
    item.put("signedMap", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))));
    item.put("free", AttributeValue.fromS("anything"));
    item.put("freeNum", AttributeValue.fromN("7"));
    return item;
  }

  private Map<String, AttributeValue> encrypt() {
    return encryptor.encryptItem(plaintextItem(), CONFIG);
  }

  private static byte[] binary(Map<String, AttributeValue> item, String name) {
    return item.get(name).b().asByteArray();
  }

  private static Map<String, AttributeValue> with(
      Map<String, AttributeValue> item, String name, AttributeValue value) {
    Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
    copy.put(name, value);
    return copy;
  }

  private static Map<String, AttributeValue> without(
      Map<String, AttributeValue> item, String name) {
    Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
    copy.remove(name);
    return copy;
  }

  private static AttributeValue binaryValue(byte[] b) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(b));
  }

  private void assertRejected(Map<String, AttributeValue> tampered, String what) {
    assertRejected(tampered, CONFIG, what);
  }

  private void assertRejected(
      Map<String, AttributeValue> tampered, CryptoConfig config, String what) {
    try {
      Map<String, AttributeValue> result = encryptor.decryptItem(tampered, config);
      fail("tampering not detected: %s; decrypted attributes %s", what, result.keySet());
    } catch (ItemIntegrityException expected) {
      // detected
    } catch (RuntimeException e) {
      throw new AssertionError("expected ItemIntegrityException for " + what + " but got " + e, e);
    }
  }

  /** Flips every {@code stride}-th bit of a binary attribute and expects each flip to be caught. */
  private void assertEveryBitFlipRejected(String name, int stride) {
    byte[] original = binary(stored, name);
    for (int bit = 0; bit < original.length * 8; bit += stride) {
      byte[] flipped = original.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(with(stored, name, binaryValue(flipped)), name + " bit " + bit);
    }
  }

  @Test
  void decryptItem_untampered_returnsOriginalItem() {

    Map<String, AttributeValue> decrypted = encryptor.decryptItem(stored, CONFIG);

    assertThat(canonical(decrypted)).isEqualTo(canonical(plaintextItem()));
  }

  @Test
  void decryptItem_signatureBitFlipped_throwsItemIntegrityException() {

    assertEveryBitFlipRejected(ReservedAttributes.SIGNATURE, provider.bitStride());
  }

  @Test
  void decryptItem_signatureTruncatedOrExtended_throwsItemIntegrityException() {
    byte[] sig = binary(stored, ReservedAttributes.SIGNATURE);

    assertRejected(
        with(
            stored,
            ReservedAttributes.SIGNATURE,
            binaryValue(java.util.Arrays.copyOf(sig, sig.length - 1))),
        "signature truncated");
    assertRejected(
        with(
            stored,
            ReservedAttributes.SIGNATURE,
            binaryValue(java.util.Arrays.copyOf(sig, sig.length + 1))),
        "signature extended");
    assertRejected(with(stored, ReservedAttributes.SIGNATURE, binaryValue(new byte[0])), "empty");
  }

  @Test
  void decryptItem_encryptedValueBitFlipped_throwsItemIntegrityException() {

    for (String name : ENCRYPTED) {
      assertEveryBitFlipRejected(name, provider.bitStride());
    }
  }

  @Test
  void decryptItem_signOnlyBinaryBitFlipped_throwsItemIntegrityException() {

    assertEveryBitFlipRejected("signedBlob", 1);
  }

  @Test
  void decryptItem_encryptedValueTruncatedOrExtended_throwsItemIntegrityException() {

    for (String name : ENCRYPTED) {
      byte[] ct = binary(stored, name);
      for (int len : new int[] {0, 15, 16, 17, ct.length - 16, ct.length - 1, ct.length + 16}) {
        assertRejected(
            with(stored, name, binaryValue(java.util.Arrays.copyOf(ct, len))),
            name + " resized to " + len);
      }
    }
  }

  @Test
  void decryptItem_signOnlyValueChanged_throwsItemIntegrityException() {
    Map<String, List<AttributeValue>> replacements = new LinkedHashMap<>();
    replacements.put(
        "pk",
        List.of(
            AttributeValue.fromS("user#2"),
            AttributeValue.fromS("User#1"),
            AttributeValue.fromS(""),
            AttributeValue.fromSs(List.of("user#1")),
            binaryValue("user#1".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    replacements.put(
        "sk",
        List.of(
            AttributeValue.fromN("43"),
            AttributeValue.fromN("-42"),
            AttributeValue.fromN("4.2"),
            AttributeValue.fromS("42"),
            AttributeValue.fromNs(List.of("42"))));
    replacements.put(
        "tags",
        List.of(
            AttributeValue.fromSs(List.of("red")),
            AttributeValue.fromSs(List.of("red", "green", "blue")),
            AttributeValue.fromSs(List.of("red", "Green")),
            AttributeValue.fromL(
                List.of(AttributeValue.fromS("green"), AttributeValue.fromS("red")))));
    replacements.put(
        "signedNum",
        List.of(
            AttributeValue.fromN("3.25"),
            AttributeValue.fromN("-3.26"),
            AttributeValue.fromN("-325"),
            AttributeValue.fromS("-3.25")));
    replacements.put(
        "signedList",
        List.of(
            AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("a"))),
            AttributeValue.fromL(List.of(AttributeValue.fromS("a"))),
            AttributeValue.fromL(
                List.of(
                    AttributeValue.fromS("a"),
                    AttributeValue.fromN("1"),
                    AttributeValue.fromNul(true)))));
    replacements.put(
        "signedMap",
        List.of(
            AttributeValue.fromM(Map.of("k", AttributeValue.fromS("w"))),
            AttributeValue.fromM(Map.of("K", AttributeValue.fromS("v"))),
            AttributeValue.fromM(Map.of()),
            AttributeValue.fromM(
                Map.of("k", AttributeValue.fromS("v"), "k2", AttributeValue.fromS("v")))));
    replacements.put(
        "signedBlob", List.of(binaryValue(new byte[0]), binaryValue(new byte[] {5, 6, 7, 8})));
    // an encrypted attribute replaced by its plaintext
    replacements.put("secret", List.of(plaintextItem().get("secret")));

    replacements.forEach(
        (name, values) -> {
          for (AttributeValue v : values) {
            assertRejected(with(stored, name, v), name + " replaced by " + v);
          }
        });
  }

  @Test
  void decryptItem_signedAttributeRemoved_throwsItemIntegrityException() {
    List<String> signed = new ArrayList<>(ENCRYPTED);
    signed.addAll(SIGN_ONLY);

    for (String name : signed) {
      assertRejected(without(stored, name), name + " removed");
    }
  }

  @Test
  void decryptItem_signedAttributeAdded_throwsItemIntegrityException() {

    // default action ENCRYPT_AND_SIGN: a new attribute would be signed
    assertRejected(with(stored, "extra", AttributeValue.fromS("x")), "extra S");
    assertRejected(with(stored, "extra", stored.get("secret")), "extra ciphertext");
    assertRejected(with(stored, "optionalSigned", AttributeValue.fromN("1")), "optionalSigned");
  }

  @Test
  void decryptItem_encryptedValuesSwapped_throwsItemIntegrityException() {

    for (int i = 0; i < ENCRYPTED.size(); i++) {
      for (int j = i + 1; j < ENCRYPTED.size(); j++) {
        String a = ENCRYPTED.get(i);
        String b = ENCRYPTED.get(j);
        Map<String, AttributeValue> swapped = with(stored, a, stored.get(b));
        swapped.put(b, stored.get(a));
        assertRejected(swapped, a + " <-> " + b);
      }
    }
  }

  @Test
  void decryptItem_valueFromAnotherItem_throwsItemIntegrityException() {
    // the same plaintext encrypted again: fresh IVs (and, for wrapped providers, a fresh key)
    Map<String, AttributeValue> other = encrypt();

    assertThat(other.get("secret")).isNotEqualTo(stored.get("secret"));
    assertRejected(with(stored, "secret", other.get("secret")), "ciphertext replayed");
    assertRejected(
        with(stored, ReservedAttributes.SIGNATURE, other.get(ReservedAttributes.SIGNATURE)),
        "signature replayed");
  }

  @Test
  void decryptItem_tableRenamedInConfig_throwsItemIntegrityException() {
    CryptoConfig renamed =
        CryptoConfig.of(CONTEXT.toBuilder().tableName("TamperTable2").build(), ACTIONS);
    CryptoConfig caseChanged =
        CryptoConfig.of(CONTEXT.toBuilder().tableName("tampertable").build(), ACTIONS);

    assertRejected(stored, renamed, "table renamed");
    assertRejected(stored, caseChanged, "table name case changed");
  }

  @Test
  void decryptItem_actionsDiffer_throwsItemIntegrityException() {

    CryptoConfig signOnlyNowUnsigned =
        CryptoConfig.of(
            CONTEXT, ACTIONS.toBuilder().action("signedNum", CryptoAction.DO_NOTHING).build());
    CryptoConfig unsignedNowSigned =
        CryptoConfig.of(
            CONTEXT, ACTIONS.toBuilder().action("free", CryptoAction.SIGN_ONLY).build());
    CryptoConfig encryptedNowSignOnly =
        CryptoConfig.of(
            CONTEXT, ACTIONS.toBuilder().action("blob", CryptoAction.SIGN_ONLY).build());

    assertRejected(stored, signOnlyNowUnsigned, "SIGN_ONLY read as DO_NOTHING");
    assertRejected(stored, unsignedNowSigned, "DO_NOTHING read as SIGN_ONLY");
    assertRejected(stored, encryptedNowSignOnly, "ENCRYPT_AND_SIGN read as SIGN_ONLY");
  }

  @Test
  void decryptItem_doNothingAttributesChanged_returnsItemWithTheirNewValues() {
    Map<String, AttributeValue> changed = with(stored, "free", AttributeValue.fromN("99"));
    changed.remove("freeNum");
    changed.put("optionalFree", AttributeValue.fromSs(List.of("added")));

    Map<String, AttributeValue> decrypted = encryptor.decryptItem(changed, CONFIG);

    Map<String, AttributeValue> expected = plaintextItem();
    expected.put("free", AttributeValue.fromN("99"));
    expected.remove("freeNum");
    expected.put("optionalFree", AttributeValue.fromSs(List.of("added")));
    assertThat(canonical(decrypted)).isEqualTo(canonical(expected));
    for (String name : DO_NOTHING) {
      assertThat(ACTIONS.actionFor(name)).isEqualTo(CryptoAction.DO_NOTHING);
    }
  }

  @Test
  void decryptItem_materialDescriptionRemoved_throwsItemIntegrityException() {

    assertRejected(without(stored, ReservedAttributes.MATERIAL_DESCRIPTION), "description removed");
  }

  /**
   * The description is not signed (docs/format.md §4.1), so a flipped bit cannot always be
   * detected; but it must never produce a different item or an exception outside the integrity
   * family.
   */
  @Test
  void decryptItem_materialDescriptionBitFlipped_throwsItemIntegrityExceptionOrReturnsOriginal() {
    Map<String, AttributeValue> expected = canonical(plaintextItem());
    byte[] description = binary(stored, ReservedAttributes.MATERIAL_DESCRIPTION);
    int rejected = 0;
    int unchanged = 0;

    for (int bit = 0; bit < description.length * 8; bit += provider.bitStride()) {
      byte[] flipped = description.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Map<String, AttributeValue> tampered =
          with(stored, ReservedAttributes.MATERIAL_DESCRIPTION, binaryValue(flipped));
      Map<String, AttributeValue> result;
      try {
        result = encryptor.decryptItem(tampered, CONFIG);
      } catch (ItemIntegrityException e) {
        rejected++;
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("description bit " + bit + ": unexpected " + e, e);
      }
      assertThat(canonical(result)).as("description bit %d", bit).isEqualTo(expected);
      unchanged++;
    }

    // Most flips (version, lengths, algorithm names, wrapped key) must be caught.
    assertThat(rejected).isGreaterThan(unchanged);
  }
}
