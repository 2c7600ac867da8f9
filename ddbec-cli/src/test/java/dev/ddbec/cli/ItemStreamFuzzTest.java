package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;

/**
 * Property tests ("fuzz target") over the CLI's line reader and line processing: for arbitrary
 * input bytes built from DynamoDB JSON fragments, generated items with often invalid values, broken
 * UTF-8, control characters and line breaks, nothing escapes but the typed line errors ({@code
 * LineException}, {@code DdbecException}); every output line is valid UTF-8 JSON; an item that
 * encrypts decrypts back to itself; and the command as a whole exits 0 or 1 with one output line
 * per non-blank input line under {@code --errors inline}.
 */
class ItemStreamFuzzTest {
  private static final String[] FRAGMENTS = {
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\"",
    "\\",
    "\"isbn\"",
    "\"title\"",
    "\"Item\"",
    "{\"S\":\"1\"}",
    "{\"S\":\"\"}",
    "{\"N\":\"1.50\"}",
    "{\"N\":\"1e999\"}",
    "{\"N\":\"-0\"}",
    "{\"N\":\"NaN\"}",
    "{\"B\":\"AAE=\"}",
    "{\"B\":\"***\"}",
    "{\"BOOL\":true}",
    "{\"NULL\":false}",
    "{\"SS\":[\"a\",\"a\"]}",
    "{\"NS\":[]}",
    "{\"BS\":[\"AA==\"]}",
    "{\"L\":[",
    "{\"M\":{",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u0000\"",
    "\"*amzn-ddb-map-sig*\"",
    "\"*amzn-ddb-map-desc*\"",
    "123",
    "1e400",
    "-",
    "null",
    "true",
    "\u00e9",
    "\ud83d\ude00",
    "\uFEFF",
    "{\"isbn\":{\"S\":\"1\"}}",
    "{\"isbn\":{\"S\":\"1\"},\"isbn\":{\"S\":\"1\"}}",
  };

  private static final byte[][] RAW = {
    {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {0}
  };

  private static Path dir;
  private static Path materials;
  private static MaterialsProvider provider;

  /** The commands with their options parsed once (processLine only reads them). */
  private static final ItemStreamCommand ENCRYPT = command(new EncryptCommand());

  private static final ItemStreamCommand DECRYPT = command(new DecryptCommand());

  @BeforeContainer
  static void keys() throws IOException {
    dir = Files.createTempDirectory("ddbec-fuzz");
    materials = CliFixtures.wrappedMaterials(dir, "m");
    provider = MaterialsProviders.load(materials);
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static final String[] STRINGS = {
    "", "a", "\\u0000", "\\ud800", "\\udfff\\ud800", "\\ud83d\\ude00", "\u00e9", "\\\"", "\\n"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "1.50",
    "1e125",
    "9.9999999999999999999999999999999999999E+125",
    "1E-130",
    "1e126",
    "1e-131",
    "123456789012345678901234567890123456789",
    "NaN",
    "",
    " 1",
    "0x10",
    "+1",
    "1..2"
  };
  private static final String[] BINARIES = {"", "AA==", "AAE=", "////", "A", "***", "AA"};

  /** A DynamoDB JSON value of any type, with contents that are often invalid. */
  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> s = Arbitraries.of(STRINGS).map(v -> "\"" + v + "\"");
    Arbitrary<String> n = Arbitraries.of(NUMBERS).map(v -> "\"" + v + "\"");
    Arbitrary<String> b = Arbitraries.of(BINARIES).map(v -> "\"" + v + "\"");
    List<Arbitrary<String>> choices =
        new ArrayList<>(
            List.of(
                s.map(v -> "{\"S\":" + v + "}"),
                n.map(v -> "{\"N\":" + v + "}"),
                b.map(v -> "{\"B\":" + v + "}"),
                Arbitraries.of("{\"BOOL\":true}", "{\"BOOL\":1}", "{\"NULL\":true}", "{}"),
                s.list().ofMaxSize(3).map(l -> "{\"SS\":[" + String.join(",", l) + "]}"),
                n.list().ofMaxSize(3).map(l -> "{\"NS\":[" + String.join(",", l) + "]}"),
                b.list().ofMaxSize(3).map(l -> "{\"BS\":[" + String.join(",", l) + "]}")));
    if (depth > 0) {
      Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
      choices.add(inner.list().ofMaxSize(3).map(l -> "{\"L\":[" + String.join(",", l) + "]}"));
      choices.add(
          Arbitraries.maps(Arbitraries.of(STRINGS), inner)
              .ofMaxSize(3)
              .map(m -> "{\"M\":" + object(m) + "}"));
    }
    return Arbitraries.oneOf(choices);
  }

  private static String object(Map<String, String> m) {
    List<String> fields = new ArrayList<>();
    m.forEach((k, v) -> fields.add("\"" + k + "\":" + v));
    return "{" + String.join(",", fields) + "}";
  }

  /** An item line: usually with its partition key, attributes of any type. */
  @Provide
  Arbitrary<String> items() {
    Arbitrary<Map<String, String>> attributes =
        Arbitraries.maps(
                Arbitraries.of("title", "genre", "Item", "*amzn-ddb-map-sig*", "\\ud800", "x"),
                value(3))
            .ofMaxSize(4);
    Arbitrary<String> key = Arbitraries.of(STRINGS).map(v -> "{\"S\":\"" + v + "\"}");
    return Arbitraries.oneOf(
        attributes.map(ItemStreamFuzzTest::object),
        net.jqwik.api.Combinators.combine(key, attributes)
            .as(
                (k, a) -> {
                  Map<String, String> m = new java.util.LinkedHashMap<>();
                  m.put("isbn", k);
                  m.putAll(a);
                  return object(m);
                }));
  }

  @Provide
  Arbitrary<byte[]> inputs() {
    Arbitrary<byte[]> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(FRAGMENTS).map(f -> f.getBytes(StandardCharsets.UTF_8)),
            Arbitraries.of(RAW),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(4),
            items().map(i -> (i + "\n").getBytes(StandardCharsets.UTF_8)));
    return fragment.list().ofMaxSize(40).map(CliFixtures::concat);
  }

