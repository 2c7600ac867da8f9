package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user feeds the CLI by mistake: every case ends in one line on stderr (or one {@code
 * {"error":...}} line with {@code --errors inline}, the other lines still processed), the
 * documented exit code, and no stack trace.
 */
class CliRobustnessTest {
  @TempDir Path dir;
  Path materials;
  final StringWriter err = new StringWriter();
  final StringWriter out = new StringWriter();

  @BeforeEach
  void keys() throws Exception {
    materials = CliFixtures.wrappedMaterials(dir, "m");
  }

  /** Runs {@code test} with no AWS credentials in the system properties, then restores them. */
  private static void withoutAwsCredentials(Runnable test) {
    String id = System.clearProperty("aws.accessKeyId");
    String secret = System.clearProperty("aws.secretAccessKey");
    try {
      test.run();
    } finally {
      System.setProperty("aws.accessKeyId", id);
      System.setProperty("aws.secretAccessKey", secret);
    }
  }

  /** JSON text with bytes that no Java string holds between {@code prefix} and {@code suffix}. */
  private static byte[] json(String prefix, byte[] raw, String suffix) {
    return CliFixtures.concat(List.of(utf8(prefix), raw, utf8(suffix)));
  }

  private int ddbec(String... args) {
    return CliFixtures.execute(DdbecCli.commandLine(), out, err, args);
  }

  private int stream(String command, Path in, Path outFile, String... extra) {
    return ddbec(CliFixtures.itemStreamArgs(command, materials, in, outFile, extra));
  }

  private static final String GOOD_1 = "{\"isbn\":{\"S\":\"1\"},\"t\":{\"S\":\"one\"}}";
  private static final String GOOD_2 = "{\"isbn\":{\"S\":\"2\"},\"t\":{\"S\":\"two\"}}";

