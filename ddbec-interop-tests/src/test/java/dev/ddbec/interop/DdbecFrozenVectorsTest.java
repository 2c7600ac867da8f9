package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.vectors.VectorResult;
import dev.ddbec.vectors.VectorResult.Status;
import dev.ddbec.vectors.VectorSuite;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ddbec's frozen vectors ({@code src/test/resources/vectors/ddbec}, written once by {@link
 * DdbecVectorsGenerator} and committed) still pass: ddbec serializes, describes and signs exactly
 * as when they were frozen, and still verifies and decrypts every frozen item (static, wrapped AES,
 * wrapped RSA). The official Python client decrypts every frozen item too.
 *
 * <p>A failure here means ddbec's format changed. If that is intended, regenerate the vectors (see
 * {@link DdbecVectorsGenerator}) and say why in the commit.
 */
class DdbecFrozenVectorsTest {
  /** Items per ciphertext file: 13 + 3 from the official plaintext, 5 ddbec extras. */
  private static final int ITEMS_PER_SCENARIO = 21;

  private static Path dir;
  private static VectorSuite suite;
  private static PythonPeer peer;

  @BeforeAll
  static void load() throws URISyntaxException {
    URL manifest =
        DdbecFrozenVectorsTest.class.getResource(
            "/" + DdbecVectorsGenerator.RESOURCE_DIR + "/encrypted_item/scenarios.json");
    assertThat(manifest)
        .as("frozen vectors on the test class path (src/test/resources/vectors/ddbec)")
        .isNotNull();
    dir = Path.of(manifest.toURI()).getParent().getParent();
    suite = VectorSuite.of(dir);
    peer = PythonPeer.start();
  }

  @AfterAll
  static void stop() {
    if (peer != null) {
      peer.close();
    }
  }

  /**
   * Serialize and deserialize: one case per generated attribute; material descriptions (both
   * directions): 4; strings to sign: 3. Every case passes (byte-identical where bytes are
   * compared).
   */
  @Test
  void offlineSections_frozenDdbecVectors_allCasesPass() {
    int attributes = DdbecVectorsGenerator.attributeCases().size();
    Vectors.assertOfflineSectionsPass(suite, attributes, attributes, 4, 3);
  }

  @Test
  void runEncryptedItems_frozenDdbecVectors_everyScenarioVerifiesAndDecryptsEveryItem() {
    List<VectorResult> results = suite.runEncryptedItems();
    results.forEach(
        r -> System.out.printf("[ddbec-vectors] %-7s %s  %s%n", r.status(), r.name(), r.detail()));

    Set<String> expected =
        DdbecVectorsGenerator.SCENARIOS.stream()
            .map(DdbecVectorsGenerator.Scenario::file)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(results.stream().map(VectorResult::name).collect(Collectors.toSet()))
        .isEqualTo(expected);
    assertThat(expected)
        .contains(
            "ciphertext/ddbec/static-aes-hmac-1.json",
            "ciphertext/ddbec/wrapped-aes-hmac-1.json",
            "ciphertext/ddbec/wrapped-rsa-rsa-1.json");
    for (VectorResult r : results) {
      assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(Status.PASS);
      assertThat(r.detail())
          .as(r.name())
          .isEqualTo(ITEMS_PER_SCENARIO + " items verified and decrypted");
    }
  }

  @Test
  void runAll_frozenDdbecVectors_nothingFailsOrIsNotRun() {
    List<VectorResult> results = suite.runAll();

    assertThat(results)
        .hasSize(
            2 * DdbecVectorsGenerator.attributeCases().size()
                + 4
                + 3
                + DdbecVectorsGenerator.SCENARIOS.size());
    assertThat(results.stream().filter(r -> r.status() != Status.PASS).toList()).isEmpty();
  }

