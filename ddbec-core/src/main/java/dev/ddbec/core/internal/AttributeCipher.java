package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.DelegatedKey;
import dev.ddbec.api.spi.Randomness;
import dev.ddbec.core.format.SetOrdering;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Per-attribute encryption (docs/format.md §3): AES/CBC/PKCS5Padding, a fresh random 16-byte IV per
 * attribute, stored as {@code IV || ciphertext}.
 */
public final class AttributeCipher {
  /** The only mode the format writes, stored as {@code amzn-ddb-map-sym-mode}. */
  public static final String SYM_MODE = "/CBC/PKCS5Padding";

  static final int IV_LENGTH = 16;

  private AttributeCipher() {}

  /**
   * Encrypts serialized plaintext.
   *
   * @param key AES key
   * @param plaintext serialized attribute
   * @return IV followed by ciphertext
   */
  public static byte[] encrypt(SecretKey key, byte[] plaintext) {
    return encrypt(key, plaintext, 0, plaintext.length);
  }

  /**
   * Serializes and encrypts one attribute value, through a per-thread buffer that is zeroed
   * afterwards (no intermediate plaintext array per attribute).
   *
   * @param key AES key
   * @param value the plaintext value
   * @return IV followed by ciphertext
   */
  public static byte[] encryptAttribute(SecretKey key, AttributeValue value) {
    ByteSink sink = SINK.get();
    sink.reset();
    try {
      AttributeSerializer.serializeInto(sink, value, SetOrdering.JAVA);
      return encrypt(key, sink.buffer(), 0, sink.size());
    } finally {
      java.util.Arrays.fill(sink.buffer(), 0, sink.size(), (byte) 0);
    }
  }

  private static final ThreadLocal<ByteSink> SINK =
      ThreadLocal.withInitial(() -> ByteSink.reusable(512));

  static byte[] encrypt(SecretKey key, byte[] plaintext, int off, int len) {
    if (key instanceof DelegatedKey dk) {
      return Delegation.encrypt(dk, java.util.Arrays.copyOfRange(plaintext, off, off + len));
    }
    Cipher c = Primitives.aesCbc();
    byte[] out = new byte[IV_LENGTH + (len / 16 + 1) * 16];
    Randomness.local().nextBytes(out, 0, IV_LENGTH);
    try {
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(out, 0, IV_LENGTH));
      int n = c.doFinal(plaintext, off, len, out, IV_LENGTH);
      if (n + IV_LENGTH != out.length) {
        throw new IllegalStateException("AES/CBC/PKCS5Padding wrote " + n + " bytes for " + len);
      }
      return out;
    } catch (InvalidKeyException e) {
      throw new InvalidConfigurationException(
          "The encryption key is not a usable AES key (" + key.getAlgorithm() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC encryption failed", e);
    }
  }

  /**
   * Decrypts {@code IV || ciphertext}.
   *
   * @param key AES key
   * @param stored the stored bytes
   * @param attributeName for error messages
   * @return the serialized plaintext
   * @throws ItemIntegrityException if the bytes are not a valid ciphertext under this key
   */
  public static byte[] decrypt(SecretKey key, byte[] stored, String attributeName) {
    if (key instanceof DelegatedKey dk) {
      return Delegation.decrypt(dk, stored, attributeName);
    }
    if (stored.length < 2 * IV_LENGTH || stored.length % 16 != 0) {
      throw new ItemIntegrityException(
          "Encrypted attribute '"
              + attributeName
              + "' has an invalid length: expected a 16-byte IV and whole AES blocks");
    }
    Cipher c = Primitives.aesCbc();
    try {
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(stored, 0, IV_LENGTH));
      return c.doFinal(stored, IV_LENGTH, stored.length - IV_LENGTH);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new ItemIntegrityException(
          "Could not decrypt attribute '"
              + attributeName
              + "': wrong decryption key or corrupted ciphertext");
    } catch (InvalidKeyException e) {
      throw new InvalidConfigurationException(
          "The decryption key is not a usable AES key (" + key.getAlgorithm() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC decryption failed", e);
    }
  }

  /**
   * Decrypts and deserializes one attribute. A wrong padding and a malformed plaintext fail with
   * the same message: with a wrong content key (which is what a forged or tampered wrapped key
   * yields, see {@code ContentKeyUnwrapper}) either may happen, and which one must not tell an
   * attacker anything. The decrypted bytes are cleared after use.
   *
   * @param key the AES key
   * @param stored IV followed by ciphertext
   * @param name the attribute name, for messages
   * @param table the table name, for messages
   * @return the attribute value
   * @throws ItemIntegrityException if it does not decrypt to one well-formed value
   */
  public static AttributeValue decryptAttribute(
      SecretKey key, byte[] stored, String name, String table, ValueBuilders values) {
    byte[] plain = null;
    try {
      plain = decrypt(key, stored, name);
      return AttributeDeserializer.deserialize(plain, 0, plain.length, values);
    } catch (ItemIntegrityException ex) {
      throw new ItemIntegrityException(
          "Could not decrypt attribute '"
              + name
              + "' of an item in table "
              + table
              + ": wrong decryption key, or the ciphertext or the item's material description was"
              + " tampered with");
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }
}
