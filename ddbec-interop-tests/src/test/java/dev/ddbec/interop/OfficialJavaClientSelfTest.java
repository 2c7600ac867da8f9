package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionFlags;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.interop.OfficialJavaClient.OfficialClientException;
import dev.ddbec.sdk1.Sdk1Items;
import dev.ddbec.testing.TestKeys;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks the {@link OfficialJavaClient} adapter itself: SDK v1/v2 conversion, round trips through
 * the official Java client with each provider type, and decryption of the public Java-written
 * vectors.
 */
class OfficialJavaClientSelfTest {

  private static final String TABLE = "ddbec-interop";
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  // ---------------------------------------------------------------------------------------------
  // Conversion
  // ---------------------------------------------------------------------------------------------

  @Test
  void toSdk1_richItem_convertsBackToEqualItem() {
    Map<String, AttributeValue> item = richItem();

    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> v1 = Sdk1Items.toSdk1(item);

    assertThat(v1.get("emptyStringSet").getSS()).isNotNull().isEmpty();
    assertThat(v1.get("emptyList").getL()).isNotNull().isEmpty();
    assertThat(v1.get("emptyMap").getM()).isNotNull().isEmpty();
    assertThat(v1.get("null").getNULL()).isTrue();
    assertThat(v1.get("false").getBOOL()).isFalse();
    assertThat(Sdk1Items.toSdk2(v1)).isEqualTo(item);
  }

  @Test
  void toSdk2_bufferPositionNotZero_readsWholeBufferAndKeepsPosition() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
    buffer.position(2);
    com.amazonaws.services.dynamodbv2.model.AttributeValue v1 =
        new com.amazonaws.services.dynamodbv2.model.AttributeValue().withB(buffer);

    AttributeValue v2 = Sdk1Items.toSdk2(v1);

