package dev.ddbec.cli.demo;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What {@code ddbec demo} prints: numbered steps with their timings, word-wrapped notes, the table
 * of stored next to read values, where to go next and the {@code --keep} instructions. The demo's
 * flow decides what happens; this class only says it.
 */
public final class DemoOutput {
  /** The number of steps before the side-by-side view. */
  public static final int STEPS = 5;

  private static final int STEP_WIDTH = 66;
  private static final int WRAP = 98;

  private final PrintWriter out;

  /**
   * Prints to {@code out}.
   *
   * @param out the command's standard output
   */
  public DemoOutput(PrintWriter out) {
    this.out = out;
  }

  /**
   * Starts step {@code n}: its label, dotted to a fixed width, without a line end.
   *
   * @param n the step's number (1 to {@value #STEPS})
   * @param text what the step does
   * @return when the step started ({@link System#nanoTime()}), for {@link #done}
   */
  public long step(int n, String text) {
    String label = "[" + n + "/" + STEPS + "] " + text + " ";
    out.print(label + ".".repeat(Math.max(3, STEP_WIDTH - label.length())) + " ");
    out.flush();
    return System.nanoTime();
  }

  /**
   * Ends a step's line with its duration.
   *
   * @param since what {@link #step} returned
   * @param detail what to add after the duration, or null
   */
  public void done(long since, String detail) {
    out.printf(
        Locale.ROOT,
        "done in %.1f s%s%n",
        (System.nanoTime() - since) / 1e9,
        detail == null ? "" : ", " + detail);
    out.flush();
  }

