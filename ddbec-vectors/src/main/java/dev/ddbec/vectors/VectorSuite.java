package dev.ddbec.vectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.vectors.VectorResult.Status;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs a directory of DynamoDB Encryption Client test vectors (laid out like the official clients'
 * {@code test/vectors}: {@code serialize_attribute.json}, {@code deserialize_attribute.json},
 * {@code material_description.json}, {@code string_to_sign.json} and {@code encrypted_item/}).
 *
 * <p>Encrypted-item scenarios are decrypted as the official harnesses do: each stored item is
 * matched to its plaintext by key attributes, decrypted with the scenario's provider and actions,
 * and compared with the plaintext ignoring the Java mapper's {@code version} attribute. Scenarios
 * whose provider ddbec cannot build here (real AWS KMS, or a provider kind given no factory) are
 * reported {@link Status#NOT_RUN} with the reason, never silently dropped. A scenario provider that
 * is {@link AutoCloseable} is closed when its scenario is done.
 */
public final class VectorSuite {
  /** Builds a provider for a scenario kind the suite does not know itself (e.g. most_recent). */
  public interface ScenarioProviderFactory {
    /**
     * Builds the provider for one scenario. A provider that is {@link AutoCloseable} is closed
     * after the scenario; an {@link UnsupportedOperationException} reports the scenario as {@link
     * Status#NOT_RUN} with its message as the reason.
     *
     * @param scenario the scenario JSON object
     * @param suite the suite (for keys and files)
     * @return the provider
     */
    MaterialsProvider create(JsonNode scenario, VectorSuite suite);
  }

  private final Path dir;
  private final Map<String, ScenarioProviderFactory> extraProviders;

  private VectorSuite(Path dir, Map<String, ScenarioProviderFactory> extraProviders) {
    this.dir = dir;
    this.extraProviders = Map.copyOf(extraProviders);
  }

  /**
   * A suite over a vector directory.
   *
   * @param dir the directory holding {@code serialize_attribute.json} etc.
   * @return the suite
   * @throws IllegalArgumentException if the directory does not hold vectors
   */
  public static VectorSuite of(Path dir) {
    return of(dir, Map.of());
  }

  /**
   * A suite with extra scenario provider kinds.
   *
   * @param dir the vector directory
   * @param extraProviders provider kind (scenario {@code provider} value) to factory
   * @return the suite
   */
  public static VectorSuite of(Path dir, Map<String, ScenarioProviderFactory> extraProviders) {
    if (!Files.isRegularFile(dir.resolve("encrypted_item/scenarios.json"))) {
      throw new IllegalArgumentException(
          dir + " is not a vector directory (no encrypted_item/scenarios.json)");
    }
    return new VectorSuite(dir, extraProviders);
  }

  /**
   * The vector directory.
   *
   * @return the path
   */
  public Path directory() {
    return dir;
  }

  /**
   * Runs everything.
   *
   * @return one result per case and per scenario, in file order
   */
  public List<VectorResult> runAll() {
    List<VectorResult> r = new ArrayList<>();
    r.addAll(section("serialize_attribute.json", this::runSerialize));
    r.addAll(section("deserialize_attribute.json", this::runDeserialize));
    r.addAll(section("material_description.json", this::runMaterialDescription));
    r.addAll(section("string_to_sign.json", this::runStringToSign));
    r.addAll(section("encrypted_item/scenarios.json", this::runEncryptedItems));
    return r;
  }

  /**
   * One file's results, or one failure for the file when it cannot be read or is not laid out like
   * the official vectors (a damaged download), so the other files still run.
   */
  private static List<VectorResult> section(String file, Supplier<List<VectorResult>> run) {
    try {
      return run.get();
    } catch (UncheckedIOException e) {
      return List.of(new VectorResult(file, Status.FAIL, e.getMessage()));
    } catch (RuntimeException e) { // a missing or mistyped field of a damaged file
      return List.of(
          new VectorResult(file, Status.FAIL, "not laid out like the official vectors: " + e));
    }
  }

  /**
   * {@code serialize_attribute.json}: value to exact bytes.
   *
   * @return one result per case
   */
  public List<VectorResult> runSerialize() {
    return cases(
        "serialize_attribute.json",
        c -> {
          byte[] expected = b64(c.get("serialized"));
          byte[] actual = ItemFormat.serialize(DynamoDbJson.value(c.get("attribute")));
          return Arrays.equals(expected, actual) ? null : "bytes differ";
        });
  }

  /**
   * {@code deserialize_attribute.json}: bytes to value.
   *
   * @return one result per case
   */
  public List<VectorResult> runDeserialize() {
    return cases(
        "deserialize_attribute.json",
        c -> {
          AttributeValue expected = DynamoDbJson.value(c.get("attribute"));
          AttributeValue actual = ItemFormat.deserialize(b64(c.get("serialized")));
          return AttributeEquality.equal(expected, actual) ? null : "value differs";
        });
  }

  /**
   * {@code material_description.json}: both directions, byte-exact (ddbec writes sorted).
   *
   * @return one result per case
   */
  public List<VectorResult> runMaterialDescription() {
    return cases(
        "material_description.json",
        c -> {
          Map<String, String> expected = new LinkedHashMap<>();
          c.get("material_description")
              .properties()
              .iterator()
              .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().textValue()));
          byte[] bytes = b64(c.get("serialized"));
          if (!Arrays.equals(bytes, ItemFormat.encodeMaterialDescription(expected))) {
            return "encoded bytes differ";
          }
          return ItemFormat.decodeMaterialDescription(bytes).equals(expected)
              ? null
              : "decoded map differs";
        });
  }

  /**
   * {@code string_to_sign.json}: item and actions to the exact string to sign.
   *
   * @return one result per case
   */
  public List<VectorResult> runStringToSign() {
    return cases(
        "string_to_sign.json",
        c -> {
          Map<String, AttributeValue> item = new LinkedHashMap<>();
          AttributeActions.Builder actions =
              AttributeActions.builder().defaultAction(CryptoAction.DO_NOTHING);
          c.get("item")
              .properties()
              .iterator()
              .forEachRemaining(
                  e -> {
                    item.put(e.getKey(), DynamoDbJson.value(e.getValue().get("value")));
                    actions.action(e.getKey(), action(e.getValue().get("action").textValue()));
                  });
          byte[] actual =
              ItemFormat.stringToSign(
                  item, c.get("table").textValue(), actions.build(), SetOrdering.JAVA);
          return Arrays.equals(b64(c.get("string_to_sign")), actual) ? null : "bytes differ";
        });
  }

  private List<VectorResult> cases(String file, Function<JsonNode, String> check) {
    List<VectorResult> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : read(dir.resolve(file))) {
      String name = file + "#" + i++;
      String failure;
      try {
        failure = check.apply(c);
      } catch (RuntimeException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      out.add(
          new VectorResult(
              name, failure == null ? Status.PASS : Status.FAIL, failure == null ? "ok" : failure));
    }
    return out;
  }

  /**
   * Every scenario of {@code encrypted_item/scenarios.json}.
   *
   * @return one result per scenario, named by its ciphertext file (e.g. {@code
   *     ciphertext/java/static-aes-hmac-1.json})
   */
  public List<VectorResult> runEncryptedItems() {
    Path base = dir.resolve("encrypted_item");
    JsonNode manifest = read(base.resolve("scenarios.json"));
    JsonNode plaintext = read(resolve(base, manifest.get("plaintext").textValue()));
    List<VectorResult> out = new ArrayList<>();
    for (JsonNode scenario : manifest.get("scenarios")) {
      String ciphertext = scenario.get("ciphertext").textValue().replace("file://", "");
      out.add(runScenario(scenario, ciphertext, plaintext, base));
    }
    return out;
  }

  private VectorResult runScenario(JsonNode scenario, String name, JsonNode plaintext, Path base) {
    String kind = scenario.get("provider").textValue();
    if (scenario.path("network").asBoolean(false)) {
      return new VectorResult(
          name, Status.NOT_RUN, "needs the official AWS test account's KMS key (network)");
    }
    MaterialsProvider provider;
    try {
      provider = provider(scenario, kind);
    } catch (UnsupportedOperationException e) {
      return new VectorResult(name, Status.NOT_RUN, e.getMessage());
    } catch (RuntimeException e) {
      return new VectorResult(name, Status.FAIL, "provider: " + e);
    }
    VectorResult result;
    try {
      result = decryptAll(scenario, name, plaintext, base, provider);
    } catch (RuntimeException e) {
      result = new VectorResult(name, Status.FAIL, e.toString());
    }
    // Providers that hold resources for the scenario (e.g. MetaStore rows loaded into DynamoDB)
    // release them here, before the next scenario.
    if (provider instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) { // AutoCloseable.close() declares Exception
        return new VectorResult(name, Status.FAIL, "cleanup after the scenario: " + e);
      }
    }
    return result;
  }

  private VectorResult decryptAll(
      JsonNode scenario, String name, JsonNode plaintext, Path base, MaterialsProvider provider) {
    String version = scenario.get("version").textValue();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    JsonNode stored = read(resolve(base, scenario.get("ciphertext").textValue()));
    int checked = 0;
    int unmatched = 0;
    Iterator<Map.Entry<String, JsonNode>> tables = stored.properties().iterator();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> t = tables.next();
      String table = t.getKey();
      JsonNode tableInfo = plaintext.get("items").get(table);
      if (tableInfo == null) {
        return new VectorResult(name, Status.FAIL, "no plaintext items for table " + table);
      }
      String pk = tableInfo.get("index").get("partition").textValue();
      String sk = tableInfo.get("index").path("sort").textValue();
      for (JsonNode storedItemJson : t.getValue()) {
        Map<String, AttributeValue> storedItem = DynamoDbJson.item(storedItemJson);
        Optional<JsonNode> match = findPlaintext(tableInfo, storedItem, pk, sk);
        if (match.isEmpty()) {
          unmatched++;
          continue;
        }
        Map<String, AttributeValue> expected = expectedItem(plaintext, table, version, match.get());
        Map<String, AttributeValue> actual;
        try {
          actual = encryptor.decryptItem(storedItem, config(plaintext, match.get(), table, pk, sk));
        } catch (DdbecException e) {
          return new VectorResult(
              name, Status.FAIL, table + " item " + keyText(storedItem, pk, sk) + ": " + e);
        }
        expected.remove("version");
        actual.remove("version");
        if (!AttributeEquality.itemsEqual(expected, actual)) {
          return new VectorResult(
              name,
              Status.FAIL,
              table + " item " + keyText(storedItem, pk, sk) + ": decrypted item differs");
        }
        checked++;
      }
    }
    if (checked == 0) {
      return new VectorResult(name, Status.FAIL, "no item matched a plaintext item");
    }
    return new VectorResult(
        name,
        Status.PASS,
        checked
            + " items verified and decrypted"
            + (unmatched > 0 ? ", " + unmatched + " without a plaintext counterpart skipped" : ""));
  }

  private MaterialsProvider provider(JsonNode scenario, String kind) {
    ScenarioProviderFactory extra = extraProviders.get(kind);
    if (extra != null) {
      return extra.create(scenario, this);
    }
    switch (kind) {
      case "static":
      case "wrapped":
        return keyedProvider(kind, scenario.get("keys"));
      default:
        throw new UnsupportedOperationException(
            "no provider for scenario kind '" + kind + "' is installed in this runner");
    }
  }

  /**
   * Builds a {@code static} or {@code wrapped} provider from a scenario's {@code keys} object.
   *
   * @param kind {@code static} or {@code wrapped}
   * @param keys {@code {decrypt, verify, encrypt?, sign?}} key names
   * @return the provider
   */
  public MaterialsProvider keyedProvider(String kind, JsonNode keys) {
    return VectorKeys.keyedProvider(this::key, kind, keys);
  }

  /**
   * Loads a key from {@code encrypted_item/keys.json}.
   *
   * @param name the key's name
   * @return an AES or HMAC {@link javax.crypto.spec.SecretKeySpec}, or an RSA public or private key
   */
  public Key key(String name) {
    return VectorKeys.key(read(dir.resolve("encrypted_item/keys.json")), name);
  }

  /**
   * Reads a JSON file of the suite.
   *
   * @param file the path
   * @return the parsed JSON
   */
  public JsonNode read(Path file) {
    try {
      return DynamoDbJson.MAPPER.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new UncheckedIOException(
          "vector file "
              + file
              + " is not valid JSON"
              + (l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")"),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector file " + file + ": " + e, e);
    }
  }

  /**
   * Resolves a {@code file://} reference relative to {@code encrypted_item/}.
   *
   * @param base the encrypted_item directory
   * @param ref the reference
   * @return the path
   */
  public static Path resolve(Path base, String ref) {
    return base.resolve(ref.replace("file://", ""));
  }

  private static Optional<JsonNode> findPlaintext(
      JsonNode tableInfo, Map<String, AttributeValue> stored, String pk, String sk) {
    for (JsonNode p : tableInfo.get("items")) {
      Map<String, AttributeValue> attrs = DynamoDbJson.item(p.get("attributes"));
      if (AttributeEquality.equal(attrs.get(pk), stored.get(pk))
          && (sk == null || AttributeEquality.equal(attrs.get(sk), stored.get(sk)))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * A plaintext item of a vector file: its attributes plus, unless it is marked {@code exact}, the
   * attribute groups the file lists for the table and version.
   *
   * @param plaintext the plaintext file
   * @param table the table name
   * @param version the scenario's version
   * @param p the item's entry under {@code items.<table>.items}
   * @return the item
   */
  public static Map<String, AttributeValue> expectedItem(
      JsonNode plaintext, String table, String version, JsonNode p) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(DynamoDbJson.item(p.get("attributes")));
    if (!p.path("exact").asBoolean(false)) {
      JsonNode groups = plaintext.path("versions").path(table).path(version);
      for (JsonNode g : groups) {
        item.putAll(DynamoDbJson.item(plaintext.get("attributes").get(g.textValue())));
      }
    }
    return item;
  }

  /**
   * The configuration a plaintext item is written and read with: its named action set, the key
   * attributes protected as index keys.
   *
   * @param plaintext the plaintext file
   * @param p the item's entry
   * @param table the table name
   * @param pk the partition key name
   * @param sk the sort key name, or null
   * @return the configuration
   */
  public static CryptoConfig config(
      JsonNode plaintext, JsonNode p, String table, String pk, String sk) {
    AttributeActions actions =
        actions(plaintext.get("actions").get(p.get("action").textValue())).withIndexKeys(pk, sk);
    return CryptoConfig.of(
        EncryptionContext.builder().tableName(table).partitionKeyName(pk).sortKeyName(sk).build(),
        actions);
  }

  /**
   * Parses an action set ({@code {"default": A, "override": {name: A}}}).
   *
   * @param set the JSON
   * @return the actions
   */
  public static AttributeActions actions(JsonNode set) {
    AttributeActions.Builder b =
        AttributeActions.builder().defaultAction(action(set.get("default").textValue()));
    set.path("override")
        .properties()
        .iterator()
        .forEachRemaining(e -> b.action(e.getKey(), action(e.getValue().textValue())));
    return b.build();
  }

  private static CryptoAction action(String a) {
    return switch (a) {
      case "encrypt" -> CryptoAction.ENCRYPT_AND_SIGN;
      case "sign" -> CryptoAction.SIGN_ONLY;
      case "nothing" -> CryptoAction.DO_NOTHING;
      default -> throw new IllegalArgumentException("unknown action " + a);
    };
  }

  private static String keyText(Map<String, AttributeValue> item, String pk, String sk) {
    return "("
        + DynamoDbJson.toJson(item.get(pk))
        + (sk == null ? "" : ", " + DynamoDbJson.toJson(item.get(sk)))
        + ")";
  }

  static byte[] b64(JsonNode n) {
    return Base64.getDecoder().decode(n.textValue());
  }
}