    assertThat(v2.b().asByteArray()).containsExactly(1, 2, 3);
    assertThat(buffer.position()).isEqualTo(2);
  }

  @Test
  void toSdk2_twoMembersSet_throwsIllegalArgumentException() {
    com.amazonaws.services.dynamodbv2.model.AttributeValue v1 =
        new com.amazonaws.services.dynamodbv2.model.AttributeValue().withS("a").withN("1");

    assertThatThrownBy(() -> Sdk1Items.toSdk2(v1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one member");
  }

  // ---------------------------------------------------------------------------------------------
  // Flags
  // ---------------------------------------------------------------------------------------------

  @Test
  void flags_keysAndOverrides_capsKeysAtSignAndSkipsReservedAttributes() {
    Actions actions = Actions.of("encrypt").with("s", "sign").with("n", "nothing");

    Map<String, Set<EncryptionFlags>> flags =
        OfficialJavaClient.flags(
            List.of(
                PK,
                SK,
                "s",
                "n",
                "other",
                OfficialJavaClient.MATERIAL_DESCRIPTION_ATTRIBUTE,
                OfficialJavaClient.SIGNATURE_ATTRIBUTE),
            actions,
            PK,
            SK);

    assertThat(flags)
        .containsOnlyKeys(PK, SK, "s", "n", "other")
        .containsEntry(PK, Set.of(EncryptionFlags.SIGN))
        .containsEntry(SK, Set.of(EncryptionFlags.SIGN))
        .containsEntry("s", Set.of(EncryptionFlags.SIGN))
        .containsEntry("n", Set.of())
        .containsEntry("other", Set.of(EncryptionFlags.ENCRYPT, EncryptionFlags.SIGN));
  }

  @Test
  void flags_defaultNothing_leavesKeysUnflagged() {
    Map<String, Set<EncryptionFlags>> flags =
        OfficialJavaClient.flags(List.of(PK, "a"), Actions.of("nothing"), PK, null);

    assertThat(flags).containsEntry(PK, Set.of()).containsEntry("a", Set.of());
  }

  @Test
  void actions_unknownAction_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> Actions.of("encrypt").with("a", "ENCRYPT_AND_SIGN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action of attribute a");
  }

  // ---------------------------------------------------------------------------------------------
  // Round trips through the official client
  // ---------------------------------------------------------------------------------------------

  static Stream<Named<Supplier<EncryptionMaterialsProvider>>> providers() {
    return Stream.of(
        Named.of(
            "static AES + HMAC",
            () -> OfficialJavaClient.staticAesHmac(randomBytes(32), randomBytes(32))),
        Named.of(
            "wrapped AESWrap + HMAC",
            () -> OfficialJavaClient.wrappedAesHmac(randomBytes(32), randomBytes(32))),
        Named.of(
            "wrapped RSA-OAEP + SHA256withRSA",
            () -> {
              KeyPair encryption = TestKeys.rsa();
              KeyPair signing = TestKeys.rsa();
              return OfficialJavaClient.wrappedRsa(
                  encryption.getPublic().getEncoded(),
                  encryption.getPrivate().getEncoded(),
                  signing.getPublic().getEncoded(),
                  signing.getPrivate().getEncoded());
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void encryptThenDecrypt_richItem_returnsOriginalItem(
      Supplier<EncryptionMaterialsProvider> providerFactory) {
    EncryptionMaterialsProvider provider = providerFactory.get();
    Map<String, AttributeValue> item = richItem();
    Actions actions = richItemActions();

    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(item, TABLE, PK, SK, actions, provider);

    assertThat(stored)
        .containsKeys(
            OfficialJavaClient.MATERIAL_DESCRIPTION_ATTRIBUTE,
            OfficialJavaClient.SIGNATURE_ATTRIBUTE);
    assertThat(stored.get(OfficialJavaClient.SIGNATURE_ATTRIBUTE).type())
        .isEqualTo(AttributeValue.Type.B);
    for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
      String name = entry.getKey();
      String action = name.equals(PK) || name.equals(SK) ? "sign" : actions.actionFor(name);
      if (action.equals("encrypt")) {
        assertThat(stored.get(name).type()).as(name).isEqualTo(AttributeValue.Type.B);
        assertThat(stored.get(name)).as(name).isNotEqualTo(entry.getValue());
      } else {
        assertThat(stored.get(name)).as(name).isEqualTo(entry.getValue());
      }
    }

    Map<String, AttributeValue> decrypted =
        OfficialJavaClient.decrypt(stored, TABLE, PK, SK, actions, provider);

    assertThat(canonical(decrypted)).isEqualTo(canonical(item));
    assertThat(decrypted.get("emptyStringSet").type()).isEqualTo(AttributeValue.Type.SS);
    assertThat(decrypted.get("emptyNumberSet").type()).isEqualTo(AttributeValue.Type.NS);
    assertThat(decrypted.get("emptyBinarySet").type()).isEqualTo(AttributeValue.Type.BS);
    assertThat(decrypted.get("emptyList").type()).isEqualTo(AttributeValue.Type.L);
    assertThat(decrypted.get("emptyMap").type()).isEqualTo(AttributeValue.Type.M);
    assertThat(decrypted.get("null").type()).isEqualTo(AttributeValue.Type.NUL);
    assertThat(decrypted.get("false").bool()).isFalse();
  }

  /** The rich item as the official client stores it, then {@code attribute} set to "changed". */
  private static Map<String, AttributeValue> encryptedThenChanged(
      EncryptionMaterialsProvider provider, String attribute) {
    Map<String, AttributeValue> stored =
        new HashMap<>(
            OfficialJavaClient.encrypt(richItem(), TABLE, PK, SK, richItemActions(), provider));
    stored.put(attribute, fromS("changed"));
    return stored;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void decrypt_signedAttributeChanged_throwsWithSignatureExceptionCause(
      Supplier<EncryptionMaterialsProvider> providerFactory) {
    EncryptionMaterialsProvider provider = providerFactory.get();
    Map<String, AttributeValue> tampered = encryptedThenChanged(provider, "signOnlyString");

    assertThatThrownBy(
            () -> OfficialJavaClient.decrypt(tampered, TABLE, PK, SK, richItemActions(), provider))
        .isInstanceOf(OfficialClientException.class)
        .hasMessageContaining("decrypt")
        .hasMessageContaining(TABLE)
        .hasCauseInstanceOf(SignatureException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void decrypt_unsignedAttributeChanged_stillVerifies(
      Supplier<EncryptionMaterialsProvider> providerFactory) {
    EncryptionMaterialsProvider provider = providerFactory.get();

    Map<String, AttributeValue> decrypted =
        OfficialJavaClient.decrypt(
            encryptedThenChanged(provider, "untouched"),
            TABLE,
            PK,
            SK,
            richItemActions(),
            provider);

    assertThat(decrypted.get("untouched")).isEqualTo(fromS("changed"));
  }

  @Test
  void decrypt_otherTableName_throwsWithSignatureExceptionCause() {
    EncryptionMaterialsProvider provider =
        OfficialJavaClient.staticAesHmac(randomBytes(16), randomBytes(32));
    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(richItem(), TABLE, PK, SK, richItemActions(), provider);

    assertThatThrownBy(
            () ->
                OfficialJavaClient.decrypt(
                    stored, "other-table", PK, SK, richItemActions(), provider))
        .isInstanceOf(OfficialClientException.class)
        .hasCauseInstanceOf(SignatureException.class);
  }

  @Test
  void encrypt_allActionsNothing_returnsItemUnchanged() {
    EncryptionMaterialsProvider provider =
        OfficialJavaClient.staticAesHmac(randomBytes(16), randomBytes(32));
    Map<String, AttributeValue> item = richItem();

    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(item, TABLE, PK, SK, Actions.of("nothing"), provider);

    assertThat(stored).isEqualTo(item);
    assertThat(OfficialJavaClient.decrypt(stored, TABLE, PK, SK, Actions.of("nothing"), provider))
        .isEqualTo(item);
  }

  @Test
  void encrypt_noPresentAttributeFlaggedButDefaultEncrypt_signsAndOfficialReaderPassesThrough() {
    EncryptionMaterialsProvider provider =
        OfficialJavaClient.staticAesHmac(randomBytes(16), randomBytes(32));
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, fromS("p"));
    item.put("a", fromS("x"));
    Actions actions = Actions.of("encrypt").with(PK, "nothing").with("a", "nothing");

    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(item, TABLE, PK, SK, actions, provider);

    // Signed like the Python client and the Java mapper do: a signature over the table name only.
    assertThat(stored).containsKeys(OfficialJavaClient.SIGNATURE_ATTRIBUTE);
    assertThat(stored).containsAllEntriesOf(item);
    // The official reader verifies nothing and returns the stored item, reserved attributes too.
    assertThat(OfficialJavaClient.decrypt(stored, TABLE, PK, SK, actions, provider))
        .isEqualTo(stored);
  }

  // ---------------------------------------------------------------------------------------------
  // Public item vectors (vectors README section 5)
  // ---------------------------------------------------------------------------------------------

  /**
   * Every offline scenario without a MetaStore (vectors README 5.6): the two Java-written files the
   * adapter must read at minimum, plus the other Java- and Python-written static and wrapped ones.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "java/static-aes-hmac-1.json",
        "java/wrapped-aes-hmac-1.json",
        "java/static-aes-hmac-2.json",
        "java/static-aes-hmac-3.json",
        "java/wrapped-rsa-rsa-1.json",
        "java/wrapped-rsa-rsa-2.json",
        "java/wrapped-rsa-rsa-3.json",
        "python/static-aes-hmac-1.json",
        "python/static-aes-hmac-2.json",
        "python/static-aes-hmac-3.json",
        "python/wrapped-aes-hmac-1.json",
        "python/wrapped-rsa-rsa-1.json",
        "python/wrapped-rsa-rsa-2.json",
        "python/wrapped-rsa-rsa-3.json"
      })
  void decrypt_publicVector_matchesPlaintext(String ciphertextFile) throws IOException {
    Path dir = Vectors.directory().resolve("encrypted_item");
    JsonNode scenario = scenario(dir, ciphertextFile);
    JsonNode plaintext = readJson(dir.resolve("plaintext.json"));
    JsonNode keys = readJson(dir.resolve("keys.json"));
    EncryptionMaterialsProvider provider = provider(scenario, keys);
    String version = scenario.get("version").asText();
    JsonNode ciphertext = readJson(dir.resolve("ciphertext").resolve(ciphertextFile));

    Set<String> matched = new HashSet<>();
    int expectedCount = 0;
    for (Map.Entry<String, JsonNode> table : ciphertext.properties()) {
      String tableName = table.getKey();
      JsonNode tablePlaintext = plaintext.get("items").get(tableName);
      assertThat(tablePlaintext).as("plaintext items of table %s", tableName).isNotNull();
      String pk = tablePlaintext.get("index").get("partition").asText();
      String sk =
          tablePlaintext.get("index").has("sort")
              ? tablePlaintext.get("index").get("sort").asText()
              : null;
      expectedCount += tablePlaintext.get("items").size();

      for (JsonNode storedJson : table.getValue()) {
        Map<String, AttributeValue> stored = item(storedJson);
        JsonNode expectedJson = findPlaintextItem(tablePlaintext, stored, pk, sk);
        if (expectedJson == null) {
          continue; // leftovers of other Java tests; the official harnesses skip them too
        }
        assertThat(matched.add(tableName + "/" + keyOf(stored, pk, sk)))
            .as("plaintext item matched twice: %s", keyOf(stored, pk, sk))
            .isTrue();
        Map<String, AttributeValue> expected =
            expectedItem(plaintext, tableName, expectedJson, version);
        Actions actions =
            actions(plaintext.get("actions").get(expectedJson.get("action").asText()));

        Map<String, AttributeValue> decrypted =
            OfficialJavaClient.decrypt(stored, tableName, pk, sk, actions, provider);

        decrypted.remove("version");
        expected.remove("version");
        assertThat(canonical(decrypted))
            .as("%s item %s", tableName, keyOf(stored, pk, sk))
            .isEqualTo(canonical(expected));
      }
    }
    assertThat(matched).as("every plaintext item has a ciphertext").hasSize(expectedCount);
  }

  private static EncryptionMaterialsProvider provider(JsonNode scenario, JsonNode keys) {
    JsonNode names = scenario.get("keys");
    String decrypt = names.get("decrypt").asText();
    String verify = names.get("verify").asText();
    byte[] decryptKey = material(keys, decrypt);
    byte[] verifyKey = material(keys, verify);
    String providerType = scenario.get("provider").asText();
    String keyType = keys.get(decrypt).get("type").asText();
    if (providerType.equals("static") && keyType.equals("symmetric")) {
      return OfficialJavaClient.staticAesHmac(decryptKey, verifyKey);
    } else if (providerType.equals("wrapped") && keyType.equals("symmetric")) {
      return OfficialJavaClient.wrappedAesHmac(decryptKey, verifyKey);
    } else if (providerType.equals("wrapped")) {
      byte[] encryptKey = material(keys, names.path("encrypt").asText(decrypt));
      byte[] signKey = material(keys, names.path("sign").asText(verify));
      return OfficialJavaClient.wrappedRsa(encryptKey, decryptKey, verifyKey, signKey);
    }
    throw new IllegalArgumentException("scenario not supported offline: " + scenario);
  }

  private static byte[] material(JsonNode keys, String name) {
    JsonNode key = keys.get(name);
    assertThat(key).as("key %s in keys.json", name).isNotNull();
    return Base64.getDecoder().decode(key.get("material").asText());
  }

  private static JsonNode scenario(Path dir, String ciphertextFile) throws IOException {
    String uri = "file://ciphertext/" + ciphertextFile;
    for (JsonNode scenario : readJson(dir.resolve("scenarios.json")).get("scenarios")) {
      if (scenario.get("ciphertext").asText().equals(uri)) {
        return scenario;
      }
    }
    throw new AssertionError("no scenario for " + uri + " in " + dir.resolve("scenarios.json"));
  }

  private static JsonNode findPlaintextItem(
      JsonNode tablePlaintext, Map<String, AttributeValue> stored, String pk, String sk) {
    for (JsonNode candidate : tablePlaintext.get("items")) {
      Map<String, AttributeValue> attributes = item(candidate.get("attributes"));
      if (sameKey(attributes, stored, pk) && (sk == null || sameKey(attributes, stored, sk))) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean sameKey(
      Map<String, AttributeValue> a, Map<String, AttributeValue> b, String name) {
    return a.containsKey(name)
        && b.containsKey(name)
        && canonical(a.get(name)).equals(canonical(b.get(name)));
  }

  private static String keyOf(Map<String, AttributeValue> item, String pk, String sk) {
    return item.get(pk) + (sk == null ? "" : "," + item.get(sk));
  }

  /** Vectors README 5.3: attributes, plus the version's groups unless "exact". */
  private static Map<String, AttributeValue> expectedItem(
      JsonNode plaintext, String tableName, JsonNode itemJson, String version) {
    Map<String, AttributeValue> expected = item(itemJson.get("attributes"));
    boolean exact = itemJson.path("exact").asBoolean(false);
    JsonNode groups = plaintext.get("versions").path(tableName).path(version);
    if (!exact && groups.isArray()) {
      for (JsonNode group : groups) {
        expected.putAll(item(plaintext.get("attributes").get(group.asText())));
      }
    }
    return expected;
  }

  private static Actions actions(JsonNode actionSet) {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (actionSet.has("override")) {
      actionSet
          .get("override")
          .properties()
          .forEach(e -> overrides.put(e.getKey(), e.getValue().asText()));
    }
    return new Actions(actionSet.get("default").asText(), overrides);
  }

  private static JsonNode readJson(Path file) throws IOException {
    return JSON.readTree(Files.readAllBytes(file));
  }

  // ---------------------------------------------------------------------------------------------
  // DynamoDB JSON and comparison
  // ---------------------------------------------------------------------------------------------

  private static Map<String, AttributeValue> item(JsonNode json) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    json.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
    return item;
  }

  private static AttributeValue value(JsonNode json) {
    assertThat(json.size()).as("one type key in %s", json).isEqualTo(1);
    Map.Entry<String, JsonNode> typed = json.properties().iterator().next();
    JsonNode v = typed.getValue();
    switch (typed.getKey()) {
      case "S":
        return fromS(v.asText());
      case "N":
        return fromN(v.asText());
      case "B":
        return fromB(base64(v));
      case "SS":
        return fromSs(texts(v));
      case "NS":
        return fromNs(texts(v));
      case "BS":
        {
          List<SdkBytes> bs = new ArrayList<>();
          v.forEach(b -> bs.add(base64(b)));
          return fromBs(bs);
        }
      case "BOOL":
        return fromBool(v.asBoolean());
      case "NULL":
        return fromNul(v.asBoolean());
      case "L":
        {
          List<AttributeValue> l = new ArrayList<>();
          v.forEach(e -> l.add(value(e)));
          return fromL(l);
        }
      case "M":
        return fromM(item(v));
      default:
        throw new IllegalArgumentException("unknown DynamoDB JSON type " + typed.getKey());
    }
  }

  private static SdkBytes base64(JsonNode node) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asText()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** Item in a form where equal DynamoDB values compare equal (sets unordered, numbers exact). */
  private static Map<String, Object> canonical(Map<String, AttributeValue> item) {
    Map<String, Object> out = new TreeMap<>();
    item.forEach((k, v) -> out.put(k, canonical(v)));
    return out;
  }

  private static Object canonical(AttributeValue value) {
    switch (value.type()) {
      case S:
        return Map.entry("S", value.s());
      case N:
        return Map.entry("N", number(value.n()));
      case B:
        return Map.entry("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
      case SS:
        return Map.entry("SS", new HashSet<>(value.ss()));
      case NS:
        {
          Set<String> ns = new HashSet<>();
          value.ns().forEach(n -> ns.add(number(n)));
          return Map.entry("NS", ns);
        }
      case BS:
        {
          Set<String> bs = new HashSet<>();
          value.bs().forEach(b -> bs.add(Base64.getEncoder().encodeToString(b.asByteArray())));
          return Map.entry("BS", bs);
        }
      case L:
        {
          List<Object> l = new ArrayList<>();
          value.l().forEach(v -> l.add(canonical(v)));
          return Map.entry("L", l);
        }
      case M:
        return Map.entry("M", canonical(value.m()));
      case BOOL:
        return Map.entry("BOOL", value.bool());
      case NUL:
        return Map.entry("NULL", value.nul());
      default:
        throw new IllegalArgumentException("unsupported value " + value);
    }
  }

  private static String number(String n) {
    BigDecimal d = new BigDecimal(n);
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------------------------------------
  // Fixtures
  // ---------------------------------------------------------------------------------------------

  /** Every attribute type, nested lists and maps, and empty sets, lists and maps. */
  private static Map<String, AttributeValue> richItem() {
    byte[] allBytes = new byte[256];
    for (int i = 0; i < allBytes.length; i++) {
      allBytes[i] = (byte) i;
    }
    AttributeValue binarySet =
        fromBs(
            List.of(
                SdkBytes.fromByteArray(new byte[] {(byte) 0x80, 1}),
                SdkBytes.fromByteArray(new byte[] {0x01}),
                SdkBytes.fromByteArray(new byte[] {0x7f, (byte) 0xff})));
    AttributeValue nestedList =
        fromL(
            List.of(
                fromS("x"),
                fromN("1"),
                fromNul(true),
                fromBool(false),
                fromL(List.of(fromM(Map.of("k", binarySet)), fromL(List.of()))),
                fromM(Map.of())));
    AttributeValue nestedMap =
        fromM(
            Map.of(
                "inner",
                fromM(
                    Map.of(
                        "list", nestedList,
                        "ss", fromSs(List.of("b", "a")),
                        "ns", fromNs(List.of("10", "-2.5")),
                        "empty", fromM(Map.of()))),
                "s",
                fromS("value"),
                "b",
                fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xfe}))));

    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, fromS("partition \u00e9"));
    item.put(SK, fromN("42"));
    item.put("string", fromS("Hello, w\u00f6rld \u20ac"));
    item.put("emptyString", fromS(""));
    item.put("number", fromN("-123.4500"));
    item.put("bigNumber", fromN("12345678901234567890.123456789"));
    item.put("binary", fromB(SdkBytes.fromByteArray(allBytes)));
    item.put("emptyBinary", fromB(SdkBytes.fromByteArray(new byte[0])));
    item.put("stringSet", fromSs(List.of("Goodbye", "Cruel", "World", "?")));
    item.put("numberSet", fromNs(List.of("15", "7.6", "-3", "-34.2", "0")));
    item.put("binarySet", binarySet);
    item.put("emptyStringSet", fromSs(List.of()));
    item.put("emptyNumberSet", fromNs(List.of()));
    item.put("emptyBinarySet", fromBs(List.of()));
    item.put("true", fromBool(true));
    item.put("false", fromBool(false));
    item.put("null", fromNul(true));
    item.put("list", nestedList);
    item.put("map", nestedMap);
    item.put("emptyList", fromL(List.of()));
    item.put("emptyMap", fromM(Map.of()));
    item.put("signOnlyString", fromS("signed, not encrypted"));
    item.put("signOnlyMap", nestedMap);
    item.put("signOnlyStringSet", fromSs(List.of("z", "y")));
    item.put("signOnlyEmptyNumberSet", fromNs(List.of()));
    item.put("untouched", fromS("neither encrypted nor signed"));
    return item;
  }

  private static Actions richItemActions() {
    return Actions.of("encrypt")
        .with("signOnlyString", "sign")
        .with("signOnlyMap", "sign")
        .with("signOnlyStringSet", "sign")
        .with("signOnlyEmptyNumberSet", "sign")
        .with("untouched", "nothing");
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
