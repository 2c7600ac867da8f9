package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys as PEM in provider configuration (the official Python client's {@code KeyEncodingType.PEM}):
 * PKCS#8 and X.509 PEM, and the PKCS#1 forms as {@code openssl} writes them, read to the same keys
 * as their DER; refusals without key bytes in the message.
 */
class ProviderConfigPemTest {
  private static KeyPair rsa;

  @TempDir static Path dir;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.US_ASCII);
    return p;
  }

  private static ProviderConfig config(String option, Path file) {
    return new ProviderConfig("p", Map.of(option, "file:" + file), Map.<String, String>of()::get);
  }

  /** Runs openssl (a real PEM writer) and returns the output file. */
  private static Path openssl(String out, String... args) throws Exception {
    Path target = dir.resolve(out);
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-out", target.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("openssl %s: %s", cmd, log).isZero();
    return target;
  }

  @Test
  void pkcs8AndX509Pem_readAsTheSameKeysAsDer() throws Exception {
    Path priv =
        write("priv.pem", "comment before\n" + pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
    Path pub = write("pub.pem", pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
    assertThat(config("k", priv).rsaPrivateKey("k").orElseThrow()).isEqualTo(rsa.getPrivate());
    assertThat(config("k", pub).rsaPublicKey("k").orElseThrow()).isEqualTo(rsa.getPublic());

    Path der = dir.resolve("pub.der");
    Files.write(der, rsa.getPublic().getEncoded());
    assertThat(config("k", der).rsaPublicKey("k").orElseThrow()).isEqualTo(rsa.getPublic());
  }

  @Test
  void pkcs1Pem_fromOpenssl_readAsTheSameKeys() throws Exception {
    Path pkcs8 = write("p8.pem", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
    Path spki = write("spki.pem", pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
    Path pkcs1Private = openssl("p1.pem", "rsa", "-in", pkcs8.toString(), "-traditional");
    Path pkcs1Public =
        openssl("p1pub.pem", "rsa", "-pubin", "-in", spki.toString(), "-RSAPublicKey_out");
    assertThat(Files.readString(pkcs1Private)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(pkcs1Public)).contains("BEGIN RSA PUBLIC KEY");

    assertThat(config("k", pkcs1Private).rsaPrivateKey("k").orElseThrow())
        .isEqualTo(rsa.getPrivate());
    assertThat(config("k", pkcs1Public).rsaPublicKey("k").orElseThrow()).isEqualTo(rsa.getPublic());
  }

  @Test
  void pemFromEnvironment_isTakenAsText() {
    String text = pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    ProviderConfig c = new ProviderConfig("p", Map.of("k", "env:PUB"), Map.of("PUB", text)::get);
    assertThat(c.rsaPublicKey("k").orElseThrow()).isEqualTo(rsa.getPublic());
  }

  @Test
  void refusals_areTypedAndNeverQuoteTheKey() throws Exception {
    String privatePem = pem("PRIVATE KEY", rsa.getPrivate().getEncoded());
    String body = privatePem.split("\n")[1];
    assertThatThrownBy(() -> config("k", write("wrongkind.pem", privatePem)).rsaPublicKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("private key where a public key is expected")
        .hasMessageNotContaining(body);
    Path encrypted =
        openssl(
            "enc.pem",
            "pkcs8",
            "-topk8",
            "-in",
            write("plain.pem", privatePem).toString(),
            "-passout",
            "pass:pw",
            "-v2",
            "aes-256-cbc");
    assertThatThrownBy(() -> config("k", encrypted).rsaPrivateKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("encrypted PEM");
    assertThatThrownBy(
            () -> config("k", write("two.pem", privatePem + privatePem)).rsaPrivateKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("more than one PEM block");
    assertThatThrownBy(
            () ->
                config("k", write("cert.pem", pem("CERTIFICATE", new byte[] {1, 2, 3})))
                    .rsaPublicKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'CERTIFICATE'");
    assertThatThrownBy(
            () ->
                config("k", write("trunc.pem", privatePem.substring(0, privatePem.length() / 2)))
                    .rsaPrivateKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("-----END PRIVATE KEY-----");
    assertThatThrownBy(
            () ->
                config("k", write("big.pem", "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(70_000)))
                    .rsaPrivateKey("k"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(
            () ->
                config("k", write("aes.pem", pem("PRIVATE KEY", new byte[32])))
                    .secretKey("k", "HmacSHA256"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("raw bytes");
  }
}
