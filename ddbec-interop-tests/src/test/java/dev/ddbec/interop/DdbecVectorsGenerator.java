package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.Separators.Spacing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.testing.MotoServer;
import dev.ddbec.vectors.VectorResult;
import dev.ddbec.vectors.VectorSuite;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes ddbec's frozen test vectors: {@code src/test/resources/vectors/ddbec/}, laid out like the
 * official clients' {@code test/vectors} (so {@link VectorSuite} and {@code ddbec vectors run} run
 * it), from fixed inputs and freshly generated keys. {@link DdbecFrozenVectorsTest} runs the
 * committed output on every build, so a change of ddbec's written format cannot go unnoticed.
 *
 * <p>Not part of the normal test run (the class name does not match surefire's test patterns).
 * Regenerate only when a format change is intended, then commit the result:
 *
 * <pre>
 * mvn -B verify -pl ddbec-interop-tests -am -Dtest=DdbecVectorsGenerator \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>{@code -Dddbec.vectors.out=DIR} writes elsewhere; {@link #main} does the same from an IDE.
 *
 * <p>What is written:
 *
 * <ul>
 *   <li>{@code serialize_attribute.json}, {@code deserialize_attribute.json}: the values of {@link
 *       #attributeCases()} with ddbec's bytes (Java set order, exact numbers, {@code -0} → {@code
 *       0});
 *   <li>{@code material_description.json}, {@code string_to_sign.json}: ddbec's bytes for a few
 *       descriptions and signed items;
 *   <li>{@code encrypted_item/}: {@code keys.json} (new random keys), {@code plaintext.json} (the
 *       items of the official vectors' plaintext, rebuilt here, plus the {@value #EXTRAS_TABLE}
 *       table: nested L/M, Unicode, binary and string sets, Unicode names), {@code scenarios.json}
 *       and one ciphertext file per scenario in {@code ciphertext/ddbec/}.
 * </ul>
 *
 * <p>Every item is written so that the official Python client reads it too (SIGN_ONLY values avoid
 * the orderings where Python and Java disagree; those are only encrypted here), which {@link
 * DdbecFrozenVectorsTest} checks.
 */
class DdbecVectorsGenerator {
  /** System property: output directory (default: this module's test resources). */
  static final String OUT_PROPERTY = "ddbec.vectors.out";

  static final String RESOURCE_DIR = "vectors/ddbec";
  static final String EXTRAS_TABLE = "DdbecExtras";

  static final List<String> TOP_LEVEL_FILES =
      List.of(
          "serialize_attribute.json",
          "deserialize_attribute.json",
          "material_description.json",
          "string_to_sign.json");

  /** Scenario ciphertext file, version, provider kind, keys. */
  record Scenario(String file, String version, String provider, Map<String, String> keys) {}

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              "ciphertext/ddbec/static-aes-hmac-1.json",
              "v0",
              "static",
              keys("decrypt", "ddbecStaticAes256", "verify", "ddbecHmacSha256")),
          new Scenario(
              "ciphertext/ddbec/static-aes-hmac-2.json",
              "v1",
              "static",
              keys("decrypt", "ddbecStaticAes256", "verify", "ddbecHmacSha256")),
          new Scenario(
              "ciphertext/ddbec/wrapped-aes-hmac-1.json",
              "v1",
              "wrapped",
              keys("decrypt", "ddbecWrapAes256", "verify", "ddbecHmacSha256")),
          new Scenario(
              "ciphertext/ddbec/wrapped-rsa-rsa-1.json",
              "v1",
              "wrapped",
              keys(
                  "decrypt", "ddbecRsaEncPriv",
                  "encrypt", "ddbecRsaEncPub",
                  "sign", "ddbecRsaSignPriv",
                  "verify", "ddbecRsaSignPub")));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final String EMOJI = "\uD83D\uDE00";
  private static final String FULLWIDTH_A = "\uFF21";

  @Test
  void generate_fixedInputs_writesVectorDirectoryThatVectorSuitePasses() {
    Path out = outputDirectory();
    generate(out);

    List<VectorResult> results = VectorSuite.of(out).runAll();
    results.forEach(
        r -> System.out.printf("[ddbec-vectors] %-7s %s  %s%n", r.status(), r.name(), r.detail()));
    assertThat(results).allMatch(r -> r.status() == VectorResult.Status.PASS);
    assertThat(results).hasSizeGreaterThan(SCENARIOS.size());
    System.out.println("[ddbec-vectors] written to " + out + "; commit it");
  }

  /** IDE entry point: {@code DdbecVectorsGenerator [DIR]}. */
  public static void main(String[] args) {
    Path out = args.length > 0 ? Path.of(args[0]) : outputDirectory();
    generate(out);
    System.out.println("ddbec vectors written to " + out);
  }

  static Path outputDirectory() {
    String property = System.getProperty(OUT_PROPERTY, "");
    if (!property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    return MotoServer.repoRoot().resolve("ddbec-interop-tests/src/test/resources/" + RESOURCE_DIR);
  }

  // ===============================================================================================
  // Generation
  // ===============================================================================================

  static void generate(Path out) {
    clear(out);
    writeJson(out.resolve("serialize_attribute.json"), serializeCases());
    writeJson(out.resolve("deserialize_attribute.json"), deserializeCases());
    writeJson(out.resolve("material_description.json"), materialDescriptionCases());
    writeJson(out.resolve("string_to_sign.json"), stringToSignCases());

    Path items = out.resolve("encrypted_item");
    ObjectNode keys = newKeys(new SecureRandom());
    ObjectNode plaintext = plaintext();
    writeJson(items.resolve("keys.json"), keys);
    writeJson(items.resolve("plaintext.json"), plaintext);

    ObjectNode manifest = NODES.objectNode();
    manifest.put("plaintext", "file://plaintext.json");
    manifest.put("keys", "file://keys.json");
    ArrayNode scenarios = manifest.putArray("scenarios");
    for (Scenario s : SCENARIOS) {
      ObjectNode node = scenarios.addObject();
      node.put("version", s.version());
      node.put("provider", s.provider());
      ObjectNode k = node.putObject("keys");
      s.keys().forEach(k::put);
      node.put("plaintext", "file://plaintext.json");
      node.put("ciphertext", "file://" + s.file());
      node.put("network", false);
    }
    writeJson(items.resolve("scenarios.json"), manifest);

    // The suite's own key loading builds the providers, exactly as a run of the vectors does.
    VectorSuite suite = VectorSuite.of(out);
    for (JsonNode scenario : manifest.get("scenarios")) {
      MaterialsProvider provider =
          suite.keyedProvider(scenario.get("provider").textValue(), scenario.get("keys"));
      writeJson(
          VectorSuite.resolve(items, scenario.get("ciphertext").textValue()),
          encryptAll(plaintext, scenario.get("version").textValue(), provider));
    }
  }

  private static ObjectNode encryptAll(
      ObjectNode plaintext, String version, MaterialsProvider provider) {
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> tables = plaintext.get("items").properties().iterator();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> t = tables.next();
      String table = t.getKey();
      String pk = t.getValue().get("index").get("partition").textValue();
      String sk = t.getValue().get("index").path("sort").textValue();
      ArrayNode stored = out.putArray(table);
      for (JsonNode p : t.getValue().get("items")) {
        Map<String, AttributeValue> item = VectorSuite.expectedItem(plaintext, table, version, p);
        stored.add(
            DynamoDbJson.toJson(
                encryptor.encryptItem(item, VectorSuite.config(plaintext, p, table, pk, sk))));
      }
    }
    return out;
  }

  // ===============================================================================================
  // Keys
  // ===============================================================================================

  private static ObjectNode newKeys(SecureRandom random) {
    ObjectNode keys = NODES.objectNode();
    symmetric(keys, "ddbecStaticAes256", "AES", InteropProvider.Keys.bytes(random, 32));
    symmetric(keys, "ddbecWrapAes256", "AES", InteropProvider.Keys.bytes(random, 32));
    symmetric(keys, "ddbecHmacSha256", "HmacSHA256", InteropProvider.Keys.bytes(random, 32));
    KeyPair rsa = InteropProvider.Keys.rsaKeyPair(random);
    // One RSA-2048 pair under two names per half, as in the official keys.json: "RSA" for key
    // wrapping and "SHA256withRSA" for signatures.
    asymmetric(keys, "ddbecRsaEncPub", "RSA", "public", rsa.getPublic().getEncoded());
    asymmetric(keys, "ddbecRsaEncPriv", "RSA", "private", rsa.getPrivate().getEncoded());
    asymmetric(keys, "ddbecRsaSignPub", "SHA256withRSA", "public", rsa.getPublic().getEncoded());
    asymmetric(keys, "ddbecRsaSignPriv", "SHA256withRSA", "private", rsa.getPrivate().getEncoded());
    return keys;
  }

  private static void symmetric(ObjectNode keys, String name, String algorithm, byte[] material) {
    keys.putObject(name)
        .put("material", b64(material))
        .put("algorithm", algorithm)
        .put("encoding", "RAW")
        .put("type", "symmetric");
  }

  private static void asymmetric(
      ObjectNode keys, String name, String algorithm, String type, byte[] der) {
    keys.putObject(name)
        .put("material", b64(der))
        .put("algorithm", algorithm)
        .put("encoding", "DER")
        .put("type", type);
  }

  // ===============================================================================================
  // Plaintext: the official vectors' items (rebuilt) plus ddbec's extras
  // ===============================================================================================

  static ObjectNode plaintext() {
    ObjectNode root = NODES.objectNode();

    ObjectNode actions = root.putObject("actions");
    actionSet(
        actions,
        "mixed",
        "encrypt",
        "version",
        "sign",
        "stringValue",
        "sign",
        "doubleValue",
        "sign",
        "doubleSet",
        "sign",
        "intValue",
        "nothing");
    actionSet(actions, "encrypt", "encrypt", "version", "sign");
    actionSet(actions, "sign", "sign");
    actionSet(actions, "nothing", "nothing");
    actionSet(
        actions,
        "ddbecMixed",
        "encrypt",
        "signedNested",
        "sign",
        "signedStrings",
        "sign",
        "plainNote",
        "nothing");

    ObjectNode items = root.putObject("items");

    ObjectNode table = table(items, "TableName", "hashKey", "N", "rangeKey", "N");
    ArrayNode tableItems = table.putArray("items");
    int[][] keyOnly = {{0, 1}, {0, 2}, {0, 3}, {1, 1}, {1, 2}, {1, 3}, {5, 1}, {6, 2}, {7, 3}};
    for (int[] k : keyOnly) {
      numericKeyItem(tableItems, k[0], k[1], "encrypt").put("exact", true);
    }
    numericKeyItem(tableItems, 5, 7, "encrypt");
    numericKeyItem(tableItems, 6, 8, "mixed");
    numericKeyItem(tableItems, 8, 10, "sign");
    numericKeyItem(tableItems, 7, 9, "nothing");

    ObjectNode hashOnly = table(items, "HashKeyOnly", "hashKey", "S", null, null);
    ArrayNode hashOnlyItems = hashOnly.putArray("items");
    for (String key : List.of("Foo", "Bar", "Baz")) {
      ObjectNode i = hashOnlyItems.addObject();
      i.putObject("attributes").set("hashKey", json(s(key)));
      i.put("action", "encrypt");
    }

    ObjectNode extras = table(items, EXTRAS_TABLE, "pk", "S", "sk", "N");
    ArrayNode extraItems = extras.putArray("items");
    extraItems.add(extraItem("nested-encrypted", 1, "encrypt", encryptedExtras()));
    extraItems.add(extraItem("nested-signed", 2, "sign", signedExtras()));
    extraItems.add(extraItem("mixed-unicode-names", 3, "ddbecMixed", mixedExtras()));
    extraItems.add(
        extraItem(
            "\u00fcnicode key " + EMOJI,
            4,
            "encrypt",
            map("value", s("under a Unicode partition key"))));
    extraItems.add(extraItem("untouched", 5, "nothing", encryptedExtras()));

    ObjectNode versions = root.putObject("versions").putObject("TableName");
    versions.putArray("v0").add("base");
    versions.putArray("v1").add("base").add("doubles");

    ObjectNode attributes = root.putObject("attributes");
    Map<String, AttributeValue> base = new LinkedHashMap<>();
    base.put("stringValue", s("Hello world!"));
    base.put("intValue", n("123"));
    base.put("byteArrayValue", b("000102030405"));
    base.put("stringSet", AttributeValue.fromSs(List.of("Goodbye", "Cruel", "World", "?")));
    base.put("intSet", AttributeValue.fromNs(List.of("1", "200", "10", "15", "0")));
    base.put("version", n("0"));
    attributes.set("base", DynamoDbJson.toJson(base));
    Map<String, AttributeValue> doubles = new LinkedHashMap<>();
    doubles.put("doubleValue", n("15"));
    doubles.put("doubleSet", AttributeValue.fromNs(List.of("15", "7.6", "-3", "-34.2", "0")));
    attributes.set("doubles", DynamoDbJson.toJson(doubles));
    return root;
  }

  /** Everything, including the values whose Python and Java orders differ: encrypted only. */
  private static Map<String, AttributeValue> encryptedExtras() {
    Map<String, AttributeValue> m =
        extrasWithNested(
            List.of(b("00ff80"), AttributeValue.fromBool(true), AttributeValue.fromNul(true)),
            s("x"),
            n("1.50"),
            "emptyMap",
            AttributeValue.fromM(Map.of()),
            "emptyList",
            AttributeValue.fromL(List.of()),
            FULLWIDTH_A,
            s("fullwidth key"),
            EMOJI,
            s("emoji key"));
    m.put("unicode", s("Gr\u00fc\u00dfe, \u4e16\u754c! " + EMOJI + " " + FULLWIDTH_A));
    m.put("binarySet", bs("80", "01", "ff00", "0102"));
    m.put("stringSet", AttributeValue.fromSs(List.of("a", FULLWIDTH_A, EMOJI)));
    m.put("numberSet", AttributeValue.fromNs(List.of("10", "9", "-1.50", "1E+2")));
    m.put("emptyString", s(""));
    m.put("emptyBinary", b(""));
    m.put("number28Digits", n("-1234567890.123456789012345678"));
    m.put("flag", AttributeValue.fromBool(false));
    m.put("nothing", AttributeValue.fromNul(true));
    return m;
  }

  /** SIGN_ONLY values on which Python and Java agree (bytes below 0x80, no U+E000+ vs emoji). */
  private static Map<String, AttributeValue> signedExtras() {
    Map<String, AttributeValue> m =
        extrasWithNested(
            List.of(bs("01", "7f", "0102"), AttributeValue.fromSs(List.of("b", "a"))),
            s("\u00e9"),
            n("2"),
            "\u540d\u524d",
            s("CJK key"),
            EMOJI,
            s("emoji key"));
    m.put("unicode", s("Gr\u00fc\u00dfe " + EMOJI));
    m.put("binarySet", bs("00", "7f", "01", "0102"));
    m.put("stringSet", AttributeValue.fromSs(List.of("alpha", "\u00e9", "\u65e5\u672c", EMOJI)));
    m.put("numberSet", AttributeValue.fromNs(List.of("-0.5", "3.14", "1E+3")));
    m.put("binary", b("80ff00"));
    return m;
  }

  /**
   * Extras starting with "nested": a map whose "list" holds {@code first}, {@code second} and a map
   * whose "deep" entry lists {@code deep}, then the other entries of the nested map (names and
   * values in turn).
   */
  private static Map<String, AttributeValue> extrasWithNested(
      List<AttributeValue> deep, AttributeValue first, AttributeValue second, Object... rest) {
    Map<String, AttributeValue> nested = new LinkedHashMap<>();
    nested.put(
        "list",
        AttributeValue.fromL(
            List.of(first, second, AttributeValue.fromM(map("deep", AttributeValue.fromL(deep))))));
    nested.putAll(map(rest));
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("nested", AttributeValue.fromM(nested));
    return m;
  }

  private static Map<String, AttributeValue> mixedExtras() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("\u540d\u524d", s("name in CJK"));
    m.put("\u00f1and\u00fa", n("42"));
    m.put("emoji" + EMOJI, b("ff"));
    m.put(
        "signedNested",
        AttributeValue.fromM(
            map(
                "a",
                AttributeValue.fromL(List.of(n("1"), s("two"))),
                "b",
                AttributeValue.fromBool(true))));
    m.put("signedStrings", AttributeValue.fromSs(List.of("z", "y", "\u00e9")));
    m.put("plainNote", s("not signed"));
    m.put("encryptedSet", bs("ff", "00", "80"));
    return m;
  }

  private static void actionSet(
      ObjectNode actions, String name, String defaultAction, String... overrides) {
    ObjectNode set = actions.putObject(name);
    set.put("default", defaultAction);
    if (overrides.length > 0) {
      ObjectNode o = set.putObject("override");
      for (int i = 0; i < overrides.length; i += 2) {
        o.put(overrides[i], overrides[i + 1]);
      }
    }
  }

  private static ObjectNode table(
      ObjectNode items,
      String name,
      String partition,
      String partitionType,
      String sort,
      String sortType) {
    ObjectNode t = items.putObject(name);
    ObjectNode index = t.putObject("index");
    index.put("partition", partition);
    ObjectNode types = t.putObject("index_types");
    types.put("partition", partitionType);
    if (sort != null) {
      index.put("sort", sort);
      types.put("sort", sortType);
    }
    return t;
  }

  private static ObjectNode numericKeyItem(ArrayNode items, int hash, int range, String action) {
    ObjectNode i = items.addObject();
    ObjectNode a = i.putObject("attributes");
    a.set("hashKey", json(n(Integer.toString(hash))));
    a.set("rangeKey", json(n(Integer.toString(range))));
    i.put("action", action);
    return i;
  }

  private static ObjectNode extraItem(
      String pk, int sk, String action, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", s(pk));
    item.put("sk", n(Integer.toString(sk)));
    item.putAll(attributes);
    ObjectNode i = NODES.objectNode();
    i.set("attributes", DynamoDbJson.toJson(item));
    i.put("action", action);
    i.put("exact", true);
    return i;
  }

  // ===============================================================================================
  // Attribute, description and string-to-sign cases
  // ===============================================================================================

  /** Values frozen with ddbec's serialization; includes every Python/Java divergence. */
  static List<AttributeValue> attributeCases() {
    List<AttributeValue> v = new ArrayList<>();
    v.add(AttributeValue.fromNul(true));
    v.add(AttributeValue.fromBool(true));
    v.add(AttributeValue.fromBool(false));
    v.add(n("55.00"));
    v.add(n("-0"));
    v.add(n("-0.000"));
    v.add(n("1E+2"));
    v.add(n("0.00100"));
    v.add(n("12345678901234567890123456789012345678"));
    v.add(n("-1.2345678901234567890123456789012345678E-100"));
    v.add(s(""));
    v.add(s("h\u00e9 \u4e16\u754c " + EMOJI));
    v.add(b(""));
    v.add(b("00ff80"));
    v.add(AttributeValue.fromSs(List.of(FULLWIDTH_A, EMOJI, "a")));
    v.add(AttributeValue.fromNs(List.of("10", "9", "-1.50", "1E+2", "0.001")));
    v.add(bs("80", "01", "ff00", "0102"));
    v.add(bs("0102", "01", "02"));
    v.add(AttributeValue.fromL(List.of()));
    v.add(AttributeValue.fromM(Map.of()));
    v.add(
        AttributeValue.fromL(
            List.of(s("a"), n("1"), AttributeValue.fromNul(true), bs("ff", "7f"))));
    v.add(
        AttributeValue.fromM(
            map(FULLWIDTH_A, s("fullwidth"), EMOJI, n("1"), "a", AttributeValue.fromBool(false))));
    v.add(
        AttributeValue.fromM(
            map(
                "level1",
                AttributeValue.fromL(
                    List.of(
                        AttributeValue.fromM(
                            map(
                                "level3",
                                AttributeValue.fromL(
                                    List.of(
                                        AttributeValue.fromSs(List.of("b", "a")), n("-7.0"))))))),
                "z",
                s("last"))));
    return v;
  }

  private static ArrayNode serializeCases() {
    ArrayNode cases = NODES.arrayNode();
    for (AttributeValue v : attributeCases()) {
      cases
          .addObject()
          .<ObjectNode>set("attribute", json(v))
          .put("serialized", b64(ItemFormat.serialize(v)));
    }
    return cases;
  }

  private static ArrayNode deserializeCases() {
    ArrayNode cases = NODES.arrayNode();
    for (AttributeValue v : attributeCases()) {
      byte[] bytes = ItemFormat.serialize(v);
      cases
          .addObject()
          .put("serialized", b64(bytes))
          .set("attribute", json(ItemFormat.deserialize(bytes)));
    }
    return cases;
  }

  private static ArrayNode materialDescriptionCases() {
    List<Map<String, String>> descriptions = new ArrayList<>();
    descriptions.add(Map.of());
    descriptions.add(
        orderedStrings(
            "amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding", "amzn-ddb-map-signingAlg", "HmacSHA256"));
    descriptions.add(
        orderedStrings(
            "amzn-ddb-wrap-alg", "AESWrap",
            "amzn-ddb-env-key", b64(HEX.parseHex("00".repeat(40))),
            "amzn-ddb-env-alg", "AES/256",
            "amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding",
            "amzn-ddb-map-signingAlg", "HmacSHA256"));
    descriptions.add(
        orderedStrings("\u00fc", "umlaut", "Z", "upper", "a", "lower", "", "empty key"));
    ArrayNode cases = NODES.arrayNode();
    for (Map<String, String> d : descriptions) {
      ObjectNode c = cases.addObject();
      ObjectNode m = c.putObject("material_description");
      d.forEach(m::put);
      c.put("serialized", b64(ItemFormat.encodeMaterialDescription(d)));
    }
    return cases;
  }

  private static ArrayNode stringToSignCases() {
    ArrayNode cases = NODES.arrayNode();
    Map<String, AttributeValue> mixed = new LinkedHashMap<>();
    mixed.put("pk", s("key"));
    mixed.put("encrypted", b("00112233445566778899aabbccddeeff"));
    mixed.put("signed", AttributeValue.fromNs(List.of("2", "10", "-0.50")));
    mixed.put("untouched", s("not signed"));
    stringToSignCase(
        cases,
        "DdbecTable",
        mixed,
        Map.of("pk", "sign", "encrypted", "encrypt", "signed", "sign", "untouched", "nothing"));

    Map<String, AttributeValue> unicode = new LinkedHashMap<>();
    unicode.put(FULLWIDTH_A, s("fullwidth name"));
    unicode.put(EMOJI, s("emoji name"));
    unicode.put("highBitSet", bs("80", "01", "ff00", "0102"));
    unicode.put("mixedSet", AttributeValue.fromSs(List.of("a", FULLWIDTH_A, EMOJI)));
    stringToSignCase(
        cases,
        "T\u00e4bl\u00e9 " + EMOJI,
        unicode,
        Map.of(FULLWIDTH_A, "sign", EMOJI, "sign", "highBitSet", "sign", "mixedSet", "sign"));

    stringToSignCase(cases, "OnlyTable", Map.of("n", n("-0")), Map.of("n", "nothing"));
    return cases;
  }

  private static void stringToSignCase(
      ArrayNode cases,
      String table,
      Map<String, AttributeValue> item,
      Map<String, String> actions) {
    AttributeActions.Builder a = AttributeActions.builder().defaultAction(CryptoAction.DO_NOTHING);
    ObjectNode c = cases.addObject();
    c.put("table", table);
    ObjectNode itemNode = c.putObject("item");
    item.forEach(
        (name, value) -> {
          itemNode
              .putObject(name)
              .<ObjectNode>set("value", json(value))
              .put("action", actions.get(name));
          a.action(name, InteropItems.action(actions.get(name)));
        });
    c.put("string_to_sign", b64(ItemFormat.stringToSign(item, table, a.build(), SetOrdering.JAVA)));
  }

  // ===============================================================================================
  // Small helpers
  // ===============================================================================================

  private static Map<String, String> keys(String... kv) {
    return orderedStrings(kv);
  }

  private static Map<String, String> orderedStrings(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, AttributeValue> map(Object... kv) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (AttributeValue) kv[i + 1]);
    }
    return m;
  }

  private static AttributeValue s(String text) {
    return AttributeValue.fromS(text);
  }

  private static AttributeValue n(String text) {
    return AttributeValue.fromN(text);
  }

  private static AttributeValue b(String hex) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(HEX.parseHex(hex)));
  }

  private static AttributeValue bs(String... hex) {
    List<SdkBytes> members = new ArrayList<>();
    for (String h : hex) {
      members.add(SdkBytes.fromByteArray(HEX.parseHex(h)));
    }
    return AttributeValue.fromBs(members);
  }

  private static ObjectNode json(AttributeValue v) {
    return DynamoDbJson.toJson(v);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void writeJson(Path file, JsonNode node) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Spacing.AFTER))
            .withArrayIndenter(indenter)
            .withObjectIndenter(indenter);
    ObjectWriter writer = DynamoDbJson.MAPPER.writer(printer);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, (writer.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Removes what a previous run wrote (only the vector files and encrypted_item/). */
  private static void clear(Path out) {
    for (String file : TOP_LEVEL_FILES) {
      try {
        Files.deleteIfExists(out.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + out.resolve(file), e);
      }
    }
    Path items = out.resolve("encrypted_item");
    if (!Files.exists(items)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(items)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + items, e);
    }
  }
}