  /** in.jsonl with one good item. */
  private Path goodInput() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, GOOD_1 + "\n");
    return in;
  }

  /** Runs encrypt --errors inline on GOOD_1, the bad bytes, GOOD_2; returns the error object. */
  private JsonNode encryptInline(byte[] bad) throws Exception {
    List<String> lines =
        encryptInlineLines(
            CliFixtures.concat(List.of(utf8(GOOD_1 + "\n"), bad, utf8("\n" + GOOD_2 + "\n"))));
    assertThat(lines).hasSize(3);
    assertThat(DynamoDbJson.MAPPER.readTree(lines.get(0)).has("*amzn-ddb-map-sig*")).isTrue();
    assertThat(DynamoDbJson.MAPPER.readTree(lines.get(2)).has("*amzn-ddb-map-sig*")).isTrue();
    assertThat(err.toString()).isEmpty();
    JsonNode e = DynamoDbJson.MAPPER.readTree(lines.get(1)).get("error");
    assertThat(e).as(lines.get(1)).isNotNull();
    assertThat(e.get("line").asInt()).isEqualTo(2);
    return e;
  }

  /** Runs encrypt --errors fail on the bad bytes; returns stderr. */
  private String encryptFail(byte[] bad) throws Exception {
    Path in = dir.resolve("fail.jsonl");
    Files.write(in, bad);
    assertThat(stream("encrypt", in, dir.resolve("fail.out"))).isEqualTo(1);
    String e = err.toString();
    assertThat(e.lines()).hasSize(1);
    assertThat(e).startsWith("ddbec: line 1: ").doesNotContain("Exception:\n", "\tat ");
    err.getBuffer().setLength(0);
    return e;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encrypt_deeplyNestedJson_oneLineErrorAndGoesOn() throws Exception {
    byte[] bad = utf8("[".repeat(5000));
    assertThat(encryptFail(bad)).contains("InvalidJson", "nested deeper than");
    JsonNode e = encryptInline(bad);
    assertThat(e.get("type").asText()).isEqualTo("InvalidJson");
  }

  @Test
  void encrypt_twentyMebibyteString_oneLineErrorAndGoesOn() throws Exception {
    byte[] bad = utf8("{\"isbn\":{\"S\":\"3\"},\"t\":{\"S\":\"" + "x".repeat(20 << 20) + "\"}}");
    assertThat(encryptFail(bad)).contains("LineTooLong");
    assertThat(encryptInline(bad).get("type").asText()).isEqualTo("LineTooLong");
  }

  @Test
  void encrypt_twoThousandDigitNumber_oneLineErrorAndGoesOn() throws Exception {
    byte[] token = utf8("{\"isbn\":{\"S\":\"3\"},\"n\":" + "1".repeat(2000) + "}");
    assertThat(encryptFail(token)).contains("InvalidJson", "number longer than");
    assertThat(encryptInline(token).get("type").asText()).isEqualTo("InvalidJson");
    byte[] string = utf8("{\"isbn\":{\"S\":\"3\"},\"n\":{\"N\":\"" + "1".repeat(2000) + "\"}}");
    JsonNode e = encryptInline(string);
    assertThat(e.get("type").asText()).isEqualTo("InvalidItemException");
    assertThat(e.get("message").asText()).contains("'n'");
  }

  @Test
  void encrypt_invalidUtf8_isRefusedNotReplaced() throws Exception {
    byte[] bad = json("{\"isbn\":{\"S\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}}");
    assertThat(encryptFail(bad)).contains("InvalidUtf8");
    JsonNode e = encryptInline(bad);
    assertThat(e.get("type").asText()).isEqualTo("InvalidUtf8");
    assertThat(Files.readString(dir.resolve("out.jsonl"))).doesNotContain("\uFFFD");
  }

  @Test
  void encrypt_overlongUtf8Encoding_isRefused() throws Exception {
    // 0xC0 0xAF is an overlong '/', which lenient decoders turn into a character.
    byte[] bad = json("{\"i\":{\"S\":\"", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\"}}");
    assertThat(encryptInline(bad).get("type").asText()).isEqualTo("InvalidUtf8");
  }

  /** {@code ddbec encrypt --errors inline} over {@code input}: exit status 1, the output lines. */
  private List<String> encryptInlineLines(byte[] input) throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.write(in, input);
    Path o = dir.resolve("out.jsonl");
    assertThat(stream("encrypt", in, o, "--errors", "inline")).isEqualTo(1);
    return Files.readAllLines(o, StandardCharsets.UTF_8);
  }

  /** The input line number of an inline error line. */
  private static int errorLine(String outputLine) throws Exception {
    return DynamoDbJson.MAPPER.readTree(outputLine).get("error").get("line").asInt();
  }

  @Test
  void encrypt_prettyPrintedItem_everyLineAnErrorAndLineNumbersMatch() throws Exception {
    List<String> lines =
        encryptInlineLines(utf8(GOOD_1 + "\n{\n  \"isbn\": {\"S\": \"2\"}\n}\n" + GOOD_2 + "\n"));
    assertThat(lines).hasSize(5);
    JsonNode first = DynamoDbJson.MAPPER.readTree(lines.get(1)).get("error");
    assertThat(first.get("line").asInt()).isEqualTo(2);
    assertThat(first.get("message").asText()).contains("one item per line", "jq -c");
    assertThat(errorLine(lines.get(2))).isEqualTo(3);
    assertThat(errorLine(lines.get(3))).isEqualTo(4);
    assertThat(DynamoDbJson.MAPPER.readTree(lines.get(4)).get("isbn").get("S").asText())
        .isEqualTo("2");
    assertThat(encryptFail(utf8("{\n  \"isbn\": {\"S\": \"2\"}\n}\n")))
        .contains("does not end on this line");
  }

  @Test
  void encrypt_blankLinesAndCarriageReturns_lineNumbersMatchTheInput() throws Exception {
    // A lone CR is not a line break for wc -l or editors; CRLF is one line break.
    List<String> lines =
        encryptInlineLines(
            utf8(GOOD_1 + "\r\n\n   \n{\"isbn\":\r{\"S\":1}}\n" + GOOD_2 + "\nbad\n"));
    assertThat(lines).hasSize(4);
    assertThat(errorLine(lines.get(1))).isEqualTo(4);
    assertThat(errorLine(lines.get(3))).isEqualTo(6);
  }

  @Test
  void encrypt_duplicateKeys_refusedWithoutNamingThem() throws Exception {
    byte[] top = utf8("{\"isbn\":{\"S\":\"1\"},\"isbn\":{\"S\":\"2\"}}");
    assertThat(encryptFail(top)).contains("duplicate key");
    byte[] nested =
        utf8(
            "{\"isbn\":{\"S\":\"1\"},\"m\":{\"M\":{\"secret\":{\"S\":\"a\"},\"secret\":{\"S\":\"b\"}}}}");
    JsonNode e = encryptInline(nested);
    assertThat(e.get("message").asText()).contains("duplicate key").doesNotContain("secret");
  }

  @Test
  void encrypt_itemWithoutPartitionKey_refused() throws Exception {
    byte[] bad = utf8("{\"title\":{\"S\":\"no key\"}}");
    assertThat(encryptFail(bad)).contains("InvalidItemException", "partition key", "'isbn'");
    assertThat(encryptInline(bad).get("type").asText()).isEqualTo("InvalidItemException");
    JsonNode listKey = encryptInline(utf8("{\"isbn\":{\"L\":[]}}"));
    assertThat(listKey.get("message").asText()).contains("must be a string (S), number (N)");
  }

  @Test
  void encrypt_unpairedSurrogate_namesTheAttribute() throws Exception {
    byte[] bad = utf8("{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"a\\ud800b\"}}");
    JsonNode e = encryptInline(bad);
    assertThat(e.get("message").asText()).contains("'title'", "unpaired");
    // A SIGN_ONLY (key) attribute goes through the signer, not the cipher.
    JsonNode k = encryptInline(utf8("{\"isbn\":{\"S\":\"\\udc00\"}}"));
    assertThat(k.get("message").asText()).contains("'isbn'", "unpaired");
  }

  @Test
  void encrypt_unpairedSurrogateInDoNothingAttribute_refusedRatherThanWrittenAsQuestionMark()
      throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"},\"note\":{\"S\":\"\\ud800\"}}\n");
    Path o = dir.resolve("out.jsonl");
    assertThat(stream("encrypt", in, o, "--action", "note=DO_NOTHING")).isEqualTo(1);
    assertThat(err.toString()).contains("unpaired UTF-16 surrogate");
    assertThat(Files.readString(o)).isEmpty();
  }

  @Test
  void decrypt_tamperedDescription_namesTheTable() throws Exception {
    Path in = goodInput();
    Path enc = dir.resolve("enc.jsonl");
    assertThat(stream("encrypt", in, enc)).isZero();
    JsonNode item = DynamoDbJson.MAPPER.readTree(Files.readString(enc));
    byte[] desc = Base64.getDecoder().decode(item.get("*amzn-ddb-map-desc*").get("B").asText());
    byte[] cut = java.util.Arrays.copyOf(desc, desc.length - 3);
    ((com.fasterxml.jackson.databind.node.ObjectNode) item.get("*amzn-ddb-map-desc*"))
        .put("B", Base64.getEncoder().encodeToString(cut));
    Files.writeString(enc, DynamoDbJson.MAPPER.writeValueAsString(item) + "\n");
    assertThat(stream("decrypt", enc, dir.resolve("dec.jsonl"))).isEqualTo(1);
    assertThat(err.toString())
        .contains("line 1: ItemIntegrityException: Item in table Books: Malformed material");
  }

  @Test
  void encrypt_missingInFile_exits2WithOneLine() {
    Path missing = dir.resolve("missing.jsonl");
    assertThat(stream("encrypt", missing, dir.resolve("o.jsonl"))).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("ddbec: cannot read --in " + missing + ": no such file\n");
    assertThat(dir.resolve("o.jsonl")).doesNotExist();
  }

  @Test
  void encrypt_inIsADirectory_exits2WithOneLine() {
    assertThat(stream("encrypt", dir, dir.resolve("o.jsonl"))).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("ddbec: cannot read --in " + dir + ": is a directory\n");
  }

  @Test
  void encrypt_outIsADirectory_exits2WithOneLine() throws Exception {
    Path in = goodInput();
    assertThat(stream("encrypt", in, dir)).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("ddbec: cannot write --out " + dir + ": is a directory\n");
  }

  @Test
  void encrypt_outIsTheInputFile_exits2AndLeavesItAlone() throws Exception {
    Path in = goodInput();
    assertThat(stream("encrypt", in, in)).isEqualTo(2);
    assertThat(err.toString()).contains("same file as --in");
    assertThat(Files.readString(in)).isEqualTo(GOOD_1 + "\n");
  }

  @Test
  void encrypt_badEnumValue_oneLineNamingTheValidValues() {
    assertThat(
            ddbec(CliFixtures.streamArgs("encrypt", "T", "pk", materials, "--errors", "sometimes")))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "ddbec: Invalid value for option '--errors': expected one of [fail, inline]"
                + " (case-sensitive) but was 'sometimes' (see 'ddbec encrypt --help')");
    err.getBuffer().setLength(0);
    assertThat(
            ddbec(
                CliFixtures.streamArgs(
                    "decrypt", "T", "pk", materials, "--action", "genre=SIGNED")))
        .isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("[ENCRYPT_AND_SIGN, SIGN_ONLY, DO_NOTHING]");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void metastoreVersions_endpointWithoutCredentials_oneLineExit2() {
    withoutAwsCredentials(
        () -> {
          int code =
              ddbec(
                  "metastore",
                  "versions",
                  "--table",
                  "keys",
                  "--material-name",
                  "m",
                  "--endpoint",
                  "http://127.0.0.1:9",
                  "--region",
                  "us-west-2");
          assertThat(code).isEqualTo(2);
          assertThat(err.toString().lines()).hasSize(1);
          assertThat(err.toString())
              .startsWith("ddbec: no AWS credentials found for --endpoint http://127.0.0.1:9")
              .contains("AWS_ACCESS_KEY_ID")
              .hasSizeLessThan(300);
        });
  }

  @Test
  void vectorsRun_dynamoDbEndpointWithoutCredentials_oneLineExit2() throws Exception {
    withoutAwsCredentials(
        () -> {
          int code =
              ddbec("vectors", "run", dir.toString(), "--dynamodb-endpoint", "http://127.0.0.1:9");
          assertThat(code).isEqualTo(2);
          assertThat(err.toString().lines()).hasSize(1);
          assertThat(err.toString()).contains("no AWS credentials found for --dynamodb-endpoint");
        });
  }

  @Test
  void encrypt_missingMaterialsFile_namesThePathOnce() throws Exception {
    Path in = goodInput();
    Path missing = dir.resolve("nope.properties");
    assertThat(
            ddbec(CliFixtures.streamArgs("encrypt", "T", "isbn", missing, "--in", in.toString())))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("ddbec: Materials configuration " + missing + " does not exist\n");
  }

  @Test
  void encrypt_keyStoreGivenAsMaterials_saysWhatMaterialsTakes() throws Exception {
    Path pass = dir.resolve("ks.pass");
    Files.writeString(pass, "changeit-changeit\n");
    Path p12 = dir.resolve("ks.p12");
    assertThat(ddbec("keystore", "create", p12.toString(), "--password-file", pass.toString()))
        .isZero();
    err.getBuffer().setLength(0);
    Path in = goodInput();
    assertThat(ddbec(CliFixtures.streamArgs("encrypt", "T", "isbn", p12, "--in", in.toString())))
        .isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("is not a UTF-8 properties file", "provider=keystore")
        .doesNotContain("Input length");
  }
}