  /**
   * Prints text word-wrapped at {@value #WRAP} columns, every line with this indentation (and
   * continuation lines two more spaces).
   *
   * @param indent the indentation
   * @param text the text
   */
  public void wrap(String indent, String text) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WRAP) {
        out.println(line);
        line = new StringBuilder(indent + "  ");
      }
      if (line.length() > indent.length() && !line.toString().endsWith("  ")) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line);
  }

  /**
   * The table of what DynamoDB stores next to what the application reads, attribute by attribute,
   * for the first {@code read.size()} items, and what it shows.
   *
   * @param customers the items as written
   * @param stored the same items as stored
   * @param read the first of them as read through the encrypted client
   * @param actions the actions they were written with
   */
  public void sideBySide(
      List<Map<String, AttributeValue>> customers,
      List<Map<String, AttributeValue>> stored,
      List<Map<String, AttributeValue>> read,
      AttributeActions actions) {
    out.println(
        "What DynamoDB stores, next to what the application reads (first "
            + read.size()
            + " of "
            + customers.size()
            + " items):");
    TextTable table =
        new TextTable(
            List.of("attribute", "action", "stored in DynamoDB", "read by the application"),
            19,
            16,
            28,
            26);
    for (int i = 0; i < read.size(); i++) {
      if (i > 0) {
        table.separator();
      }
      Map<String, AttributeValue> s = stored.get(i);
      Map<String, AttributeValue> p = read.get(i);
      List<String> names = new ArrayList<>(customers.get(i).keySet());
      s.keySet().stream()
          .filter(n -> !names.contains(n) && !ReservedAttributes.ALL.contains(n))
          .sorted()
          .forEach(names::add);
      names.add(ReservedAttributes.MATERIAL_DESCRIPTION);
      names.add(ReservedAttributes.SIGNATURE);
      for (String name : names) {
        String action;
        if (ReservedAttributes.ALL.contains(name)) {
          action = "added by ddbec";
        } else if (name.equals(DemoItems.PARTITION_KEY)) {
          action = "SIGN_ONLY (key)";
        } else {
          action = actions.actionFor(name).name();
        }
        table.row(
            name,
            action,
            s.containsKey(name) ? DemoItems.describe(s.get(name)) : "(absent)",
            p.containsKey(name) ? DemoItems.describe(p.get(name)) : "(removed on read)");
      }
    }
    table.render("  ").forEach(out::println);
    wrap(
        "  ",
        "ENCRYPT_AND_SIGN values are stored as AES-CBC ciphertext (B); SIGN_ONLY and key values"
            + " stay readable. The signature in "
            + ReservedAttributes.SIGNATURE
            + " (HMAC-SHA256) covers the table name and every encrypted and signed attribute; "
            + ReservedAttributes.MATERIAL_DESCRIPTION
            + " records how the item was protected. DO_NOTHING values are neither encrypted nor"
            + " signed. Attribute names are never encrypted.");
  }

  /** Where to read on. */
  public void nextSteps() {
    out.println("Where to go next:");
    String[][] rows = {
      {"docs/getting-started.md", "add ddbec to your build and protect your first table"},
      {"docs/concepts.md", "actions, signatures, the material description; what is protected"},
      {"docs/providers.md", "where your keys live: AWS KMS, a key store file, an HSM, ..."},
      {"ddbec-examples/", "a compiled, tested example for every way to use ddbec"},
      {"./ddbec demo --keep", "keep the server running and look at the table yourself"},
    };
    for (String[] row : rows) {
      out.printf(Locale.ROOT, "  %-25s %s%n", row[0], row[1]);
    }
  }

  /**
   * How to look at the table while {@code --keep} holds it: the AWS CLI for what is stored, {@code
   * ddbec decrypt} for what the application reads.
   *
   * @param local the demo's DynamoDB
   * @param decryptArgs the arguments of {@code ddbec decrypt} for the demo's table
   * @param dir the demo's temporary directory (with {@code stored.jsonl})
   */
  public void keepInstructions(DemoDynamoDb local, List<String> decryptArgs, Path dir) {
    String endpoint = local.endpoint().toString();
    String aws =
        local.isLocal()
            ? "AWS_ACCESS_KEY_ID="
                + DemoDynamoDb.ACCESS_KEY_ID
                + " AWS_SECRET_ACCESS_KEY="
                + DemoDynamoDb.ACCESS_KEY_ID
                + " aws dynamodb"
            : "aws dynamodb";
    String awsOptions =
        " --table-name "
            + DemoItems.TABLE
            + " --endpoint-url "
            + endpoint
            + " --region "
            + local.region().id();
    String ddbecDecrypt =
        "./ddbec " + String.join(" ", decryptArgs.stream().map(DemoOutput::shell).toList());
    if (local.isLocal()) {
      out.println("The moto server keeps running on " + endpoint + ", in memory. Ctrl-C stops it.");
      out.println("What DynamoDB stores (the AWS CLI; any credentials work):");
    } else {
      out.println(
          "Table "
              + DemoItems.TABLE
              + " stays on "
              + endpoint
              + " until Ctrl-C, which deletes it.");
      out.println("What DynamoDB stores (the AWS CLI):");
    }
    out.println("  " + aws + " scan" + awsOptions);
    out.println(
        "What the application reads: the stored items (saved before the tampering) through");
    out.println("ddbec decrypt:");
    out.println("  " + ddbecDecrypt + " --in " + shell(dir.resolve("stored.jsonl").toString()));
    out.println("or one item straight from the table:");
    out.println(
        "  "
            + aws
            + " get-item"
            + awsOptions
            + " --key '{\""
            + DemoItems.PARTITION_KEY
            + "\":{\"S\":\"C-1001\"}}' --output json | tr -d '\\n' | "
            + ddbecDecrypt);
    out.println(
        "Temporary files (key store, password, materials, stored.jsonl): "
            + dir
            + "; deleted on Ctrl-C.");
    out.flush();
  }

  /**
   * Writes items as DynamoDB JSON, one per line (what {@code ddbec decrypt --in} reads).
   *
   * @param file the file
   * @param items the items
   * @throws IOException if the file cannot be written
   */
  public static void writeJsonLines(Path file, List<Map<String, AttributeValue>> items)
      throws IOException {
    StringBuilder b = new StringBuilder();
    for (Map<String, AttributeValue> item : items) {
      b.append(DynamoDbJson.MAPPER.writeValueAsString(DynamoDbJson.toJson(item))).append('\n');
    }
    Files.writeString(file, b, StandardCharsets.UTF_8);
  }

  /**
   * Quotes an argument for a POSIX shell when it needs it.
   *
   * @param arg the argument
   * @return the argument, or it in single quotes
   */
  public static String shell(String arg) {
    if (arg.matches("[A-Za-z0-9_./=:@%+,-]+")) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
