package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.provider.pkcs11.Pkcs11Token;
import dev.ddbec.testing.SoftHsm2;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ddbec hsm} against SoftHSM2, then encrypt/decrypt with the keys it made. */
class HsmCommandTest {
  private static final String WRAP_AES = "wrap-aes";
  private static final String SIGN_HMAC = "sign-hmac";
  private static final String WRAP_RSA = "wrap-rsa";
  private static final String X_SIGN_HMAC = "x-sign-hmac";
  private static SoftHsm2 hsm;
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void fixture() {
    hsm = SoftHsm2.get();
    try (Pkcs11Token token =
        Pkcs11Token.builder()
            .library(hsm.library())
            .tokenLabel(SoftHsm2.TOKEN_LABEL)
            .pin(SoftHsm2.PIN::toCharArray)
            .build()) {
      token.generateAesKey(WRAP_AES, 256, false);
      token.generateHmacKey(SIGN_HMAC, 256, false);
      token.generateRsaKeyPair(WRAP_RSA, 2048, false);
      token.generateHmacKey(X_SIGN_HMAC, 256, true);
    }
  }

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  private String[] token(String command, String... extra) throws Exception {
    Path pin = dir.resolve("pin");
    Files.writeString(pin, SoftHsm2.PIN + "\n");
    List<String> a =
        new ArrayList<>(
            List.of(
                "hsm",
                command,
                "--library",
                hsm.library().toString(),
                "--token-label",
                SoftHsm2.TOKEN_LABEL,
                "--pin",
                "file:" + pin));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void hsmList_fixtureToken_showsLabelsTypesSizesAndExtractability() throws Exception {
    assertThat(run(token("list"))).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("LABEL", "EXTRACTABLE", "USE");
    assertThat(text.lines().filter(l -> l.startsWith(WRAP_AES + " ")).findFirst())
        .hasValueSatisfying(
            l -> assertThat(l).contains("secret-key", "AES", "256", " no ", "wrapping"));
    assertThat(text.lines().filter(l -> l.startsWith(WRAP_RSA + " ")).findFirst())
        .hasValueSatisfying(
            l -> assertThat(l).contains("private-key", "RSA", "2048", "signing,wrapping"));
    assertThat(text.lines().filter(l -> l.startsWith(X_SIGN_HMAC + " ")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains(" yes ", "signing"));
  }

  @Test
  void hsmGenerate_thenEncryptDecryptWithPrintedConfiguration_roundTrips() throws Exception {
    assertThat(
            run(token("generate", "--wrapping-label", "cli-wrap", "--signing-label", "cli-sign")))
        .as(err.toString())
        .isZero();
    String text = out.toString();
    assertThat(text).contains("cli-wrap  secret-key AES 256 bits, non-extractable");
    assertThat(text).contains("wrapping-key=pkcs11:token=ddbec;object=cli-wrap");
    // The printed configuration is usable as is, once the PIN reference resolves.
    List<String> config =
        text.lines()
            .dropWhile(l -> !l.startsWith("Materials configuration"))
            .skip(1)
            .map(String::trim)
            .filter(l -> !l.isEmpty())
            .toList();
    Path materials = dir.resolve("m.properties");
    Files.write(materials, config);
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"hsm title\"}}\n");
    Path enc = dir.resolve("enc.jsonl");
    Path dec = dir.resolve("dec.jsonl");
    String[] common = {
      "--table", "Books", "--partition-key", "isbn", "--materials", materials.toString()
    };
    List<String> e =
        new ArrayList<>(List.of("encrypt", "--in", in.toString(), "--out", enc.toString()));
    e.addAll(List.of(common));
    assertThat(run(e.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(Files.readString(enc)).doesNotContain("hsm title").contains("amzn-ddb-map-desc");
    List<String> d =
        new ArrayList<>(List.of("decrypt", "--in", enc.toString(), "--out", dec.toString()));
    d.addAll(List.of(common));
    assertThat(run(d.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(Files.readString(dec)).contains("hsm title");
  }

  @Test
  void hsmGenerate_rsaExtractable_reportsExtractableRsaKeys() throws Exception {
    assertThat(
            run(
                token(
                    "generate",
                    "--wrapping",
                    "rsa",
                    "--signing",
                    "rsa",
                    "--extractable",
                    "--wrapping-label",
                    "cli-x-wrap",
                    "--signing-label",
                    "cli-x-sign")))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("cli-x-wrap  private-key RSA 2048 bits, EXTRACTABLE (tests only)")
        .contains("cli-x-sign  private-key RSA 2048 bits, EXTRACTABLE (tests only)");
  }

  @Test
  void hsmGenerate_labelInUse_exits2AndGeneratesNothing() throws Exception {
    assertThat(
            run(token("generate", "--wrapping-label", "fresh-label", "--signing-label", SIGN_HMAC)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("already exists").doesNotContain("Exception");
    out.getBuffer().setLength(0);
    run(token("list"));
    assertThat(out.toString()).doesNotContain("fresh-label");
  }

  @Test
  void hsm_badPinOrMissingOptions_exitNonZeroWithoutEchoingSecrets() throws Exception {
    assertThat(
            run(
                "hsm",
                "list",
                "--library",
                hsm.library().toString(),
                "--token-label",
                SoftHsm2.TOKEN_LABEL,
                "--pin",
                "1234"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("never an inline value").doesNotContain("1234");
    assertThat(run("hsm", "list", "--token-label", "ddbec")).isEqualTo(2); // picocli usage error
    assertThat(run("hsm", "list", "--provider-name", "NoSuchProvider")).isEqualTo(2);
    assertThat(err.toString()).contains("NoSuchProvider");
  }

  @Test
  void help_hsmCommands_showExamples() {
    for (String[] args :
        new String[][] {
          {"hsm", "--help"}, {"hsm", "list", "--help"}, {"hsm", "generate", "--help"}
        }) {
      out.getBuffer().setLength(0);
      assertThat(run(args)).isZero();
      assertThat(out.toString()).contains("Usage:", "Example", "--pin");
    }
  }
}