  @Test
  void decryptItem_pythonPeerOnEveryFrozenDdbecItem_equalsPlaintext() {
    JsonNode manifest = suite.read(dir.resolve("encrypted_item/scenarios.json"));
    JsonNode plaintext = suite.read(dir.resolve("encrypted_item/plaintext.json"));
    JsonNode keys = suite.read(dir.resolve("encrypted_item/keys.json"));
    Map<String, Integer> decrypted = new TreeMap<>();
    for (JsonNode scenario : manifest.get("scenarios")) {
      String file = scenario.get("ciphertext").textValue();
      ObjectNode provider = peerProvider(scenario, keys);
      JsonNode stored = suite.read(VectorSuite.resolve(dir.resolve("encrypted_item"), file));
      Iterator<Map.Entry<String, JsonNode>> tables = stored.properties().iterator();
      while (tables.hasNext()) {
        Map.Entry<String, JsonNode> t = tables.next();
        String table = t.getKey();
        JsonNode tableInfo = plaintext.get("items").get(table);
        String pk = tableInfo.get("index").get("partition").textValue();
        String sk = tableInfo.get("index").path("sort").textValue();
        for (JsonNode storedItem : t.getValue()) {
          JsonNode p = plaintextFor(tableInfo, storedItem, pk, sk);
          JsonNode response =
              peer.callOk(
                  new PeerRequests.ItemTable(
                          table,
                          pk,
                          sk,
                          provider,
                          plaintext.get("actions").get(p.get("action").textValue()).deepCopy())
                      .decrypt(storedItem));
          Map<String, AttributeValue> expected =
              VectorSuite.expectedItem(plaintext, table, scenario.get("version").textValue(), p);
          Map<String, AttributeValue> actual = DynamoDbJson.item(response.get("item"));
          assertThat(AttributeEquality.itemsEqual(expected, actual))
              .as(
                  "%s %s: Python decrypted%n%s%nexpected%n%s",
                  file, table, response.get("item"), DynamoDbJson.toJson(expected))
              .isTrue();
          decrypted.merge(file, 1, Integer::sum);
        }
      }
    }
    assertThat(decrypted).hasSize(DdbecVectorsGenerator.SCENARIOS.size());
    assertThat(decrypted.values()).allMatch(n -> n == ITEMS_PER_SCENARIO);
  }

  @Test
  void frozenItems_everyProtectedItem_carriesDdbecsDescriptionAndSignature() {
    // Guards the generator's output itself: items other than the DO_NOTHING ones are protected.
    int protectedItems = 0;
    for (DdbecVectorsGenerator.Scenario s : DdbecVectorsGenerator.SCENARIOS) {
      JsonNode stored = suite.read(dir.resolve("encrypted_item").resolve(s.file()));
      for (JsonNode item : (Iterable<JsonNode>) () -> allItems(stored)) {
        boolean untouched =
            item.path("hashKey").path("N").asText().equals("7")
                    && item.path("rangeKey").path("N").asText().equals("9")
                || item.path("pk").path("S").asText().equals("untouched");
        assertThat(item.has(ReservedAttributes.SIGNATURE)).as("%s", item).isEqualTo(!untouched);
        assertThat(item.has(ReservedAttributes.MATERIAL_DESCRIPTION))
            .as("%s", item)
            .isEqualTo(!untouched);
        protectedItems += untouched ? 0 : 1;
      }
    }
    assertThat(protectedItems)
        .isEqualTo(DdbecVectorsGenerator.SCENARIOS.size() * (ITEMS_PER_SCENARIO - 2));
  }

  @Test
  void frozenFiles_none_isAByteCopyOfAnOfficialVectorFile() throws IOException {
    Map<String, Path> official = new LinkedHashMap<>();
    for (Path f : files(Vectors.directory())) {
      official.put(sha256(f), f);
    }
    assertThat(official).as("official vector files found").isNotEmpty();
    List<String> copies = new ArrayList<>();
    List<Path> ours = files(dir);
    for (Path f : ours) {
      Path same = official.get(sha256(f));
      if (same != null) {
        copies.add(dir.relativize(f) + " == " + same);
      }
    }
    assertThat(ours).hasSizeGreaterThanOrEqualTo(4 + 3 + DdbecVectorsGenerator.SCENARIOS.size());
    assertThat(copies).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  private static ObjectNode peerProvider(JsonNode scenario, JsonNode keys) {
    JsonNode k = scenario.get("keys");
    byte[] decrypt = material(keys, k.get("decrypt").textValue());
    byte[] verify = material(keys, k.get("verify").textValue());
    String kind = scenario.get("provider").textValue();
    if (kind.equals("static")) {
      return PeerRequests.staticProvider(decrypt, verify);
    }
    assertThat(kind).isEqualTo("wrapped");
    if (keys.get(k.get("decrypt").textValue()).get("type").textValue().equals("symmetric")) {
      return PeerRequests.wrappedProvider(decrypt, verify);
    }
    // Wrapped RSA: private key unwraps and signs, public key wraps and verifies.
    return PeerRequests.wrappedRsaProvider(decrypt, verify);
  }

  private static byte[] material(JsonNode keys, String name) {
    return java.util.Base64.getDecoder().decode(keys.get(name).get("material").textValue());
  }

  private static JsonNode plaintextFor(JsonNode tableInfo, JsonNode stored, String pk, String sk) {
    for (JsonNode p : tableInfo.get("items")) {
      JsonNode attributes = p.get("attributes");
      if (attributes.get(pk).equals(stored.get(pk))
          && (sk == null || attributes.get(sk).equals(stored.get(sk)))) {
        return p;
      }
    }
    throw new AssertionError("no plaintext item for stored item " + stored);
  }

  private static Iterator<JsonNode> allItems(JsonNode stored) {
    List<JsonNode> items = new ArrayList<>();
    stored.elements().forEachRemaining(table -> table.elements().forEachRemaining(items::add));
    return items.iterator();
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
