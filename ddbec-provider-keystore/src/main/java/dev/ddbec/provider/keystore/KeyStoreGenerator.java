package dev.ddbec.provider.keystore;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.SelfSignedCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.crypto.KeyGenerator;

/**
 * Creates a new PKCS12 key store holding a fresh encryption entry and a fresh signing entry: an
 * AES-256 key and an HmacSHA256 key, or two RSA key pairs with self-signed certificates. Both
 * entries are protected with the store password (the only arrangement {@code keytool} supports for
 * PKCS12). Behind {@code ddbec keystore create}; the files it writes are what {@link
 * KeyStoreMaterialsProvider} reads. Stateless and thread-safe.
 */
public final class KeyStoreGenerator {
  /** How long generated certificates are valid. Nothing in ddbec checks it. */
  public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

  /** The entries to generate. */
  public enum Kind {
    /** AES-256 encryption key (static symmetric materials) and HmacSHA256 signing key. */
    SYMMETRIC,
    /** RSA key pairs: RSA-OAEP wrapped content keys and SHA256withRSA signatures. */
    RSA
  }

  private KeyStoreGenerator() {}

  /**
   * Generates the keys and writes a new PKCS12 file, readable by its owner only where the file
   * system has POSIX permissions. An existing file is never replaced.
   *
   * @param path the file to create
   * @param password the store (and entry) password; not retained
   * @param encryptionAlias alias of the encryption entry
   * @param signingAlias alias of the signing entry
   * @param kind symmetric keys or RSA key pairs
   * @param rsaBits RSA modulus size (2048, 3072 or 4096); ignored for {@link Kind#SYMMETRIC}
   * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
   * @throws IOException if the file cannot be written
   * @throws InvalidConfigurationException for bad aliases, an empty password or RSA size
   */
  public static void createPkcs12(
      Path path,
      char[] password,
      String encryptionAlias,
      String signingAlias,
      Kind kind,
      int rsaBits)
      throws IOException {
    checkAlias(encryptionAlias, "encryption");
    checkAlias(signingAlias, "signing");
    if (encryptionAlias.toLowerCase(Locale.ROOT).equals(signingAlias.toLowerCase(Locale.ROOT))) {
      throw new InvalidConfigurationException(
          "The encryption and signing aliases must differ (PKCS12 aliases ignore case)");
    }
    if (password == null || password.length == 0) {
      throw new InvalidConfigurationException("The key store password must not be empty");
    }
    if (!isPrintableAscii(password)) {
      // The JDK's PKCS12 key protection (PBKDF2) rejects other characters.
      throw new InvalidConfigurationException(
          "The key store password may only contain printable ASCII characters (the JDK's PKCS12"
              + " implementation cannot use others)");
    }
    if (kind == Kind.RSA && rsaBits != 2048 && rsaBits != 3072 && rsaBits != 4096) {
      throw new InvalidConfigurationException("RSA key size must be 2048, 3072 or 4096 bits");
    }
    if (Files.exists(path)) {
      throw new java.nio.file.FileAlreadyExistsException(path.toString());
    }
    byte[] bytes = generate(password, encryptionAlias, signingAlias, kind, rsaBits);
    write(path, bytes);
  }

  private static byte[] generate(
      char[] password, String encryptionAlias, String signingAlias, Kind kind, int rsaBits) {
    SecureRandom random = new SecureRandom();
    KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      if (kind == Kind.SYMMETRIC) {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256, random);
        ks.setEntry(encryptionAlias, new KeyStore.SecretKeyEntry(aes.generateKey()), protection);
        KeyGenerator hmac = KeyGenerator.getInstance("HmacSHA256");
        hmac.init(256, random);
        ks.setEntry(signingAlias, new KeyStore.SecretKeyEntry(hmac.generateKey()), protection);
      } else {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(rsaBits, random);
        putKeyPair(
            ks,
            encryptionAlias,
            rsa.generateKeyPair(),
            SelfSignedCertificates.KEY_ENCIPHERMENT,
            protection,
            random);
        putKeyPair(
            ks,
            signingAlias,
            rsa.generateKeyPair(),
            SelfSignedCertificates.DIGITAL_SIGNATURE,
            protection,
            random);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Generating the key store failed", e);
    } finally {
      try {
        protection.destroy();
      } catch (javax.security.auth.DestroyFailedException e) {
        // PasswordProtection clears its copy; nothing else to do.
      }
    }
  }

  private static void putKeyPair(
      KeyStore ks,
      String alias,
      KeyPair pair,
      int keyUsage,
      KeyStore.ProtectionParameter protection,
      SecureRandom random)
      throws GeneralSecurityException {
    Certificate cert =
        SelfSignedCertificates.create(
            pair, "ddbec " + alias, CERTIFICATE_VALIDITY, keyUsage, random);
    ks.setEntry(
        alias,
        new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {cert}),
        protection);
  }

  private static void write(Path path, byte[] bytes) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    // createFile fails atomically if the file exists: never overwrite a key store.
    Files.createFile(path, attrs);
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
      out.write(bytes);
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /**
   * Tells whether every character is printable ASCII (space to tilde): what the JDK's PKCS12
   * password-based encryption accepts.
   *
   * @param password the password
   * @return true if usable for PKCS12
   */
  public static boolean isPrintableAscii(char[] password) {
    for (char c : password) {
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static void checkAlias(String alias, String what) {
    if (alias == null || alias.isBlank() || !alias.equals(alias.strip())) {
      throw new InvalidConfigurationException(
          "The " + what + " alias must be non-empty without leading or trailing spaces");
    }
  }
}
