package dev.ddbec.provider.keystore;

import dev.ddbec.api.InvalidConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.security.auth.DestroyFailedException;

/**
 * Where a {@link KeyStoreMaterialsProvider} reads its entries: a key store file (read again on
 * every load) or a {@link KeyStore} instance the application loaded. Passwords are asked from their
 * suppliers at each read and cleared after use. Thread-safe.
 */
final class KeyStoreSource {
  private final Path path;
  private final String type;
  private final KeyStore keyStore;
  private final Supplier<char[]> storePassword;

  /**
   * A source.
   *
   * @param path the key store file, or null for an instance
   * @param type the key store type
   * @param keyStore the loaded instance, or null for a file
   * @param storePassword the file's password, or null for an instance
   */
  KeyStoreSource(Path path, String type, KeyStore keyStore, Supplier<char[]> storePassword) {
    this.path = path;
    this.type = type;
    this.keyStore = keyStore;
    this.storePassword = storePassword;
  }

  /** The key store: the instance, or the file read now. */
  KeyStore read() {
    return keyStore != null ? keyStore : open();
  }

  private KeyStore open() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigurationException("Key store file " + path + " does not exist");
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "Cannot read key store file " + path + ": " + e.getClass().getSimpleName(), e);
    }
    KeyStore ks;
    try {
      ks = KeyStore.getInstance(type);
    } catch (KeyStoreException e) {
      throw new InvalidConfigurationException(
          "Unknown key store type '" + type + "'; use PKCS12 or JCEKS", e);
    }
    char[] pw = password(storePassword, "key store");
    boolean printableAscii = KeyStoreGenerator.isPrintableAscii(pw);
    try {
      ks.load(new ByteArrayInputStream(bytes), pw);
      return ks;
    } catch (IOException e) {
      if (!printableAscii && "PKCS12".equalsIgnoreCase(type)) {
        throw new InvalidConfigurationException(
            "Cannot open "
                + where()
                + ": the password contains characters other than printable ASCII, which the JDK's"
                + " PKCS12 implementation cannot use",
            e);
      }
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new InvalidConfigurationException(
            "Cannot open " + where() + ": the key store password is wrong, or the file is damaged",
            e);
      }
      throw new InvalidConfigurationException(
          "Cannot read " + where() + ": not a valid " + type + " key store (is the type right?)",
          e);
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          "Cannot read " + where() + ": " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /** One entry, checked to exist; its password (if any) is cleared after use. */
  KeyStore.Entry entry(KeyStore ks, String alias, String what, Supplier<char[]> entryPassword) {
    try {
      if (!ks.containsAlias(alias)) {
        throw new InvalidConfigurationException(
            where()
                + " has no entry '"
                + alias
                + "' (the "
                + what
                + " alias); it holds "
                + new TreeSet<>(Collections.list(ks.aliases())));
      }
      if (ks.isCertificateEntry(alias)) {
        return ks.getEntry(alias, null); // trusted certificates take no password
      }
      KeyStore.PasswordProtection protection =
          entryPassword == null ? null : protection(entryPassword, what);
      try {
        return ks.getEntry(alias, protection);
      } finally {
        if (protection != null) {
          try {
            protection.destroy();
          } catch (DestroyFailedException e) {
            // PasswordProtection clears its copy; nothing else holds the password.
          }
        }
      }
    } catch (UnrecoverableEntryException e) {
      throw new InvalidConfigurationException(
          "Cannot recover the "
              + what
              + " entry '"
              + alias
              + "' of "
              + where()
              + ": its entry password is wrong or missing",
          e);
    } catch (GeneralSecurityException | UnsupportedOperationException e) {
      throw new InvalidConfigurationException(
          "Cannot read the " + what + " entry '" + alias + "' of " + where(), e);
    }
  }

  private static KeyStore.PasswordProtection protection(Supplier<char[]> supplier, String what) {
    char[] pw = password(supplier, what + " entry");
    try {
      return new KeyStore.PasswordProtection(pw); // copies
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static char[] password(Supplier<char[]> supplier, String what) {
    char[] pw = supplier.get();
    if (pw == null) {
      throw new InvalidConfigurationException("The " + what + " password supplier returned null");
    }
    return pw;
  }

  /** The source for messages: file and type, never a password. */
  String where() {
    return path != null ? "key store " + path + " (" + type + ")" : "the " + type + " key store";
  }
}
