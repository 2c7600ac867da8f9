package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.cli.demo.DemoDynamoDb;
import dev.ddbec.cli.demo.DemoItems;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ddbec demo}, run in-process against its own moto server. */
class DemoCommandTest {
  private static final Pattern TEMP_DIR = Pattern.compile("(/\\S*ddbec-demo-\\d+)");

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(DemoCommand.KeepRunning keep, String... args) {
    return CliFixtures.execute(
        CliFixtures.withCommand(DemoCommand.class, () -> new DemoCommand(keep)), out, err, args);
  }

  /** Runs the demo with a keep-running hook that fails if it is called (no --keep). */
  private int runWithoutKeep(String... args) {
    return run(
        (local, decryptArgs) -> {
          throw new AssertionError("not kept running without --keep");
        },
        args);
  }

  @Test
  void demo_default_showsCiphertextPlaintextAndTamperFailure() {
    int code = runWithoutKeep("demo");

    String text = out.toString();
    assertThat(code).as(err.toString()).isZero();
    assertThat(text)
        .contains(
            "[1/5] Starting a local DynamoDB (moto", "[5/5] Reading them back", "Demo finished in")
        .contains(
            "*amzn-ddb-map-desc*", "*amzn-ddb-map-sig*", "Where to go next", "docs/providers.md");
    // Encrypted attributes: ciphertext stored, plaintext read.
    assertThat(row(text, "name", "C-1001"))
        .matches(
            "\\| name +\\| ENCRYPT_AND_SIGN +\\| B [0-9a-f]{8}\\.\\.[0-9a-f]{4} \\(48 bytes\\) +"
                + "\\| S Ada Lovelace +\\|");
    assertThat(row(text, "email", "C-1001")).contains("| B ", "| S ada@example.com");
    assertThat(row(text, "credit_limit", "C-1001")).contains("| B ", "| N 25000");
    // Keys and SIGN_ONLY values stay readable.
    assertThat(row(text, "customer_id", "C-1001")).contains("| S C-1001 ", "| S C-1001 ");
    assertThat(row(text, "tier", "C-1001")).contains("| SIGN_ONLY ", "| S platinum ");
    // Plaintext of encrypted attributes never appears in the stored column.
    for (String line : text.lines().filter(l -> l.contains("| ENCRYPT_AND_SIGN |")).toList()) {
      assertThat(line.split("\\|")[3]).startsWith(" B ");
    }
    // Tamper detection.
    assertThat(text)
        .contains("1. C-1002: tier \"silver\" -> \"platinum\"")
        .contains("read: REJECTED, ItemIntegrityException: Signature verification failed")
        .contains("2. C-1003: email replaced by the encrypted email of C-1001")
        .contains("read: ACCEPTED, last_login = \"1970-01-01T00:00:00Z\"");
    assertThat(count(text, "REJECTED, ItemIntegrityException")).isEqualTo(2);
    // Temporary keys are gone.
    Matcher m = TEMP_DIR.matcher(text);
    assertThat(m.find()).isTrue();
    assertThat(Path.of(m.group(1))).doesNotExist();
  }

  @Test
  void demo_keep_serverAnswersAndPrintedDecryptCommandWorks() throws Exception {
    List<Integer> ports = new ArrayList<>();
    List<String> decrypted = new ArrayList<>();
    int code =
        run(
            (local, decryptArgs) -> {
              ports.add(local.port());
              String printed = out.toString();
              assertThat(printed)
                  .contains("keeps running on " + local.endpoint())
                  .contains(
                      "aws dynamodb scan --table-name Customers --endpoint-url " + local.endpoint())
                  .contains("./ddbec " + String.join(" ", decryptArgs));
              // The stored items, as the printed `ddbec decrypt ... --in stored.jsonl` reads them.
              Matcher m = Pattern.compile(" --in (\\S+stored\\.jsonl)").matcher(printed);
              assertThat(m.find()).isTrue();
              decrypted.add(decrypt(decryptArgs, "--in", m.group(1)));
              // One item as `aws dynamodb get-item --output json | tr -d '\n'` prints it.
              DynamoDbClient plain = local.client();
              Map<String, AttributeValue> item =
                  plain
                      .getItem(
                          g ->
                              g.tableName(DemoItems.TABLE)
                                  .key(
                                      Map.of(
                                          DemoItems.PARTITION_KEY, AttributeValue.fromS("C-1001"))))
                      .item();
              ObjectNode response = DynamoDbJson.MAPPER.createObjectNode();
              response.set("Item", DynamoDbJson.toJson(item));
              Path getItem = dir.resolve("get-item.json");
              Files.writeString(
                  getItem,
                  DynamoDbJson.MAPPER
                      .writerWithDefaultPrettyPrinter()
                      .writeValueAsString(response)
                      .replace("\n", "")
                      .replace("\r", ""));
              decrypted.add(decrypt(decryptArgs, "--in", getItem.toString()));
            },
            "demo",
            "--keep");

    assertThat(code).as(err.toString()).isZero();
    assertThat(decrypted.get(0).lines()).hasSize(4);
    assertThat(decrypted.get(0)).contains("Ada Lovelace", "Katherine Johnson");
    assertThat(decrypted.get(1)).startsWith("{\"Item\":").contains("\"S\":\"Ada Lovelace\"");
    // Stopped and cleaned up once the wait returns.
    assertThat(portOpen(ports.get(0))).isFalse();
    Matcher m = TEMP_DIR.matcher(out.toString());
    assertThat(m.find()).isTrue();
    assertThat(Path.of(m.group(1))).doesNotExist();
  }

