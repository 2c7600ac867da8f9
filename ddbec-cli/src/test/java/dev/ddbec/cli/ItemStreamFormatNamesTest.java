package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --signature-attribute}, {@code --description-attribute}, {@code --description-base}. */
class ItemStreamFormatNamesTest {
  private static final String[] NAMES = {
    "--signature-attribute", "sig", "--description-attribute", "meta", "--description-base", "acme-"
  };

  @TempDir Path dir;
  Path materials;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void keys() throws Exception {
    SecureRandom r = new SecureRandom();
    byte[] wrap = new byte[32];
    byte[] sign = new byte[32];
    r.nextBytes(wrap);
    r.nextBytes(sign);
    Files.write(dir.resolve("wrap.aes"), wrap);
    Files.write(dir.resolve("sign.hmac"), sign);
    materials = dir.resolve("m.properties");
    Files.writeString(
        materials,
        "provider=wrapped\nwrapping-key=file:"
            + dir.resolve("wrap.aes")
            + "\nsigning-key=file:"
            + dir.resolve("sign.hmac")
            + "\n");
  }

  private int run(String command, Path in, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--table",
                "Books",
                "--partition-key",
                "isbn",
                "--materials",
                materials.toString(),
                "--in",
                in.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args.toArray(String[]::new));
  }

  @Test
  void encryptThenDecrypt_customNames_useThemAndNeedThemToRead() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"plain title\"}}\n");
    Path enc = dir.resolve("enc.jsonl");

    assertThat(run("encrypt", in, enc, NAMES)).isZero();

    JsonNode stored = DynamoDbJson.MAPPER.readTree(Files.readAllLines(enc).get(0));
    assertThat(stored.has("sig")).isTrue();
    assertThat(stored.has("meta")).isTrue();
    assertThat(stored.has("*amzn-ddb-map-sig*")).isFalse();
    String description =
        new String(
            Base64.getDecoder().decode(stored.get("meta").get("B").asText()),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(description).contains("acme-sym-mode").doesNotContain("amzn-ddb-map-sym-mode");

    Path dec = dir.resolve("dec.jsonl");
    assertThat(run("decrypt", enc, dec, NAMES)).isZero();
    assertThat(DynamoDbJson.MAPPER.readTree(Files.readAllLines(dec).get(0)))
        .isEqualTo(DynamoDbJson.MAPPER.readTree(Files.readAllLines(in).get(0)));

    Path wrong = dir.resolve("wrong.jsonl");
    assertThat(run("decrypt", enc, wrong)).isEqualTo(1);
    assertThat(err.toString()).contains("*amzn-ddb-map-sig*");
  }

  @Test
  void encrypt_sameNameForBothAttributes_isAUsageError() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"}}\n");

    int status =
        run(
            "encrypt",
            in,
            dir.resolve("out.jsonl"),
            "--signature-attribute",
            "x",
            "--description-attribute",
            "x");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("different names");
  }
}
