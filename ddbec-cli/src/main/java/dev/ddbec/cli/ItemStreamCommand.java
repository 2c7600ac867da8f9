package dev.ddbec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.cli.options.MaterialsOptions;
import dev.ddbec.cli.options.TableKeyOptions;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
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

  @Mixin TableKeyOptions keys;

  @Mixin MaterialsOptions materials;

  @Option(
      names = "--signature-attribute",
      paramLabel = "NAME",
      defaultValue = FormatNames.SIGNATURE_ATTRIBUTE,
      description =
          "Attribute holding the item signature (default ${DEFAULT-VALUE}); for items written by"
              + " the official Java client with DynamoDBEncryptor.setSignatureFieldName.")
  String signatureAttribute;

  @Option(
      names = "--description-attribute",
      paramLabel = "NAME",
      defaultValue = FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE,
      description =
          "Attribute holding the material description (default ${DEFAULT-VALUE}); the official"
              + " Java client's setMaterialDescriptionFieldName.")
  String descriptionAttribute;

  @Option(
      names = "--description-base",
      paramLabel = "PREFIX",
      defaultValue = FormatNames.DESCRIPTION_BASE,
      description =
          "Prefix of the sym-mode and signingAlg description entries (default ${DEFAULT-VALUE});"
              + " the official Java client's DynamoDBEncryptor description base.")
  String descriptionBase;

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
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    InputStream input;
    try {
      if (in != null && Files.isDirectory(in)) {
        throw new FileSystemException(in.toString(), null, "is a directory");
      }
      input = in == null ? System.in : Files.newInputStream(in);
    } catch (IOException e) {
      return usageError(err, "cannot read --in " + in + ": " + reason(e));
    }
    try (LineReader reader = new LineReader(input)) {
      MaterialsProvider provider;
      try {
        provider = MaterialsProviders.load(materials.protection().materials());
      } catch (DdbecException e) {
        return usageError(err, e.getMessage());
      }
      try {
        return run(provider, reader, err);
      } finally {
        // Providers that hold resources (a PKCS#11 session) are closed when the stream ends.
        if (provider instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) { // AutoCloseable.close() declares Exception; the work is done
            err.println("ddbec: closing the materials provider failed: " + e.getMessage());
            err.flush();
          }
        }
      }
    } catch (UncheckedIOException e) {
      return readFailed(err, e.getCause());
    } catch (IOException e) { // closing --in after the stream was processed
      return readFailed(err, e);
    }
  }

  private int readFailed(PrintWriter err, IOException e) {
    err.println(
        "ddbec: reading " + (in == null ? "stdin" : in.toString()) + " failed: " + reason(e));
    err.flush();
    return 1;
  }

  /** The next line; a read failure is unchecked so that it is not taken for a write failure. */
  private static LineReader.Line next(LineReader reader) {
    try {
      return reader.next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int usageError(PrintWriter err, String message) {
    err.println("ddbec: " + message);
    err.flush();
    return 2;
  }

  /** What went wrong with a file, without a stack trace. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private OutputStream openOutput() throws IOException {
    if (out == null) {
      return new BufferedOutputStream(System.out, 1 << 16);
    }
    if (Files.isDirectory(out)) {
      throw new FileSystemException(out.toString(), null, "is a directory");
    }
    if (in != null && Files.exists(out) && Files.isSameFile(in, out)) {
      throw new FileSystemException(
          out.toString(), null, "is the same file as --in (it would be overwritten while read)");
    }
    return new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
  }

  private int run(MaterialsProvider provider, LineReader reader, PrintWriter err)
      throws IOException {
    ItemEncryptor encryptor;
    AttributeActions attributeActions;
    try {
      encryptor =
          ItemEncryptor.builder()
              .materialsProvider(provider)
              .formatNames(
                  FormatNames.of(descriptionAttribute, signatureAttribute, descriptionBase))
              .build();
      attributeActions =
          materials
              .protection()
              .attributeActions()
              .withIndexKeys(keys.partitionKey(), keys.sortKey());
    } catch (DdbecException e) {
      return usageError(err, e.getMessage());
    }
    EncryptionContext context =
        EncryptionContext.builder()
            .tableName(keys.table())
            .partitionKeyName(keys.partitionKey())
            .sortKeyName(keys.sortKey())
            .build();
    CryptoConfig config = CryptoConfig.of(context, attributeActions);
    OutputStream output;
    try {
      output = openOutput();
    } catch (IOException e) {
      return usageError(err, "cannot write --out " + out + ": " + reason(e));
    }
    int failed = 0;
    try (output) {
      LineReader.Line line;
      while ((line = next(reader)) != null) {
        String result;
        try {
          if (line.error() != null) {
            throw line.error();
          }
          if (line.text().isBlank()) {
            continue;
          }
          result = processLine(line.text(), encryptor, config);
        } catch (DdbecException | LineException e) {
          failed++;
          String type = e instanceof LineException le ? le.type : e.getClass().getSimpleName();
          if (errors == ErrorMode.fail) {
            output.flush();
            err.println("ddbec: line " + line.number() + ": " + type + ": " + e.getMessage());
            err.flush();
            return 1;
          }
          result = errorLine(line.number(), type, e.getMessage());
        }
        output.write(result.getBytes(StandardCharsets.UTF_8));
        output.write('\n');
      }
    } catch (IOException e) {
      err.println(
          "ddbec: writing " + (out == null ? "stdout" : out.toString()) + " failed: " + reason(e));
      err.flush();
      return 1;
    }
    return failed == 0 ? 0 : 1;
  }

  private static String errorLine(long lineNo, String type, String message) {
    ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
    ObjectNode e = o.putObject("error");
    e.put("line", lineNo);
    e.put("type", type);
    e.put("message", message);
    try {
      return DynamoDbJson.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) { // a tree of strings and a number always serializes
      throw new IllegalStateException(ex);
    }
  }

  /**
   * Turns one input line into one output line.
   *
   * @throws LineException if the line is not a DynamoDB JSON item
   * @throws DdbecException if the item cannot be encrypted or decrypted
   */
  String processLine(String line, ItemEncryptor encryptor, CryptoConfig config) {
    JsonNode node = JsonLines.parse(line);
    boolean wrapped = isExportWrapper(node);
    Map<String, AttributeValue> item = DynamoDbJson.item(wrapped ? node.get("Item") : node);
    ObjectNode json = DynamoDbJson.toJson(process(encryptor, item, config));
    if (wrapped) {
      ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
      o.set("Item", json);
      json = o;
    }
    return JsonLines.write(json);
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
