package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ItemStreamCommandTest {
  @TempDir Path dir;
  Path materials;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void keys() throws Exception {
    materials = CliFixtures.wrappedMaterials(dir, "m");
  }

  private int run(String command, Path in, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--action", "genre=SIGN_ONLY"));
    args.addAll(List.of(extra));
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(
        CliFixtures.itemStreamArgs(command, materials, in, out, args.toArray(String[]::new)));
  }

  @Test
  void encryptThenDecrypt_jsonLinesWithExportWrapper_roundTrips() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(
        in,
        "{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"plain title\"},\"genre\":{\"S\":\"sf\"}}\n"
            + "{\"Item\":{\"isbn\":{\"S\":\"2\"},\"n\":{\"N\":\"1.50\"},\"b\":{\"B\":\"AAE=\"}}}\n");
    Path enc = dir.resolve("enc.jsonl");
    Path dec = dir.resolve("dec.jsonl");
    assertThat(run("encrypt", in, enc)).isZero();
    List<String> stored = Files.readAllLines(enc);
    assertThat(stored).hasSize(2);
    JsonNode first = DynamoDbJson.MAPPER.readTree(stored.get(0));
    assertThat(first.get("isbn").get("S").asText()).isEqualTo("1");
    assertThat(first.get("genre").get("S").asText()).isEqualTo("sf");
    assertThat(first.get("title").has("B")).isTrue();
    assertThat(first.has("*amzn-ddb-map-sig*")).isTrue();
    assertThat(stored.get(0)).doesNotContain("plain title");
    assertThat(DynamoDbJson.MAPPER.readTree(stored.get(1)).has("Item")).isTrue();

    assertThat(run("decrypt", enc, dec)).isZero();
    List<String> plain = Files.readAllLines(dec);
    assertThat(DynamoDbJson.MAPPER.readTree(plain.get(0)))
        .isEqualTo(DynamoDbJson.MAPPER.readTree(Files.readAllLines(in).get(0)));
    assertThat(DynamoDbJson.MAPPER.readTree(plain.get(1)).get("Item").get("n").get("N").asText())
        .isEqualTo("1.5");
  }

  @Test
  void decrypt_errorsFail_stopsAtFirstBadLineNamingIt() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"},\"x\":{\"S\":\"secret-plaintext\"}}\n");
    Path enc = dir.resolve("enc.jsonl");
    assertThat(run("encrypt", in, enc)).isZero();
    String good = Files.readAllLines(enc).get(0);
    String tampered = good.replace("\"isbn\":{\"S\":\"1\"}", "\"isbn\":{\"S\":\"2\"}");
    Files.writeString(enc, good + "\n" + tampered + "\n" + good + "\n");
    Path out = dir.resolve("out.jsonl");
    assertThat(run("decrypt", enc, out)).isEqualTo(1);
    assertThat(Files.readAllLines(out)).hasSize(1);
    assertThat(err.toString()).contains("line 2").contains("ItemIntegrityException");
  }

  @Test
  void encrypt_errorsInline_reportsBadLinesWithoutPlaintextAndContinues() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(
        in,
        "{\"isbn\":{\"S\":\"1\"}}\n"
            + "{not json, secret-plaintext\n"
            + "{\"isbn\":{\"S\":\"3\"},\"bad\":{\"Q\":\"secret-plaintext\"}}\n"
            + "{\"isbn\":{\"S\":\"4\"}}\n");
    Path out = dir.resolve("out.jsonl");
    assertThat(run("encrypt", in, out, "--errors", "inline")).isEqualTo(1);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    JsonNode e2 = DynamoDbJson.MAPPER.readTree(lines.get(1)).get("error");
    assertThat(e2.get("line").asInt()).isEqualTo(2);
    assertThat(e2.get("type").asText()).isEqualTo("InvalidJson");
    JsonNode e3 = DynamoDbJson.MAPPER.readTree(lines.get(2)).get("error");
    assertThat(e3.get("line").asInt()).isEqualTo(3);
    assertThat(e3.get("type").asText()).isEqualTo("InvalidItemException");
    assertThat(String.join("\n", lines) + err).doesNotContain("secret-plaintext");
    assertThat(DynamoDbJson.MAPPER.readTree(lines.get(3)).has("*amzn-ddb-map-sig*")).isTrue();
  }

  @Test
  void encrypt_unknownMaterialsOption_exits2WithMessage() throws Exception {
    Files.writeString(materials, Files.readString(materials) + "colour=blue\n");
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"}}\n");
    assertThat(run("encrypt", in, dir.resolve("out.jsonl"))).isEqualTo(2);
    assertThat(err.toString()).contains("[colour]");
  }

  @Test
  void encryptThenDecrypt_100000Items_streamInOneJvm() throws Exception {
    Path in = dir.resolve("big.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("{\"isbn\":{\"S\":\"")
          .append(i)
          .append("\"},\"title\":{\"S\":\"title ")
          .append(i)
          .append("\"},\"genre\":{\"S\":\"g\"},\"pages\":{\"N\":\"")
          .append(i % 900)
          .append("\"}}\n");
    }
    Files.writeString(in, sb);
    Path enc = dir.resolve("big.enc.jsonl");
    Path dec = dir.resolve("big.dec.jsonl");
    assertThat(run("encrypt", in, enc)).isZero();
    assertThat(run("decrypt", enc, dec)).isZero();
    try (var lines = Files.lines(dec)) {
      assertThat(lines.count()).isEqualTo(100_000);
    }
    assertThat(Files.readString(dec)).isEqualTo(sb.toString());
  }
}
