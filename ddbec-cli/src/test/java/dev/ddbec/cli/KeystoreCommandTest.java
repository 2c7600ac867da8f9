package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.SampleTable;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeystoreCommandTest {
  private static final String PASSWORD = "cli-Pa55word #1";
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    return CliFixtures.execute(
        CliFixtures.withCommand(
            KeystoreCommand.Create.class, () -> new KeystoreCommand.Create(env::get)),
        out,
        err,
        args);
  }

  private Path passwordFile() throws Exception {
    Path pw = dir.resolve("ks.pass");
    Files.writeString(pw, PASSWORD + "\n");
    return pw;
  }

  @Test
  void create_symmetricWithPasswordFile_printsConfigurationTheEncryptCommandUses()
      throws Exception {
    Path ks = dir.resolve("keys.p12");

    int code =
        run("keystore", "create", ks.toString(), "--password-file", passwordFile().toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("AES-256 key 'ddbec-encryption'", "HmacSHA256");
    assertThat(out.toString())
        .contains("provider=keystore", "path=" + ks, "encryption-alias=ddbec-encryption")
        .doesNotContain(PASSWORD);
    Path materials = dir.resolve("materials.properties");
    Files.writeString(materials, out.toString());
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"plain title\"}}\n");
    Path enc = dir.resolve("enc.jsonl");
    Path dec = dir.resolve("dec.jsonl");
    for (String[] step :
        List.of(
            new String[] {"encrypt", in.toString(), enc.toString()},
            new String[] {"decrypt", enc.toString(), dec.toString()})) {
      assertThat(
              run(
                  CliFixtures.itemStreamArgs(
                      step[0], materials, Path.of(step[1]), Path.of(step[2]))))
          .as(err.toString())
          .isZero();
    }
    assertThat(Files.readString(enc)).doesNotContain("plain title");
    assertThat(Files.readString(dec).trim())
        .isEqualTo("{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"plain title\"}}");
  }

  @Test
  void create_rsaWithPasswordEnv_configurationLoadsAndRoundTrips() throws Exception {
    env.put("KS_PW", PASSWORD);
    Path ks = dir.resolve("rsa.p12");

    int code =
        run(
            "keystore",
            "create",
            ks.toString(),
            "--password-env",
            "KS_PW",
            "--rsa",
            "--encryption-alias",
            "wrap",
            "--signing-alias",
            "sign");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("RSA-2048 key pairs 'wrap' (encryption) and 'sign'");
    Properties p = new Properties();
    p.load(new StringReader(out.toString()));
    assertThat(p).containsEntry("password", "env:KS_PW").containsEntry("signing-alias", "sign");
    Map<String, String> options = new HashMap<>();
    p.stringPropertyNames().forEach(k -> options.put(k, p.getProperty(k)));
    MaterialsProvider provider =
        MaterialsProviders.load(
            options, MaterialsProviders.factories(getClass().getClassLoader()), env::get);
    CryptoConfig config = CryptoConfig.of(SampleTable.context("T"), SampleTable.actions());
    Map<String, AttributeValue> item =
        Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromS("secret"));
    ItemEncryptor e = ItemEncryptor.create(provider);
    Map<String, AttributeValue> stored = e.encryptItem(item, config);
    assertThat(stored.get("v").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(e.decryptItem(stored, config)).isEqualTo(item);
    assertThat(provider.toString()).contains("RSA key pair", "SHA256withRSA");
  }

  @Test
  void create_fileExists_exits2AndLeavesItUnchanged() throws Exception {
    Path ks = dir.resolve("keys.p12");
    Files.writeString(ks, "precious");

    int code =
        run("keystore", "create", ks.toString(), "--password-file", passwordFile().toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("already exists", "refusing to overwrite");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(ks)).isEqualTo("precious");
  }

  @Test
  void create_passwordEnvNotSet_exits2NamingTheOptionAndCreatesNothing() {
    Path ks = dir.resolve("keys.p12");

    int code = run("keystore", "create", ks.toString(), "--password-env", "NOT_SET");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--password-env", "NOT_SET");
    assertThat(ks).doesNotExist();
  }

  @Test
  void create_nonAsciiPassword_exits2ExplainingPkcs12Limits() {
    env.put("KS_PW", "p\u00e4ssword");
    Path ks = dir.resolve("keys.p12");

    int code = run("keystore", "create", ks.toString(), "--password-env", "KS_PW");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("printable ASCII").doesNotContain("p\u00e4ssword");
    assertThat(ks).doesNotExist();
  }

  @Test
  void create_noPasswordOption_exits2WithUsage() {
    int code = run("keystore", "create", dir.resolve("keys.p12").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--password-file", "--password-env");
    assertThat(dir.resolve("keys.p12")).doesNotExist();
  }

  @Test
  void createHelp_showsExample() {
    assertThat(run("keystore", "create", "--help")).isZero();
    assertThat(out.toString())
        .contains("Example:", "ddbec keystore create ks.p12 --password-file ks.pass", "--rsa");
  }
}
