package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionFlags;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.interop.OfficialJavaClient.OfficialClientException;
import dev.ddbec.sdk1.Sdk1Items;
import dev.ddbec.testing.AttributeValueArbitraries;
import dev.ddbec.testing.TestKeys;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Live interop with the official Java client ({@code aws-dynamodb-encryption-java} 2.0.3) in the
 * same JVM: random items go through ddbec and the official client in both directions, with the same
 * key material on both sides, for every provider kind both clients share.
 *
 * <ul>
 *   <li>static AES-128 / AES-256 content key + HMAC-SHA256;
 *   <li>wrapped: per-item AES-256 content key, RFC 3394 AES key wrap (128- or 256-bit wrapping key)
 *       + HMAC-SHA256;
 *   <li>wrapped: per-item content key wrapped with RSA-OAEP (RSA-2048) + SHA256withRSA signature
 *       with a second RSA-2048 key pair.
 * </ul>
 *
 * <p>Random items carry a partition key {@code pk} (S or N), a sort key {@code sk} (N) and 1–12
 * further attributes of every DynamoDB type, nested up to three levels; each item gets a random
 * default action and random per-attribute overrides, with the keys protected by {@code
 * withIndexKeys("pk", "sk")}. The official client gets exactly the same actions (see {@link
 * #assertOfficialFlagsMatch}).
 *
 * <p>The explicit examples pin the behaviours where the two Java implementations meet the format's
 * edge cases (docs/format.md §1.3–1.5): set and map-key ordering with high-bit bytes and mixed
 * supplementary / U+E000..U+FFFF characters, 38-digit numbers and negative zero. Signature bytes
 * are compared directly where the signature is deterministic (HMAC, RSA PKCS#1 v1.5): equal bytes
 * mean an identical string to sign.
 */
class OfficialJavaInteropTest {

  private static final String TABLE = "ddbec-interop";
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final EncryptionContext CONTEXT =
      EncryptionContext.builder().tableName(TABLE).partitionKeyName(PK).sortKeyName(SK).build();

  private static final HexFormat HEX = HexFormat.of();

  // ---------------------------------------------------------------------------------------------
  // Key material: generated once per class, the same bytes handed to both clients.
  // ---------------------------------------------------------------------------------------------

  private static final byte[] HMAC_KEY = TestKeys.randomBytes(32);
  private static final Peer STATIC_AES128 =
      aesPeer("static AES-128 + HMAC", TestKeys.randomBytes(16), false);
  private static final Peer STATIC_AES256 =
      aesPeer("static AES-256 + HMAC", TestKeys.randomBytes(32), false);
  private static final Peer WRAPPED_AESKW128 =
      aesPeer("wrapped AES-KW-128 + HMAC", TestKeys.randomBytes(16), true);
  private static final Peer WRAPPED_AESKW256 =
      aesPeer("wrapped AES-KW-256 + HMAC", TestKeys.randomBytes(32), true);
  private static final Peer WRAPPED_RSA = wrappedRsaPeer();

  /**
   * One key setup as seen by both clients.
   *
   * @param wrapAlgorithm the {@code amzn-ddb-wrap-alg} ddbec must write, or null for static
   * @param signatureLength length of the raw signature in bytes
   */
  record Peer(
      String name,
      ItemEncryptor ddbec,
      EncryptionMaterialsProvider official,
      String wrapAlgorithm,
      int signatureLength) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A static (AES content key) or wrapped (AES key wrap) setup with the shared HMAC key. */
  private static Peer aesPeer(String name, byte[] aesKey, boolean wrapped) {
    SecretKeySpec aes = new SecretKeySpec(aesKey, "AES");
    SecretKeySpec hmac = new SecretKeySpec(HMAC_KEY, "HmacSHA256");
    MaterialsProvider ddbec =
        wrapped
            ? WrappedMaterialsProvider.builder().wrappingKey(aes).hmacKey(hmac).build()
            : StaticMaterialsProvider.builder().encryptionKey(aes).hmacKey(hmac).build();
    EncryptionMaterialsProvider official =
        wrapped
            ? OfficialJavaClient.wrappedAesHmac(aesKey, HMAC_KEY)
            : OfficialJavaClient.staticAesHmac(aesKey, HMAC_KEY);
    return new Peer(name, ItemEncryptor.create(ddbec), official, wrapped ? "AESWrap" : null, 32);
  }

  private static Peer wrappedRsaPeer() {
    KeyPair wrapping = TestKeys.rsa();
    KeyPair signing = TestKeys.rsa();
    return new Peer(
        "wrapped RSA-OAEP + SHA256withRSA",
        ItemEncryptor.create(
            WrappedMaterialsProvider.builder()
                .wrappingKeyPair(wrapping)
                .signingKeyPair(signing)
                .build()),
        OfficialJavaClient.wrappedRsa(
            wrapping.getPublic().getEncoded(),
            wrapping.getPrivate().getEncoded(),
            signing.getPublic().getEncoded(),
            signing.getPrivate().getEncoded()),
        ContentKeyUnwrapper.RSA_OAEP_SHA256,
        256);
  }

  // ---------------------------------------------------------------------------------------------
  // Random round trips: at least 500 protected items per provider and direction.
  // ---------------------------------------------------------------------------------------------

  /**
   * Tries per provider and direction. About one item in ten gets actions that are all DO_NOTHING
   * and passes through untouched; {@link #collectStatistics} checks that at least {@value
   * #MIN_PROTECTED} of the tries really were encrypted or signed.
   */
  private static final int ROUND_TRIP_TRIES = 600;

  private static final int MIN_PROTECTED = 500;

  /**
   * Both directions for each case, with a static (AES-128 or AES-256), a wrapped AES-KW (128 or
   * 256) and the wrapped RSA provider.
   */
  @Property(tries = ROUND_TRIP_TRIES)
  void roundTrip_randomItemEachProvider_bothClientsDecryptToOriginal(
      @ForAll("staticPeers") Peer staticPeer,
      @ForAll("wrappedAesPeers") Peer wrappedAesPeer,
      @ForAll("cases") Case c) {
    for (Peer peer : List.of(staticPeer, wrappedAesPeer, WRAPPED_RSA)) {
      ddbecWritesOfficialReads(peer, c);
      officialWritesDdbecReads(peer, c);
    }
    collectStatistics(c);
  }

  /** ddbec encrypts, the official client verifies and decrypts. */
  private static void ddbecWritesOfficialReads(Peer peer, Case c) {
    assertOfficialFlagsMatch(c);
    Map<String, AttributeValue> stored = peer.ddbec().encryptItem(c.item(), c.config());
    assertStoredShape(peer, c, stored);

    Map<String, AttributeValue> decrypted =
        OfficialJavaClient.decrypt(stored, TABLE, PK, SK, c.official(), peer.official());

    // The official reader passes an item through as stored when no present attribute is flagged
    // (see decrypt_ddbecItemWithNoPresentAttributeSigned_officialClientReturnsItAsStored).
    Map<String, AttributeValue> expected =
        protection(c).equals(NOTHING_PRESENT_SIGNED) ? stored : c.item();
    assertSemanticallyEqual(
        decrypted, expected, peer + ": official client's decryption of ddbec's item");
  }

  /** The official client encrypts, ddbec verifies and decrypts. */
  private static void officialWritesDdbecReads(Peer peer, Case c) {
    assertOfficialFlagsMatch(c);
    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(c.item(), TABLE, PK, SK, c.official(), peer.official());
    // Guards against a vacuous pass: a protected item must really carry a signature.
    assertThat(stored.containsKey(ReservedAttributes.SIGNATURE))
        .as("%s: official item has a signature", peer)
        .isEqualTo(!c.actions().allDoNothing());

    Map<String, AttributeValue> decrypted = peer.ddbec().decryptItem(stored, c.config());

    assertSemanticallyEqual(
        decrypted, c.item(), peer + ": ddbec's decryption of the official item");
  }

  /**
   * The flags the adapter gives the official client are exactly ddbec's actions: {ENCRYPT, SIGN}
   * for ENCRYPT_AND_SIGN, {SIGN} for SIGN_ONLY, none for DO_NOTHING, keys included.
   */
  private static void assertOfficialFlagsMatch(Case c) {
    Map<String, Set<EncryptionFlags>> expected = new LinkedHashMap<>();
    for (String name : c.item().keySet()) {
      expected.put(
          name,
          switch (c.actions().actionFor(name)) {
            case ENCRYPT_AND_SIGN -> EnumSet.of(EncryptionFlags.ENCRYPT, EncryptionFlags.SIGN);
            case SIGN_ONLY -> EnumSet.of(EncryptionFlags.SIGN);
            case DO_NOTHING -> EnumSet.noneOf(EncryptionFlags.class);
          });
    }
    assertThat(OfficialJavaClient.flags(c.item().keySet(), c.official(), PK, SK))
        .isEqualTo(expected);
  }

  /**
   * What ddbec stored: encrypted attributes are B values of IV + whole AES blocks, other attributes
   * are untouched, and the official client's own parser reads the description.
   */
  private static void assertStoredShape(Peer peer, Case c, Map<String, AttributeValue> stored) {
    if (c.actions().allDoNothing()) {
      assertThat(stored).isEqualTo(c.item());
      return;
    }
    Set<String> names = new TreeSet<>(c.item().keySet());
    names.addAll(ReservedAttributes.ALL);
    assertThat(new TreeSet<>(stored.keySet())).isEqualTo(names);
    for (Map.Entry<String, AttributeValue> e : c.item().entrySet()) {
      AttributeValue s = stored.get(e.getKey());
      if (c.actions().actionFor(e.getKey()) == CryptoAction.ENCRYPT_AND_SIGN) {
        assertThat(s.type())
            .as("type of encrypted %s", e.getKey())
            .isEqualTo(AttributeValue.Type.B);
        int length = s.b().asByteArrayUnsafe().length;
        assertThat(length).as("IV + ciphertext length").isGreaterThanOrEqualTo(32);
        assertThat(length % 16).as("IV + ciphertext length mod 16").isZero();
      } else {
        assertThat(s).as("unencrypted %s", e.getKey()).isEqualTo(e.getValue());
      }
    }
    AttributeValue signature = stored.get(ReservedAttributes.SIGNATURE);
    assertThat(signature.type()).isEqualTo(AttributeValue.Type.B);
    assertThat(signature.b().asByteArrayUnsafe()).hasSize(peer.signatureLength());

    Map<String, String> description =
        OfficialDescription.parse(stored.get(ReservedAttributes.MATERIAL_DESCRIPTION));
    assertThat(description).containsEntry(FormatNames.SYM_MODE, "/CBC/PKCS5Padding");
    if (peer.signatureLength() == 256) {
      // The official client picks the RSA verification algorithm from this entry.
      assertThat(description).containsEntry(FormatNames.SIGNING_ALG, "SHA256withRSA");
    }
    if (peer.wrapAlgorithm() != null) {
      assertThat(description)
          .containsEntry(FormatNames.WRAP_ALG, peer.wrapAlgorithm())
          .containsEntry(FormatNames.ENV_ALG, "AES/256");
      byte[] wrapped = Base64.getDecoder().decode(description.get(FormatNames.ENV_KEY));
      assertThat(wrapped).hasSize(peer.wrapAlgorithm().equals("AESWrap") ? 40 : 256);
    }
  }

  private static void collectStatistics(Case c) {
    Statistics.label("protection").collect(protection(c));
    Statistics.label("protection")
        .coverage(
            coverage -> {
              coverage
                  .checkQuery(values -> !UNTOUCHED.equals(values.get(0)))
                  .count(n -> n >= MIN_PROTECTED);
              coverage.check("encrypted").percentage(p -> p >= 40);
              coverage.check("signed only").percentage(p -> p >= 5);
            });
  }

  private static String protection(Case c) {
    if (c.actions().allDoNothing()) {
      return UNTOUCHED;
    }
    for (String name : c.item().keySet()) {
      if (c.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        return "encrypted";
      }
    }
    for (String name : c.item().keySet()) {
      if (c.actions().actionFor(name) == CryptoAction.SIGN_ONLY) {
        return "signed only";
      }
    }
    return NOTHING_PRESENT_SIGNED;
  }

  private static final String UNTOUCHED = "untouched";
  private static final String NOTHING_PRESENT_SIGNED = "nothing present signed";

  // ---------------------------------------------------------------------------------------------
  // Byte-level: identical string to sign.
  // ---------------------------------------------------------------------------------------------

  @Property(tries = 500)
  void encryptItem_signOnlyRandomItemWithStaticHmac_signatureBytesEqualOfficialSignature(
      @ForAll("signOnlyCases") Case c) {
    assertSameSignature(STATIC_AES256, c);
  }

  /** RSA PKCS#1 v1.5 signatures are deterministic too, so the same holds for SHA256withRSA. */
  @Property(tries = 100)
  void encryptItem_signOnlyRandomItemWithRsa_signatureBytesEqualOfficialSignature(
      @ForAll("signOnlyCases") Case c) {
    assertSameSignature(WRAPPED_RSA, c);
  }

  private static void assertSameSignature(Peer peer, Case c) {
    Map<String, AttributeValue> ours = peer.ddbec().encryptItem(c.item(), c.config());
    Map<String, AttributeValue> theirs =
        OfficialJavaClient.encrypt(c.item(), TABLE, PK, SK, c.official(), peer.official());
    Statistics.label("protection").collect(protection(c));
    if (c.actions().allDoNothing()) {
      assertThat(ours).isEqualTo(c.item());
      assertThat(theirs).isEqualTo(c.item());
      return;
    }
    assertThat(withoutReserved(ours)).isEqualTo(withoutReserved(theirs));
    assertThat(signatureHex(ours)).isEqualTo(signatureHex(theirs));
  }

  // ---------------------------------------------------------------------------------------------
  // Edge cases where the official Java and Python clients disagree: ddbec writes Java's choice.
  // ---------------------------------------------------------------------------------------------

  /** docs/format.md §1.4: Java order [80][ff00][01][0102], Python order [01][0102][80][ff00]. */
  @Example
  void decryptItem_signOnlyBinarySetWithHighBitBytesFromOfficialClient_verifiesWithSameSignature() {
    List<byte[]> members = List.of(bytes(0x80), bytes(0x01), bytes(0xff, 0x00), bytes(0x01, 0x02));
    assertSignedOrderDiffersFromUnsigned(members);

    assertSignOnlyInterop(
        Map.of("bs", fromBs(members.stream().map(SdkBytes::fromByteArray).toList())),
        stored ->
            replace(
                stored,
                "bs",
                fromBs(
                    List.of(
                        SdkBytes.fromByteArray(bytes(0x80)),
                        SdkBytes.fromByteArray(bytes(0x01)),
                        SdkBytes.fromByteArray(bytes(0xff, 0x01)),
                        SdkBytes.fromByteArray(bytes(0x01, 0x02))))));
  }

  /** docs/format.md §1.4: Java order a, U+1F600, U+FF21; Python order a, U+FF21, U+1F600. */
  @Example
  void decryptItem_signOnlyStringSetMixingEmojiAndFullwidthAFromOfficialClient_verifies() {
    List<String> members = List.of("\uFF21", "\uD83D\uDE00", "a");
    assertUtf16OrderDiffersFromCodePointOrder(members);

    assertSignOnlyInterop(
        Map.of("ss", fromSs(members)),
        stored -> replace(stored, "ss", fromSs(List.of("\uFF21", "\uD83D\uDE00", "b"))));
  }

  /**
   * docs/format.md §1.5 and §4.2: map keys and attribute names follow the same order as strings.
   */
  @Example
  void decryptItem_signOnlyMapKeysAndNamesMixingEmojiAndFullwidthAFromOfficialClient_verifies() {
    assertUtf16OrderDiffersFromCodePointOrder(List.of("\uFF21", "\uD83D\uDE00"));
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    map.put("\uFF21", fromS("fullwidth A"));
    map.put("\uD83D\uDE00", fromN("1"));
    map.put("\uE000", fromBs(List.of(SdkBytes.fromByteArray(bytes(0x80)))));
    map.put("\uD835\uDD38", fromL(List.of(fromM(Map.of("\uFFFD", fromNul(true))))));
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("m", fromM(map));
    attributes.put("\uFF21", fromS("name U+FF21"));
    attributes.put("\uD83D\uDE00", fromS("name U+1F600"));
    attributes.put("\uE000", fromS("name U+E000"));

    assertSignOnlyInterop(
        attributes,
        stored -> {
          Map<String, AttributeValue> changed = new LinkedHashMap<>(map);
          changed.put("\uD83D\uDE00", fromN("2"));
          return replace(stored, "m", fromM(changed));
        });
  }

  /** 38 significant digits: kept exactly by both Java clients (Python would round to 28). */
  private static final List<String> DIGITS_38 =
      List.of(
          "12345678901234567890123456789012345678",
          "-98765432109876543210987654321098765432",
          "0.12345678901234567890123456789012345678",
          "-1.2345678901234567890123456789012345678E-130",
          "9.9999999999999999999999999999999999999E+125",
          "1234567890123456789.0123456789012345678");

  @Example
  void encryptItem_numbersWith38SignificantDigits_officialClientDecryptsEveryDigit() {
    Case c = digits38Case();

    Map<String, AttributeValue> stored = STATIC_AES256.ddbec().encryptItem(c.item(), c.config());
    Map<String, AttributeValue> decrypted =
        OfficialJavaClient.decrypt(stored, TABLE, PK, SK, c.official(), STATIC_AES256.official());

    assertEvery38DigitNumberKept(c, decrypted);
  }

  @Example
  void decryptItem_numbersWith38SignificantDigitsFromOfficialClient_everyDigitKept() {
    Case c = digits38Case();

    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(c.item(), TABLE, PK, SK, c.official(), STATIC_AES256.official());
    Map<String, AttributeValue> decrypted = STATIC_AES256.ddbec().decryptItem(stored, c.config());

    assertEvery38DigitNumberKept(c, decrypted);
  }

  @Example
  void decryptItem_signOnlyNumbersWith38SignificantDigitsFromOfficialClient_verifies() {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    for (int i = 0; i < DIGITS_38.size(); i++) {
      attributes.put("n" + i, fromN(DIGITS_38.get(i)));
    }
    attributes.put("ns", fromNs(DIGITS_38));

    // Rounding the last digit away, as a 28-digit context would, must break the signature.
    assertSignOnlyInterop(
        attributes,
        stored -> replace(stored, "n0", fromN("12345678901234567890123456789012345670")));
  }

  /** ENCRYPT_AND_SIGN "enc…" and "encSet", SIGN_ONLY "sig…" and "sigSet", all 38 digits. */
  private static Case digits38Case() {
    Map<String, AttributeValue> item = keys();
    AttributeActions.Builder actions = AttributeActions.builder();
    for (int i = 0; i < DIGITS_38.size(); i++) {
      assertThat(new BigDecimal(DIGITS_38.get(i)).stripTrailingZeros().precision()).isEqualTo(38);
      item.put("enc" + i, fromN(DIGITS_38.get(i)));
      item.put("sig" + i, fromN(DIGITS_38.get(i)));
      actions.action("sig" + i, CryptoAction.SIGN_ONLY);
    }
    item.put("encSet", fromNs(DIGITS_38));
    item.put("sigSet", fromNs(DIGITS_38));
    actions.action("sigSet", CryptoAction.SIGN_ONLY);
    return new Case(item, actions.build().withIndexKeys(PK, SK));
  }

  private static void assertEvery38DigitNumberKept(Case c, Map<String, AttributeValue> decrypted) {
    for (int i = 0; i < DIGITS_38.size(); i++) {
      String original = DIGITS_38.get(i);
      // Decrypted numbers come back in canonical plain form, with all 38 digits.
      assertThat(decrypted.get("enc" + i).n()).isEqualTo(canonical(original));
      // Signed-only numbers are stored verbatim.
      assertThat(decrypted.get("sig" + i).n()).isEqualTo(original);
    }
    assertThat(decrypted.get("encSet").ns())
        .containsExactlyInAnyOrderElementsOf(
            DIGITS_38.stream().map(OfficialJavaInteropTest::canonical).toList());
    assertThat(decrypted.get("sigSet").ns()).containsExactlyInAnyOrderElementsOf(DIGITS_38);
    assertSemanticallyEqual(decrypted, c.item(), "decrypted 38-digit item");
  }

  /** docs/format.md §1.3: Java normalizes -0 to 0 (Python keeps "-0"); ddbec writes Java's "0". */
  @Example
  void encryptItem_negativeZero_officialClientReadsZero() {
    Map<String, AttributeValue> item = keys();
    item.put("enc", fromN("-0"));
    item.put("encDecimal", fromN("-0.000"));
    item.put("encSet", fromNs(List.of("-0", "1")));
    item.put("encList", fromL(List.of(fromN("-0E+5"))));
    item.put("sig", fromN("-0"));
    item.put("sigSet", fromNs(List.of("-0.0", "2")));
    AttributeActions actions =
        AttributeActions.builder()
            .action("sig", CryptoAction.SIGN_ONLY)
            .action("sigSet", CryptoAction.SIGN_ONLY)
            .build()
            .withIndexKeys(PK, SK);
    Case c = new Case(item, actions);

    Map<String, AttributeValue> stored = STATIC_AES256.ddbec().encryptItem(item, c.config());
    Map<String, AttributeValue> decrypted =
        OfficialJavaClient.decrypt(stored, TABLE, PK, SK, c.official(), STATIC_AES256.official());

    assertThat(decrypted.get("enc").n()).isEqualTo("0");
    assertThat(decrypted.get("encDecimal").n()).isEqualTo("0");
    assertThat(decrypted.get("encSet").ns()).containsExactlyInAnyOrder("0", "1");
    assertThat(decrypted.get("encList").l()).containsExactly(fromN("0"));
    // Signed-only values are stored as written; both clients sign them as "0".
    assertThat(decrypted.get("sig").n()).isEqualTo("-0");
    assertThat(new BigDecimal(decrypted.get("sig").n())).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(decrypted.get("sigSet").ns()).containsExactlyInAnyOrder("-0.0", "2");
  }

  @Example
  void encryptItem_signOnlyNegativeZero_signatureEqualsOfficialSignature() {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("z", fromN("-0"));
    attributes.put("zs", fromNs(List.of("-0.00", "-1")));
    assertSignOnlyInterop(attributes, stored -> replace(stored, "z", fromN("-1")));
  }

  /**
   * Signed-only interop around one fixed item, with the static HMAC keys.
   *
   * <ol>
   *   <li>the official client writes, ddbec verifies and returns the original;
   *   <li>ddbec's signature bytes for the same item are the official client's (identical string to
   *       sign, so ddbec's writer uses the same order, not just a tolerant reader);
   *   <li>the official client verifies ddbec's item;
   *   <li>set members and map entries in another order (DynamoDB keeps no order) still verify;
   *   <li>a changed value does not verify, so the checks above are not vacuous.
   * </ol>
   */
  private static void assertSignOnlyInterop(
      Map<String, AttributeValue> attributes, UnaryOperator<Map<String, AttributeValue>> tamper) {
    Map<String, AttributeValue> item = keys();
    item.putAll(attributes);
    Case c = new Case(item, AttributeActions.of(CryptoAction.SIGN_ONLY).withIndexKeys(PK, SK));
    Peer peer = STATIC_AES256;

    Map<String, AttributeValue> official =
        OfficialJavaClient.encrypt(item, TABLE, PK, SK, c.official(), peer.official());
    assertSemanticallyEqual(
        peer.ddbec().decryptItem(official, c.config()), item, "ddbec reading the official item");

    Map<String, AttributeValue> ours = peer.ddbec().encryptItem(item, c.config());
    assertThat(signatureHex(ours)).isEqualTo(signatureHex(official));
    assertSemanticallyEqual(
        OfficialJavaClient.decrypt(ours, TABLE, PK, SK, c.official(), peer.official()),
        item,
        "official client reading ddbec's item");

    Map<String, AttributeValue> reordered = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(official.keySet());
    Collections.reverse(names);
    names.forEach(name -> reordered.put(name, reversed(official.get(name))));
    assertSemanticallyEqual(
        peer.ddbec().decryptItem(reordered, c.config()), item, "ddbec reading a reordered item");

    Map<String, AttributeValue> tampered = tamper.apply(official);
    assertThat(tampered).isNotEqualTo(official);
    assertThatThrownBy(() -> peer.ddbec().decryptItem(tampered, c.config()))
        .isInstanceOf(ItemIntegrityException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Configured actions that protect, but no present attribute is signed (e.g. default
  // ENCRYPT_AND_SIGN, every present attribute DO_NOTHING): both writers sign the table name only.
  // ---------------------------------------------------------------------------------------------

  @Example
  void decryptItem_officialItemWithNoPresentAttributeSigned_verifiesSignatureOverTableName() {
    Case c = nothingPresentSignedCase();
    for (Peer peer : allPeers()) {
      Map<String, AttributeValue> stored =
          OfficialJavaClient.encrypt(c.item(), TABLE, PK, SK, c.official(), peer.official());
      assertThat(stored).as(peer.name()).containsKey(ReservedAttributes.SIGNATURE);

      assertThat(peer.ddbec().decryptItem(stored, c.config())).as(peer.name()).isEqualTo(c.item());
      CryptoConfig otherTable =
          CryptoConfig.of(CONTEXT.toBuilder().tableName("other-table").build(), c.actions());
      assertThatThrownBy(() -> peer.ddbec().decryptItem(stored, otherTable))
          .as(peer.name())
          .isInstanceOf(ItemIntegrityException.class);
    }
  }

  /**
   * The official reader's own rule (DynamoDBEncryptor.decryptRecord): with no present attribute
   * flagged it verifies nothing and returns the stored item, reserved attributes included. It does
   * the same with items it wrote itself; ddbec's item is accepted in the same way.
   */
  @Example
  void decrypt_ddbecItemWithNoPresentAttributeSigned_officialClientReturnsItAsStored() {
    Case c = nothingPresentSignedCase();
    for (Peer peer : allPeers()) {
      Map<String, AttributeValue> stored = peer.ddbec().encryptItem(c.item(), c.config());
      assertThat(stored).as(peer.name()).containsKey(ReservedAttributes.SIGNATURE);

      assertThat(OfficialJavaClient.decrypt(stored, TABLE, PK, SK, c.official(), peer.official()))
          .as(peer.name())
          .isEqualTo(stored);
      assertThat(peer.ddbec().decryptItem(stored, c.config())).as(peer.name()).isEqualTo(c.item());
    }
  }

  private static Case nothingPresentSignedCase() {
    Map<String, AttributeValue> item = keys();
    item.put("a", fromS("not protected"));
    Case c =
        new Case(
            item,
            AttributeActions.builder()
                .action(PK, CryptoAction.DO_NOTHING)
                .action(SK, CryptoAction.DO_NOTHING)
                .action("a", CryptoAction.DO_NOTHING)
                .build()
                .withIndexKeys(PK, SK));
    assertThat(protection(c)).isEqualTo(NOTHING_PRESENT_SIGNED);
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // The round trips above verify for real: a changed signed attribute is rejected both ways.
  // ---------------------------------------------------------------------------------------------

  @Example
  void decrypt_ddbecItemWithSignedAttributeChangedForEveryProvider_officialClientRejects() {
    for (Peer peer : allPeers()) {
      Case c = tamperCase();
      Map<String, AttributeValue> stored = peer.ddbec().encryptItem(c.item(), c.config());
      Map<String, AttributeValue> tampered = replace(stored, "signed", fromS("changed"));

      assertThatThrownBy(
              () ->
                  OfficialJavaClient.decrypt(
                      tampered, TABLE, PK, SK, c.official(), peer.official()))
          .as(peer.name())
          .isInstanceOf(OfficialClientException.class)
          .hasCauseInstanceOf(SignatureException.class);
    }
  }

  @Example
  void decryptItem_officialItemWithSignedAttributeChangedForEveryProvider_throwsIntegrityError() {
    for (Peer peer : allPeers()) {
      Case c = tamperCase();
      Map<String, AttributeValue> stored =
          OfficialJavaClient.encrypt(c.item(), TABLE, PK, SK, c.official(), peer.official());
      Map<String, AttributeValue> tampered = replace(stored, "signed", fromS("changed"));

      assertThatThrownBy(() -> peer.ddbec().decryptItem(tampered, c.config()))
          .as(peer.name())
          .isInstanceOf(ItemIntegrityException.class);
    }
  }

  private static Case tamperCase() {
    Map<String, AttributeValue> item = keys();
    item.put("secret", fromS("secret"));
    item.put("signed", fromS("signed"));
    item.put("ignored", fromS("ignored"));
    return new Case(
        item,
        AttributeActions.builder()
            .action("signed", CryptoAction.SIGN_ONLY)
            .action("ignored", CryptoAction.DO_NOTHING)
            .build()
            .withIndexKeys(PK, SK));
  }

  private static List<Peer> allPeers() {
    return List.of(STATIC_AES128, STATIC_AES256, WRAPPED_AESKW128, WRAPPED_AESKW256, WRAPPED_RSA);
  }

  // ---------------------------------------------------------------------------------------------
  // The generator produces what the properties claim to cover.
  // ---------------------------------------------------------------------------------------------

  private static final List<String> EXPECTED_FEATURES =
      List.of(
          "S",
          "N",
          "B",
          "BOOL",
          "NULL",
          "SS",
          "NS",
          "BS",
          "L",
          "M",
          "empty S",
          "empty B",
          "empty L",
          "empty M",
          "container depth 3",
          "supplementary character",
          "U+E000..U+FFFF character",
          "BS member with byte >= 0x80",
          "N with 38 significant digits",
          "N with decimals",
          "N exponent < -100",
          "N exponent > 100",
          "N written with exponent",
          "N zero",
          "pk S",
          "pk N",
          "1 attribute",
          "12 attributes",
          "default ENCRYPT_AND_SIGN",
          "default SIGN_ONLY",
          "default DO_NOTHING",
          "override ENCRYPT_AND_SIGN",
          "override SIGN_ONLY",
          "override DO_NOTHING",
          "key SIGN_ONLY",
          "key DO_NOTHING");

  @Example
  void cases_sampleOf1000_coverEveryTypeAndEdgeCase() {
    Map<String, Integer> counts = new TreeMap<>();
    cases()
        .sampleStream()
        .limit(1000)
        .forEach(c -> features(c).forEach(f -> counts.merge(f, 1, Integer::sum)));

    System.out.println("[generator] feature counts in 1000 sampled cases: " + counts);
    for (String feature : EXPECTED_FEATURES) {
      assertThat(counts.getOrDefault(feature, 0)).as("items with " + feature).isGreaterThan(10);
    }
  }

  private static Set<String> features(Case c) {
    Set<String> f = new TreeSet<>();
    f.add("pk " + c.item().get(PK).type());
    int others = c.item().size() - 2;
    if (others == 1 || others == 12) {
      f.add(others + (others == 1 ? " attribute" : " attributes"));
    }
    f.add("default " + c.actions().defaultAction());
    c.actions()
        .overrides()
        .forEach((name, action) -> f.add((isKey(name) ? "key " : "override ") + action));
    c.item().forEach((name, value) -> valueFeatures(value, 0, f));
    return f;
  }

  private static void valueFeatures(AttributeValue v, int depth, Set<String> f) {
    f.add(v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().toString());
    switch (v.type()) {
      case S -> stringFeatures(v.s(), "S", f);
      case N -> numberFeatures(v.n(), f);
      case B -> {
        if (v.b().asByteArrayUnsafe().length == 0) {
          f.add("empty B");
        }
      }
      case SS -> v.ss().forEach(s -> stringFeatures(s, "SS", f));
      case NS -> v.ns().forEach(n -> numberFeatures(n, f));
      case BS -> {
        for (SdkBytes b : v.bs()) {
          for (byte x : b.asByteArrayUnsafe()) {
            if (x < 0) {
              f.add("BS member with byte >= 0x80");
            }
          }
        }
      }
      case L -> {
        containerFeatures(v.l().isEmpty(), "empty L", depth, f);
        v.l().forEach(e -> valueFeatures(e, depth + 1, f));
      }
      case M -> {
        containerFeatures(v.m().isEmpty(), "empty M", depth, f);
        v.m().forEach((k, e) -> valueFeatures(e, depth + 1, f));
      }
      default -> {}
    }
  }

  private static void containerFeatures(boolean empty, String emptyName, int depth, Set<String> f) {
    if (empty) {
      f.add(emptyName);
    }
    if (depth == 2) {
      f.add("container depth 3");
    }
  }

  private static void stringFeatures(String s, String type, Set<String> f) {
    if (s.isEmpty()) {
      f.add("empty " + type);
    }
    s.codePoints()
        .forEach(
            cp -> {
              if (cp >= 0x10000) {
                f.add("supplementary character");
              } else if (cp >= 0xE000) {
                f.add("U+E000..U+FFFF character");
              }
            });
  }

  private static void numberFeatures(String n, Set<String> f) {
    BigDecimal d = new BigDecimal(n);
    if (d.signum() == 0) {
      f.add("N zero");
      return;
    }
    BigDecimal s = d.stripTrailingZeros();
    int exponent = s.precision() - s.scale() - 1;
    if (s.precision() == 38) {
      f.add("N with 38 significant digits");
    }
    if (s.scale() > 0) {
      f.add("N with decimals");
    }
    if (exponent < -100) {
      f.add("N exponent < -100");
    }
    if (exponent > 100) {
      f.add("N exponent > 100");
    }
    if (n.indexOf('E') >= 0 || n.indexOf('e') >= 0) {
      f.add("N written with exponent");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Arbitraries
  // ---------------------------------------------------------------------------------------------

  /**
   * A plaintext item and ddbec's actions for it.
   *
   * @param item pk, sk and the other attributes
   * @param actions ddbec actions, keys already protected with {@code withIndexKeys(pk, sk)}
   */
  record Case(Map<String, AttributeValue> item, AttributeActions actions) {
    CryptoConfig config() {
      return CryptoConfig.of(CONTEXT, actions);
    }

    /** The same actions for the official client: default and every override, keys included. */
    Actions official() {
      Map<String, String> overrides = new LinkedHashMap<>();
      actions.overrides().forEach((name, action) -> overrides.put(name, official(action)));
      return new Actions(official(actions.defaultAction()), overrides);
    }

    private static String official(CryptoAction action) {
      return switch (action) {
        case ENCRYPT_AND_SIGN -> "encrypt";
        case SIGN_ONLY -> "sign";
        case DO_NOTHING -> "nothing";
      };
    }

    @Override
    public String toString() {
      return actions + " " + json(item);
    }
  }

  @Provide
  Arbitrary<Peer> staticPeers() {
    return Arbitraries.of(STATIC_AES128, STATIC_AES256);
  }

  @Provide
  Arbitrary<Peer> wrappedAesPeers() {
    return Arbitraries.of(WRAPPED_AESKW128, WRAPPED_AESKW256);
  }

  /** Random items with random actions of all three kinds. */
  @Provide
  Arbitrary<Case> cases() {
    return items()
        .flatMap(item -> actions(item, CryptoAction.values()).map(a -> new Case(item, a)));
  }

  /** Random items whose actions never encrypt: SIGN_ONLY and DO_NOTHING only. */
  @Provide
  Arbitrary<Case> signOnlyCases() {
    return items()
        .flatMap(
            item ->
                actions(item, new CryptoAction[] {CryptoAction.SIGN_ONLY, CryptoAction.DO_NOTHING})
                    .map(a -> new Case(item, a)));
  }

  private static Arbitrary<Map<String, AttributeValue>> items() {
    Arbitrary<AttributeValue> pk =
        Arbitraries.oneOf(
            text(1, 20).map(AttributeValue::fromS), numbers().map(AttributeValue::fromN));
    Arbitrary<AttributeValue> sk = numbers().map(AttributeValue::fromN);
    Arbitrary<Map<String, AttributeValue>> others =
        Arbitraries.maps(attributeNames(), value(3))
            .ofMinSize(1)
            .ofMaxSize(12)
            .withSizeDistribution(RandomDistribution.uniform())
            // Edge cases would make every fourth item a one-attribute map; the value generators
            // produce the interesting values (empty, zero, extremes) on their own.
            .withoutEdgeCases();
    return Combinators.combine(pk, sk, others)
        .as(
            (p, s, o) -> {
              Map<String, AttributeValue> item = new LinkedHashMap<>();
              item.put(PK, p);
              item.put(SK, s);
              item.putAll(o);
              return item;
            });
  }

  /**
   * A random default, an override for roughly 40% of the non-key attributes, sometimes an explicit
   * SIGN_ONLY / DO_NOTHING on a key; then {@code withIndexKeys(pk, sk)}. Overrides only name
   * attributes present in the item (see the report: the official Java client ignores flags of
   * absent attributes, so "only absent attributes are signed" is not a shared case).
   */
  private static Arbitrary<AttributeActions> actions(
      Map<String, AttributeValue> item, CryptoAction[] allowed) {
    List<String> names = item.keySet().stream().filter(n -> !isKey(n)).toList();
    return AttributeValueArbitraries.actions(names, Arbitraries.of(allowed), 0.6, 0.7);
  }

  private static Arbitrary<String> attributeNames() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8), text(1, 6))
        .filter(n -> !isKey(n) && !ReservedAttributes.isReserved(n));
  }

  /** Any DynamoDB value; L and M nest at most {@code depth} more levels. */
  private static Arbitrary<AttributeValue> value(int depth) {
    List<Tuple2<Integer, Arbitrary<AttributeValue>>> choices = new ArrayList<>();
    choices.add(Tuple.of(3, strings().map(AttributeValue::fromS)));
    choices.add(Tuple.of(3, numbers().map(AttributeValue::fromN)));
    choices.add(Tuple.of(2, binaries().map(b -> fromB(SdkBytes.fromByteArray(b)))));
    choices.add(Tuple.of(1, Arbitraries.of(true, false).map(AttributeValue::fromBool)));
    choices.add(Tuple.of(1, Arbitraries.just(fromNul(true))));
    choices.add(
        Tuple.of(
            2,
            text(1, 10)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements()
                .map(AttributeValue::fromSs)));
    choices.add(
        Tuple.of(
            2,
            numbers()
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements(OfficialJavaInteropTest::canonical)
                .map(AttributeValue::fromNs)));
    choices.add(
        Tuple.of(
            2,
            binarySetMembers()
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements(HEX::formatHex)
                .map(l -> fromBs(l.stream().map(SdkBytes::fromByteArray).toList()))));
    if (depth > 0) {
      Arbitrary<AttributeValue> inner = value(depth - 1);
      choices.add(Tuple.of(3, inner.list().ofMaxSize(4).map(AttributeValue::fromL)));
      choices.add(
          Tuple.of(3, Arbitraries.maps(text(1, 8), inner).ofMaxSize(4).map(AttributeValue::fromM)));
    }
    return Arbitraries.frequencyOf(choices);
  }

  /** S values: empty now and then, otherwise any text. */
  private static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(9, text(1, 20)));
  }

  /**
   * Text from code points: ASCII, other BMP characters below the surrogates, U+E000..U+FFFF, emoji
   * and any supplementary character (never a lone surrogate).
   */
  private static Arbitrary<String> text(int minCodePoints, int maxCodePoints) {
    Arbitrary<Integer> ranges =
        InteropItems.weightedRanges(
            6, 0x20, 0x7e, 1, 0x00, 0x1f, 2, 0x80, 0xD7FF, 3, 0xE000, 0xFFFF, 2, 0x1F300, 0x1FAFF,
            1, 0x10000, 0x10FFFF);
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            Tuple.of(15, ranges),
            Tuple.of(
                1, Arbitraries.of(0xFF21, 0x1F600, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF)));
    return InteropItems.string(codePoints, minCodePoints, maxCodePoints);
  }

  private static Arbitrary<byte[]> binaries() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(new byte[0])),
        Tuple.of(
            9,
            Arbitraries.bytes()
                .list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .map(OfficialJavaInteropTest::toArray)));
  }

  /** Short members over a small alphabet, so prefixes and high-bit bytes are common. */
  private static Arbitrary<byte[]> binarySetMembers() {
    Arbitrary<Byte> b =
        Arbitraries.oneOf(
            Arbitraries.bytes(),
            Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7f, (byte) 0x80, (byte) 0xff));
    return b.list().ofMinSize(1).ofMaxSize(4).map(OfficialJavaInteropTest::toArray);
  }

  /**
   * DynamoDB numbers: up to 38 significant digits, exponents -130..125, written in plain,
   * scientific and engineering notation, with trailing or leading zeros, and zeros incl. "-0".
   */
  private static Arbitrary<String> numbers() {
    Arbitrary<BigDecimal> general =
        Arbitraries.integers()
            .between(1, 38)
            .flatMap(
                precision ->
                    Combinators.combine(
                            Arbitraries.integers().between(1, 9),
                            Arbitraries.strings().withCharRange('0', '9').ofLength(precision - 1),
                            Arbitraries.integers().between(-130, 125),
                            Arbitraries.of(false, true))
                        .as(
                            (lead, rest, exponent, negative) -> {
                              BigDecimal v =
                                  new BigDecimal(
                                      new BigInteger(lead + rest), precision - 1 - exponent);
                              return negative ? v.negate() : v;
                            }));
    BigInteger max38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
    Arbitrary<BigDecimal> integers =
        Arbitraries.bigIntegers().between(max38.negate(), max38).map(BigDecimal::new);
    Arbitrary<BigDecimal> ordinary =
        Combinators.combine(
                Arbitraries.longs().between(-1_000_000, 1_000_000),
                Arbitraries.integers().between(0, 6))
            .as(BigDecimal::valueOf);
    Arbitrary<String> nonZero =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(4, general), Tuple.of(3, integers), Tuple.of(3, ordinary)),
                Arbitraries.integers().between(0, 5))
            .as(OfficialJavaInteropTest::render);
    return Arbitraries.frequencyOf(
        Tuple.of(19, nonZero),
        Tuple.of(1, Arbitraries.of("0", "0.0", "-0", "-0.00", "0E+3", "0.000E-5")));
  }

  private static String render(BigDecimal v, int style) {
    return switch (style) {
      case 0 -> v.toString();
      case 1 -> v.toPlainString();
      case 2 -> v.toEngineeringString();
      case 3 -> v.toString().replace('E', 'e');
      case 4 -> {
        int extra = Math.min(3, 38 - v.precision());
        yield extra <= 0 ? v.toPlainString() : v.setScale(v.scale() + extra).toPlainString();
      }
      default -> {
        String plain = v.toPlainString();
        yield plain.startsWith("-") ? "-00" + plain.substring(1) : "00" + plain;
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** Reaches the official client's own description parser (a protected static method). */
  private static final class OfficialDescription extends DynamoDBEncryptor {
    private OfficialDescription() {
      super(null, null);
    }

    static Map<String, String> parse(AttributeValue description) {
      assertThat(description.type()).isEqualTo(AttributeValue.Type.B);
      return unmarshallDescription(Sdk1Items.toSdk1(description));
    }
  }

  private static Map<String, AttributeValue> keys() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, fromS("edge-case"));
    item.put(SK, fromN("1"));
    return item;
  }

  private static boolean isKey(String name) {
    return PK.equals(name) || SK.equals(name);
  }

  private static Map<String, AttributeValue> replace(
      Map<String, AttributeValue> item, String name, AttributeValue value) {
    Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
    assertThat(copy.put(name, value)).as("replaced attribute " + name).isNotNull();
    return copy;
  }

  private static Map<String, AttributeValue> withoutReserved(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
    ReservedAttributes.ALL.forEach(copy::remove);
    return copy;
  }

  /** Set members, list-free map entries and nested values in reverse order (lists keep order). */
  private static AttributeValue reversed(AttributeValue v) {
    return switch (v.type()) {
      case SS -> fromSs(reverse(v.ss()));
      case NS -> fromNs(reverse(v.ns()));
      case BS -> fromBs(reverse(v.bs()));
      case L -> fromL(v.l().stream().map(OfficialJavaInteropTest::reversed).toList());
      case M -> {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        List<String> keys = reverse(new ArrayList<>(v.m().keySet()));
        keys.forEach(k -> m.put(k, reversed(v.m().get(k))));
        yield fromM(m);
      }
      default -> v;
    };
  }

  private static <T> List<T> reverse(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static void assertSignedOrderDiffersFromUnsigned(List<byte[]> members) {
    List<byte[]> signed = new ArrayList<>(members);
    signed.sort(Arrays::compare);
    List<byte[]> unsigned = new ArrayList<>(members);
    unsigned.sort(Arrays::compareUnsigned);
    assertThat(signed.stream().map(HEX::formatHex).toList())
        .as("precondition: Java and Python orders differ")
        .isNotEqualTo(unsigned.stream().map(HEX::formatHex).toList());
  }

  private static void assertUtf16OrderDiffersFromCodePointOrder(List<String> members) {
    List<String> utf16 = new ArrayList<>(members);
    utf16.sort(String::compareTo);
    List<String> codePoints = new ArrayList<>(members);
    codePoints.sort((a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    assertThat(utf16).as("precondition: Java and Python orders differ").isNotEqualTo(codePoints);
  }

  private static String signatureHex(Map<String, AttributeValue> stored) {
    AttributeValue signature = stored.get(ReservedAttributes.SIGNATURE);
    assertThat(signature).as("signature attribute").isNotNull();
    return HEX.formatHex(signature.b().asByteArrayUnsafe());
  }

  private static void assertSemanticallyEqual(
      Map<String, AttributeValue> actual, Map<String, AttributeValue> expected, String what) {
    assertThat(AttributeEquality.itemsEqual(actual, expected))
        .as(() -> what + " differs:\n  expected " + json(expected) + "\n  actual   " + json(actual))
        .isTrue();
  }

  private static String canonical(String number) {
    BigDecimal d = new BigDecimal(number);
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  private static String json(Map<String, AttributeValue> item) {
    return DynamoDbJson.toJson(item).toString();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] toArray(List<Byte> list) {
    byte[] b = new byte[list.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = list.get(i);
    }
    return b;
  }
}