  @Test
  void demo_materialsFile_usesTheGivenProvider() throws Exception {
    Path aes = dir.resolve("data.aes");
    Path hmac = dir.resolve("sign.hmac");
    Files.write(aes, new byte[32]);
    Files.write(hmac, new byte[32]);
    Path materials = dir.resolve("materials.properties");
    Files.writeString(
        materials,
        "provider=static\nencryption-key=file:" + aes + "\nsigning-key=file:" + hmac + "\n");

    int code = runWithoutKeep("demo", "--materials", materials.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("[3/5] Loading keys from " + materials)
        .doesNotContain("PKCS12")
        .contains("| S Ada Lovelace");
    assertThat(materials).exists();
  }

  @Test
  void demo_unreadableMaterials_exitCode2() {
    int code =
        run(
            (local, args) -> {},
            "demo",
            "--materials",
            dir.resolve("missing.properties").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --materials");
  }

  @Test
  void demo_portInUse_exitCode1WithMessage() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code = run((local, args) -> {}, "demo", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(code).isEqualTo(1);
      assertThat(err.toString())
          .contains("ddbec demo: moto server did not start on port " + taken.getLocalPort());
    }
  }

  private String decrypt(List<String> decryptArgs, String... more) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setOut(new PrintWriter(o));
    cmd.setErr(new PrintWriter(e));
    List<String> args = new ArrayList<>(decryptArgs);
    args.addAll(List.of(more));
    Path outFile = dir.resolve("decrypted-" + System.nanoTime() + ".jsonl");
    args.add("--out");
    args.add(outFile.toString());
    int code = cmd.execute(args.toArray(String[]::new));
    assertThat(code).as(e.toString()).isZero();
    try {
      return Files.readString(outFile);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  /** The table row of an attribute in the block of one item. */
  private static String row(String text, String attribute, String itemId) {
    List<String> lines = text.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("| customer_id ") && lines.get(i).contains("| S " + itemId + " ")) {
        start = i;
        break;
      }
    }
    assertThat(start).as("row of item " + itemId).isNotNegative();
    for (int i = start; i < lines.size() && lines.get(i).startsWith("  |"); i++) {
      if (lines.get(i).startsWith("  | " + attribute + " ")) {
        return lines.get(i).trim();
      }
    }
    throw new AssertionError("no row " + attribute + " for " + itemId + " in\n" + text);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static boolean portOpen(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void demoDynamoDb_startLocal_ownEmptyServerOnLoopbackStoppedByClose() {
    int port;
    try (DemoDynamoDb local = DemoDynamoDb.startLocal(0)) {
      port = local.port();
      assertThat(local.isLocal()).isTrue();
      assertThat(local.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(local.client().listTables().tableNames()).isEmpty();
    }
    assertThat(portOpen(port)).isFalse();
  }

  @Test
  void demo_endpoint_runsAgainstThatServerAndDeletesItsTable() {
    try (DemoDynamoDb other = DemoDynamoDb.startLocal(0)) {
      int code = runWithoutKeep("demo", "--endpoint", other.endpoint().toString());

      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .contains("[1/5] Using DynamoDB at " + other.endpoint() + " (us-west-2)")
          .contains("read: REJECTED, ItemIntegrityException");
      // The demo made the table on that server and deleted it at the end; the server runs on.
      assertThat(other.client().listTables().tableNames()).doesNotContain(DemoItems.TABLE);
    }
  }
}
