package dev.ddbec.cli.demo;

import dev.ddbec.provider.keystore.KeyStoreGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The demo's fresh keys: a PKCS12 key store with an AES-256 encryption key and an HmacSHA256
 * signing key, its random password in a file, and the materials configuration that names both, all
 * readable by the owner only.
 */
public final class DemoKeys {
  /** The encryption key's alias in the key store. */
  public static final String ENCRYPTION_ALIAS = "ddbec-encryption";

  /** The signing key's alias in the key store. */
  public static final String SIGNING_ALIAS = "ddbec-signing";

  /** The key store's file name in the demo's directory. */
  public static final String KEY_STORE_FILE = "demo.p12";

  private DemoKeys() {}

  /**
   * Creates the key store, its password file and the materials configuration in {@code dir}.
   *
   * @param dir the demo's private temporary directory
   * @return the materials configuration file ({@code provider=keystore})
   * @throws IOException if a file cannot be written
   */
  public static Path createKeyStore(Path dir) throws IOException {
    Path keyStore = dir.resolve(KEY_STORE_FILE);
    Path passwordFile = dir.resolve(KEY_STORE_FILE + ".pass");
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
    writeOwnerOnly(passwordFile, new String(password) + "\n");
    try {
      KeyStoreGenerator.createPkcs12(
          keyStore,
          password,
          ENCRYPTION_ALIAS,
          SIGNING_ALIAS,
          KeyStoreGenerator.Kind.SYMMETRIC,
          2048);
    } finally {
      Arrays.fill(password, '\0');
    }
    Path materialsFile = dir.resolve("materials.properties");
    writeOwnerOnly(
        materialsFile,
        String.join(
            "\n",
            "# ddbec materials configuration (written by ddbec demo)",
            "provider=keystore",
            "path=" + escape(keyStore.toString()),
            "type=PKCS12",
            "password=file:" + escape(passwordFile.toString()),
            "encryption-alias=" + ENCRYPTION_ALIAS,
            "signing-alias=" + SIGNING_ALIAS,
            ""));
    return materialsFile;
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) { // not a POSIX file system: the temp dir's ACLs
      // The temporary directory is private to the user on such systems.
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A properties value: backslashes escaped. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