  @Property(tries = 400)
  void processLine_anyInput_onlyTypedErrorsAndValidOutput(@ForAll("inputs") byte[] input)
      throws IOException {
    for (ItemStreamCommand command : List.of(ENCRYPT, DECRYPT)) {
      ItemEncryptor encryptor = ItemEncryptor.create(provider);
      CryptoConfig config = config(command);
      LineReader reader = new LineReader(new ByteArrayInputStream(input), 256);
      LineReader.Line line;
      long expected = 0;
      while ((line = reader.next()) != null) {
        assertThat(line.number()).isEqualTo(++expected);
        if (line.error() != null) {
          continue;
        }
        if (line.text().isBlank()) {
          continue;
        }
        try {
          String out = command.processLine(line.text(), encryptor, config);
          assertThat(out).doesNotContain("\n");
          strictUtf8(out);
          assertThat(DynamoDbJson.MAPPER.readTree(out).isObject()).isTrue();
        } catch (ItemStreamCommand.LineException | DdbecException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
      assertThat(expected).isEqualTo(lineCount(input));
    }
  }

  @Property(tries = 1000)
  void encryptThenDecrypt_anyItemLine_roundTripsOrFailsTyped(@ForAll("items") String line)
      throws IOException {
    ItemStreamCommand encrypt = ENCRYPT;
    ItemStreamCommand decrypt = DECRYPT;
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    String stored;
    try {
      stored = encrypt.processLine(line, encryptor, config(encrypt));
    } catch (ItemStreamCommand.LineException | DdbecException e) {
      assertThat(e.getMessage()).isNotBlank();
      net.jqwik.api.statistics.Statistics.collect("refused");
      return;
    }
    net.jqwik.api.statistics.Statistics.collect("encrypted and decrypted");
    strictUtf8(stored);
    String plain = decrypt.processLine(stored, encryptor, config(decrypt));
    assertThat(
            dev.ddbec.core.format.AttributeEquality.itemsEqual(
                DynamoDbJson.item(DynamoDbJson.MAPPER.readTree(plain)),
                DynamoDbJson.item(DynamoDbJson.MAPPER.readTree(line))))
        .as("%s -> %s", line, plain)
        .isTrue();
  }

  @Property(tries = 100)
  void encryptCommand_anyInputInline_exitsZeroOrOneWithOneLinePerInputLine(
      @ForAll("inputs") byte[] input) throws IOException {
    Path in = Files.write(dir.resolve("in.jsonl"), input);
    Path out = dir.resolve("out.jsonl");
    StringWriter err = new StringWriter();
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setErr(new PrintWriter(err));
    int code =
        cmd.execute(
            CliFixtures.streamArgs(
                "encrypt",
                "T",
                "isbn",
                materials,
                "--in",
                in.toString(),
                "--out",
                out.toString(),
                "--errors",
                "inline"));
    assertThat(code).isIn(0, 1);
    assertThat(err.toString()).isEmpty();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(nonBlankLines(input));
    long previous = 0;
    for (String l : lines) {
      JsonNode e = DynamoDbJson.MAPPER.readTree(l).get("error");
      if (e != null) {
        assertThat(e.get("line").asLong()).isGreaterThan(previous);
        previous = e.get("line").asLong();
        assertThat(e.get("type").asText()).isNotBlank();
      }
    }
    assertThat(code == 0).isEqualTo(lines.stream().noneMatch(l -> l.startsWith("{\"error\":")));
  }

  @Property(tries = 200)
  void lineReader_splitsAtNewlinesOnly(@ForAll("inputs") byte[] input) throws IOException {
    LineReader reader = new LineReader(new ByteArrayInputStream(input), 1 << 20);
    List<byte[]> expected = splitLines(input);
    LineReader.Line line;
    int i = 0;
    while ((line = reader.next()) != null) {
      byte[] want = expected.get(i++);
      boolean valid = isUtf8(want);
      assertThat(line.error() == null).isEqualTo(valid);
      if (valid) {
        String text = new String(want, StandardCharsets.UTF_8);
        if (line.number() == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        assertThat(line.text()).isEqualTo(text);
      }
    }
    assertThat(i).isEqualTo(expected.size());
  }

  /** The command with its options parsed (the materials file is not read by processLine). */
  private static ItemStreamCommand command(ItemStreamCommand c) {
    new CommandLine(c)
        .parseArgs(
            "--table",
            "T",
            "--partition-key",
            "isbn",
            "--materials",
            "unused.properties",
            "--action",
            "title=SIGN_ONLY");
    assertThat(c.materials.protection().defaultAction())
        .isEqualTo(dev.ddbec.api.CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(c.materials.protection().actions())
        .isEqualTo(Map.of("title", dev.ddbec.api.CryptoAction.SIGN_ONLY));
    return c;
  }

  private static CryptoConfig config(ItemStreamCommand c) {
    return CryptoConfig.of(
        dev.ddbec.api.EncryptionContext.builder()
            .tableName(c.keys.table())
            .partitionKeyName(c.keys.partitionKey())
            .build(),
        dev.ddbec.api.AttributeActions.builder()
            .defaultAction(c.materials.protection().defaultAction())
            .actions(c.materials.protection().actions())
            .build()
            .withIndexKeys(c.keys.partitionKey(), null));
  }

  /** Lines as wc -l plus a last unterminated one: split at '\n', one trailing '\r' dropped. */
  private static List<byte[]> splitLines(byte[] input) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length ? i > start : input[i] == '\n') {
        int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
        lines.add(java.util.Arrays.copyOfRange(input, start, end));
        start = i + 1;
      }
    }
    return lines;
  }

  private static long lineCount(byte[] input) {
    return splitLines(input).size();
  }

  private static int nonBlankLines(byte[] input) {
    int n = 0;
    boolean first = true;
    for (byte[] l : splitLines(input)) {
      String text = isUtf8(l) ? new String(l, StandardCharsets.UTF_8) : "invalid";
      if (first && text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte order mark at the start of the input
      }
      first = false;
      if (!text.isBlank()) {
        n++;
      }
    }
    return n;
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static void strictUtf8(String s) throws CharacterCodingException {
    StandardCharsets.UTF_8
        .newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .encode(java.nio.CharBuffer.wrap(s));
  }
}
