package dev.ddbec.core.internal;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.DelegatedKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.BadPaddingException;
import javax.crypto.IllegalBlockSizeException;

/**
 * The item path's calls to a {@link DelegatedKey}, and the translation of what the delegate throws:
 * a bad ciphertext is an {@link ItemIntegrityException}, anything else a {@link
 * MaterialsUnavailableException} naming the operation (never key material or data).
 */
final class Delegation {
  private Delegation() {}

  static byte[] encrypt(DelegatedKey key, byte[] plaintext) {
    try {
      return key.encrypt(plaintext, null, key.getAlgorithm() + AttributeCipher.SYM_MODE);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable("encrypt", key, e);
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }

  static byte[] decrypt(DelegatedKey key, byte[] stored, String attributeName) {
    try {
      return key.decrypt(stored, null, key.getAlgorithm() + AttributeCipher.SYM_MODE);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new ItemIntegrityException(
          "Could not decrypt attribute '"
              + attributeName
              + "' with the delegated key: wrong key or corrupted ciphertext");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable("decrypt", key, e);
    }
  }

  static byte[] sign(DelegatedKey key, byte[] stringToSign, String algorithm) {
    try {
      return key.sign(stringToSign, algorithm);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable("sign", key, e);
    }
  }

  static boolean verify(DelegatedKey key, byte[] stringToSign, byte[] signature, String algorithm) {
    try {
      return key.verify(stringToSign, signature, algorithm);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable("verify", key, e);
    }
  }

  static byte[] wrap(DelegatedKey key, Key contentKey, String transformation) {
    try {
      return key.wrap(contentKey, null, transformation);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unavailable("wrap", key, e);
    }
  }

  private static MaterialsUnavailableException unavailable(
      String operation, DelegatedKey key, Exception e) {
    return new MaterialsUnavailableException(
        "The delegated "
            + key.getAlgorithm()
            + " key ("
            + key.getClass().getName()
            + ") failed to "
            + operation
            + ": "
            + e.getClass().getSimpleName(),
        e);
  }
}
