package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Content-key wrapping for wrapped materials (docs/format.md §5.2): RFC 3394 AES key wrap, RSA-OAEP
 * (OAEP digest as named, MGF1 always SHA-1, empty label, as SunJCE and the official clients do)
 * and, for reading old items, RSA PKCS#1 v1.5.
 */
public final class KeyWrapping {
  /** RFC 3394 AES key wrap. */
  public static final String AES_WRAP = "AESWrap";

  /** RSA-OAEP with SHA-256 and MGF1-SHA1: what the official clients write for RSA keys. */
  public static final String RSA_OAEP_SHA256 = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";

  /** RSA PKCS#1 v1.5 encryption: read-only support for old items. */
  public static final String RSA_PKCS1 = "RSA/ECB/PKCS1Padding";

  private static final Map<String, String> OAEP_DIGESTS =
      Map.of(
          "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
          "SHA-1",
          RSA_OAEP_SHA256,
          "SHA-256",
          "RSA/ECB/OAEPWithSHA-384AndMGF1Padding",
          "SHA-384",
          "RSA/ECB/OAEPWithSHA-512AndMGF1Padding",
          "SHA-512");

  private KeyWrapping() {}

  /**
   * The wrapping transformation a key implies when the description names none: AES keys use {@link
   * #AES_WRAP}; RSA keys use {@link #RSA_OAEP_SHA256} to wrap and, when unwrapping an item that
   * names none, {@link #RSA_PKCS1} (what old Java writers used).
   *
   * @param key the wrapping or unwrapping key
   * @param unwrapping true when reading an item
   * @return the transformation
   */
  public static String defaultTransformation(Key key, boolean unwrapping) {
    String alg = key.getAlgorithm();
    if ("AES".equalsIgnoreCase(alg) || AES_WRAP.equalsIgnoreCase(alg)) {
      return AES_WRAP;
    }
    if ("RSA".equalsIgnoreCase(alg)) {
      return unwrapping ? RSA_PKCS1 : RSA_OAEP_SHA256;
    }
    throw new InvalidConfigurationException(
        "Unsupported wrapping key algorithm '" + alg + "': use an AES or RSA key");
  }

  /**
   * Checks that ddbec can write with a transformation.
   *
   * @param transformation the name
   * @param key the wrapping key
   */
  public static void checkWrapTransformation(String transformation, Key key) {
    boolean ok =
        AES_WRAP.equals(transformation)
            ? key instanceof SecretKey
            : OAEP_DIGESTS.containsKey(transformation) && key instanceof PublicKey;
    if (!ok) {
      throw new InvalidConfigurationException(
          "Cannot wrap with '"
              + transformation
              + "' and a "
              + key.getAlgorithm()
              + " key: use AESWrap with an AES key or RSA-OAEP with an RSA public key");
    }
  }

  /**
   * Wraps a content key.
   *
   * @param contentKey the key to wrap
   * @param wrappingKey AES secret key or RSA public key
   * @param transformation {@link #AES_WRAP} or an RSA-OAEP name
   * @return the wrapped bytes
   */
  public static byte[] wrap(SecretKey contentKey, Key wrappingKey, String transformation) {
    try {
      Cipher c = cipher(transformation, Cipher.WRAP_MODE, wrappingKey);
      return c.wrap(contentKey);
    } catch (InvalidKeyException e) {
      throw new InvalidConfigurationException(
          "The wrapping key cannot be used with " + transformation, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Key wrapping failed with " + transformation, e);
    }
  }

  /**
   * Unwraps a content key.
   *
   * @param wrapped the wrapped bytes
   * @param unwrappingKey AES secret key or RSA private key
   * @param transformation the item's {@code amzn-ddb-wrap-alg}, or the default for the key
   * @param contentKeyAlgorithm JCE algorithm of the content key (normally {@code AES})
   * @return the content key
   * @throws ItemIntegrityException if the bytes do not unwrap under this key
   * @throws UnsupportedFormatException for an unknown transformation
   */
  public static SecretKey unwrap(
      byte[] wrapped, Key unwrappingKey, String transformation, String contentKeyAlgorithm) {
    boolean aes = AES_WRAP.equals(transformation);
    boolean rsa =
        OAEP_DIGESTS.containsKey(transformation)
            || RSA_PKCS1.equals(transformation)
            || "RSA".equals(transformation);
    if (!aes && !rsa) {
      throw new UnsupportedFormatException(
          "Unsupported key wrapping algorithm in amzn-ddb-wrap-alg; ddbec reads AESWrap,"
              + " RSA-OAEP and RSA PKCS#1 v1.5");
    }
    if (aes != (unwrappingKey instanceof SecretKey)
        || rsa != (unwrappingKey instanceof PrivateKey)) {
      throw new ItemIntegrityException(
          "The item's content key was wrapped with "
              + transformation
              + " but the unwrapping key is a "
              + unwrappingKey.getAlgorithm()
              + " key");
    }
    try {
      byte[] raw;
      if (aes) {
        Cipher c = cipher(transformation, Cipher.UNWRAP_MODE, unwrappingKey);
        raw = c.unwrap(wrapped, contentKeyAlgorithm, Cipher.SECRET_KEY).getEncoded();
      } else {
        // Decrypt rather than unwrap so the key length can be checked before use.
        Cipher c = cipher(transformation, Cipher.DECRYPT_MODE, unwrappingKey);
        raw = c.doFinal(wrapped);
      }
      if (raw == null || (raw.length != 16 && raw.length != 24 && raw.length != 32)) {
        throw new ItemIntegrityException(
            "The unwrapped content key has an invalid length: wrong key or tampered description");
      }
      return new SecretKeySpec(raw, contentKeyAlgorithm);
    } catch (InvalidKeyException e) {
      // SunJCE reports a failed AES key-wrap integrity check as InvalidKeyException.
      throw new ItemIntegrityException(
          "Could not unwrap the item's content key: wrong unwrapping key or tampered description");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ItemIntegrityException(
          "Could not unwrap the item's content key: wrong unwrapping key or tampered description");
    }
  }

  private static Cipher cipher(String transformation, int mode, Key key)
      throws GeneralSecurityException {
    String digest = OAEP_DIGESTS.get(transformation);
    if (digest != null) {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(
          mode,
          key,
          new OAEPParameterSpec(
              digest, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
      return c;
    }
    Cipher c =
        AES_WRAP.equals(transformation)
            ? Primitives.aesWrap(key)
            : Cipher.getInstance("RSA".equals(transformation) ? RSA_PKCS1 : transformation);
    c.init(mode, key);
    return c;
  }
}
