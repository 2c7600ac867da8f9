package dev.ddbec.provider.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.provider.keystore.KeyStoreGenerator.Kind;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreGeneratorTest {
  private static final char[] PW = "gen-Pa55".toCharArray();
  @TempDir Path dir;

  @Test
  void createPkcs12_symmetric_writesAes256AndHmacSha256OwnerOnly() throws Exception {
    Path file = dir.resolve("ks.p12");

    KeyStoreGenerator.createPkcs12(file, PW, "e", "s", Kind.SYMMETRIC, 0);

    KeyStore ks = load(file);
    KeyStore.PasswordProtection pp = new KeyStore.PasswordProtection(PW);
    KeyStore.SecretKeyEntry e = (KeyStore.SecretKeyEntry) ks.getEntry("e", pp);
    KeyStore.SecretKeyEntry s = (KeyStore.SecretKeyEntry) ks.getEntry("s", pp);
    assertThat(e.getSecretKey().getAlgorithm()).isEqualTo("AES");
    assertThat(e.getSecretKey().getEncoded()).hasSize(32);
    assertThat(s.getSecretKey().getAlgorithm()).isEqualTo("HmacSHA256");
    assertThat(s.getSecretKey().getEncoded()).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void createPkcs12_rsa_writesKeyPairsWithCertificatesTheProviderReads() throws Exception {
    Path file = dir.resolve("ks.p12");

    KeyStoreGenerator.createPkcs12(file, PW, "e", "s", Kind.RSA, 2048);

    KeyStore ks = load(file);
    X509Certificate cert = (X509Certificate) ks.getCertificate("e");
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(ks.isKeyEntry("s")).isTrue();
    assertThat(
            KeyStoreMaterialsProvider.builder()
                .path(file)
                .password(PW::clone)
                .encryptionAlias("e")
                .signingAlias("s")
                .build()
                .toString())
        .contains("RSA key pair", "SHA256withRSA");
  }

  @Test
  void createPkcs12_fileExists_refusesAndLeavesItUnchanged() throws Exception {
    Path file = dir.resolve("ks.p12");
    Files.writeString(file, "precious");

    assertThatThrownBy(() -> KeyStoreGenerator.createPkcs12(file, PW, "e", "s", Kind.SYMMETRIC, 0))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void createPkcs12_sameAliasesOrEmptyPassword_throwsInvalidConfiguration() {
    Path file = dir.resolve("ks.p12");
    assertThatThrownBy(
            () -> KeyStoreGenerator.createPkcs12(file, PW, "Key", "key", Kind.SYMMETRIC, 0))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("differ");
    assertThatThrownBy(
            () -> KeyStoreGenerator.createPkcs12(file, new char[0], "e", "s", Kind.SYMMETRIC, 0))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("password");
    assertThat(file).doesNotExist();
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PW);
    }
    return ks;
  }
}
