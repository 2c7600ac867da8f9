package dev.ddbec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.cli.json.DynamoDbJson;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Shared body of {@code ddbec encrypt} and {@code ddbec decrypt}: JSON Lines of DynamoDB JSON in,
 * JSON Lines out, one encryptor for the whole stream.
 */
abstract class ItemStreamCommand implements Callable<Integer> {
  private static final Set<String> TYPE_TAGS =
      Set.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");

  /** What to do with a line that fails. */
  enum ErrorMode {
    fail,
    inline
  }

  @Spec CommandSpec spec;

  @Option(names = "--table", required = true, description = "Table name (bound into signatures).")
  String table;

  @Option(names = "--partition-key", required = true, description = "Partition key attribute.")
  String partitionKey;

  @Option(names = "--sort-key", description = "Sort key attribute, if the table has one.")
  String sortKey;

  @Option(
      names = "--materials",
      required = true,
      paramLabel = "FILE",
      description = "Materials provider configuration (properties: provider=static|wrapped|...).")
  Path materials;

  @Option(
      names = "--default-action",
      defaultValue = "ENCRYPT_AND_SIGN",
      description = "Action for attributes without --action: ${COMPLETION-CANDIDATES}.")
  CryptoAction defaultAction;

  @Option(
      names = "--action",
      paramLabel = "NAME=ACTION",
      description = "Per-attribute action, repeatable, e.g. --action genre=SIGN_ONLY.")
  Map<String, CryptoAction> actions = new LinkedHashMap<>();

  @Option(names = "--in", paramLabel = "FILE", description = "Input JSON Lines (default stdin).")
  Path in;

  @Option(names = "--out", paramLabel = "FILE", description = "Output JSON Lines (default stdout).")
  Path out;

  @Option(
      names = "--errors",
      defaultValue = "fail",
      description =
          "fail: stop at the first bad line (exit 1); inline: write {\"error\":{...}} for it and go"
              + " on (exit 1 at the end).")
  ErrorMode errors;

  /** Encrypts or decrypts one item. */
  abstract Map<String, AttributeValue> process(
      ItemEncryptor encryptor, Map<String, AttributeValue> item, CryptoConfig config);

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ItemEncryptor encryptor;
    AttributeActions attributeActions;
    MaterialsProvider provider = null;
    try {
      provider = MaterialsProviders.load(materials);
      encryptor = ItemEncryptor.create(provider);
      attributeActions =
          AttributeActions.builder()
              .defaultAction(defaultAction)
              .actions(actions)
              .build()
              .withIndexKeys(partitionKey, sortKey);
    } catch (DdbecException e) {
      err.println("ddbec: " + e.getMessage());
      err.flush();
      close(provider, err);
      return 2;
    }
    EncryptionContext context =
        EncryptionContext.builder()
            .tableName(table)
            .partitionKeyName(partitionKey)
            .sortKeyName(sortKey)
            .build();
    CryptoConfig config = CryptoConfig.of(context, attributeActions);
    try {
      return stream(encryptor, config, err);
    } finally {
      close(provider, err);
    }
  }

  /** Providers built from configuration may own clients (KMS; DynamoDB for most-recent). */
  private static void close(MaterialsProvider provider, PrintWriter err) {
    if (provider instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) { // AutoCloseable.close() declares Exception; output is complete
        err.println("ddbec: closing the materials provider failed: " + e.getMessage());
        err.flush();
      }
    }
  }

  private int stream(ItemEncryptor encryptor, CryptoConfig config, PrintWriter err)
      throws IOException {
    int failed = 0;
    try (BufferedReader reader = reader();
        Writer writer = writer()) {
      String line;
      long lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String result;
        try {
          result = processLine(line, encryptor, config);
        } catch (DdbecException | LineException e) {
          failed++;
          String type = e instanceof LineException le ? le.type : e.getClass().getSimpleName();
          if (errors == ErrorMode.fail) {
            writer.flush();
            err.println("ddbec: line " + lineNo + ": " + type + ": " + e.getMessage());
            err.flush();
            return 1;
          }
          ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
          ObjectNode e2 = o.putObject("error");
          e2.put("line", lineNo);
          e2.put("type", type);
          e2.put("message", e.getMessage());
          result = DynamoDbJson.MAPPER.writeValueAsString(o);
        }
        writer.write(result);
        writer.write('\n');
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private String processLine(String line, ItemEncryptor encryptor, CryptoConfig config)
      throws JsonProcessingException {
    JsonNode node;
    try {
      node = DynamoDbJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the input, which may be plaintext: give the position only.
      throw new LineException(
          "InvalidJson", "not valid JSON (column " + e.getLocation().getColumnNr() + ")");
    }
    boolean wrapped = isExportWrapper(node);
    Map<String, AttributeValue> item = DynamoDbJson.item(wrapped ? node.get("Item") : node);
    ObjectNode json = DynamoDbJson.toJson(process(encryptor, item, config));
    if (wrapped) {
      ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
      o.set("Item", json);
      json = o;
    }
    return DynamoDbJson.MAPPER.writeValueAsString(json);
  }

  /**
   * {@code {"Item": {...}}} as written by table exports and {@code get-item}, told apart from an
   * item with one attribute named {@code Item} by its value not being a single type tag.
   */
  static boolean isExportWrapper(JsonNode node) {
    if (node == null || !node.isObject() || node.size() != 1 || !node.has("Item")) {
      return false;
    }
    JsonNode v = node.get("Item");
    return v.isObject() && !(v.size() == 1 && TYPE_TAGS.contains(v.fieldNames().next()));
  }

  private BufferedReader reader() throws IOException {
    return in == null
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedReader(in, StandardCharsets.UTF_8);
  }

  private Writer writer() throws IOException {
    return out == null
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
  }

  /** A line-level failure that is not a DdbecException (bad JSON). */
  static final class LineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;

    LineException(String type, String message) {
      super(message);
      this.type = type;
    }
  }
}
