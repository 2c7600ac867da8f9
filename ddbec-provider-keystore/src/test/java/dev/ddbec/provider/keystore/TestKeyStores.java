package dev.ddbec.provider.keystore;

import dev.ddbec.api.spi.SelfSignedCertificates;
import dev.ddbec.testing.TestKeys;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.crypto.SecretKey;

/** Builds key store files for tests with the plain JDK KeyStore API. */
final class TestKeyStores {
  static final char[] PASSWORD = "store-Pa55word".toCharArray();
  static final String ENC = "enc";
  static final String SIG = "sig";
  private static final SecureRandom RANDOM = new SecureRandom();
  // RSA key generation is the slow part of these tests: two pairs serve every test.
  static final KeyPair RSA_A = TestKeys.rsa();
  static final KeyPair RSA_B = TestKeys.rsa();

  private TestKeyStores() {}

  static KeyStore empty(String type) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    return ks;
  }

  static Certificate cert(KeyPair pair) throws Exception {
    return SelfSignedCertificates.create(
        pair, "test", Duration.ofDays(1), SelfSignedCertificates.KEY_ENCIPHERMENT, RANDOM);
  }

  static void putSecret(KeyStore ks, String alias, SecretKey key, char[] pw) throws Exception {
    ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(pw));
  }

  static void putPair(KeyStore ks, String alias, KeyPair pair, char[] pw) throws Exception {
    ks.setEntry(
        alias,
        new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {cert(pair)}),
        new KeyStore.PasswordProtection(pw));
  }

  static void putCert(KeyStore ks, String alias, KeyPair pair) throws Exception {
    ks.setCertificateEntry(alias, cert(pair));
  }

  static Path write(KeyStore ks, Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, PASSWORD);
    }
    return file;
  }

  /** AES + HMAC secret keys under {@link #ENC} and {@link #SIG}. */
  static Path symmetric(Path file, String type) throws Exception {
    KeyStore ks = empty(type);
    putSecret(ks, ENC, TestKeys.aes256(), PASSWORD);
    putSecret(ks, SIG, TestKeys.hmacSha256(), PASSWORD);
    return write(ks, file);
  }

  /** Two RSA key pairs under {@link #ENC} and {@link #SIG}. */
  static Path rsa(Path file, String type) throws Exception {
    KeyStore ks = empty(type);
    putPair(ks, ENC, RSA_A, PASSWORD);
    putPair(ks, SIG, RSA_B, PASSWORD);
    return write(ks, file);
  }

  static KeyStoreMaterialsProvider.Builder provider(Path file, String type) {
    return KeyStoreMaterialsProvider.builder()
        .path(file)
        .type(type)
        .password(PASSWORD::clone)
        .encryptionAlias(ENC)
        .signingAlias(SIG);
  }
}
