package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.DelegatedKey;
import dev.ddbec.api.spi.RsaOaepWrapping;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PublicKey;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Content-key wrapping for wrapped materials (docs/format.md §5.2): RFC 3394 AES key wrap and
 * RSA-OAEP (OAEP digest as named, MGF1 always SHA-1, empty label, as SunJCE and the official
 * clients do). Unwrapping is {@link dev.ddbec.api.spi.ContentKeyUnwrapper}'s, shared with every
 * provider.
 */
public final class KeyWrapping {
  /** RFC 3394 AES key wrap. */
  public static final String AES_WRAP = ContentKeyUnwrapper.AES_WRAP;

  /** RSA-OAEP with SHA-256 and MGF1-SHA1: what the official clients write for RSA keys. */
  public static final String RSA_OAEP_SHA256 = ContentKeyUnwrapper.RSA_OAEP_SHA256;

  private KeyWrapping() {}

  /**
   * The wrapping transformation for a key: {@link #AES_WRAP} for AES keys, {@link #RSA_OAEP_SHA256}
   * for RSA keys.
   *
   * @param key the wrapping key
   * @return the transformation
   */
  public static String defaultTransformation(Key key) {
    String alg = key.getAlgorithm();
    if ("AES".equalsIgnoreCase(alg) || AES_WRAP.equalsIgnoreCase(alg)) {
      return AES_WRAP;
    }
    if ("RSA".equalsIgnoreCase(alg)) {
      return RSA_OAEP_SHA256;
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
            : ContentKeyUnwrapper.oaepDigest(transformation).isPresent()
                && key instanceof PublicKey;
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
    if (wrappingKey instanceof DelegatedKey dk) {
      return Delegation.wrap(dk, contentKey, transformation);
    }
    try {
      if (ContentKeyUnwrapper.oaepDigest(transformation).isPresent()) {
        // The OAEP seed comes from this thread's DRBG, not the JVM-wide default SecureRandom.
        return RsaOaepWrapping.wrap(
            contentKey.getEncoded(), (PublicKey) wrappingKey, transformation);
      }
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
   * The RFC 3394 unwrap of the JDK for {@link dev.ddbec.api.spi.ContentKeyUnwrapper#forAes}: the
   * unwrapping itself, its policy and its failures belong to the unwrapper.
   *
   * @param wrapped the wrapped bytes
   * @param aesKey the AES wrapping key
   * @return the key bytes
   * @throws GeneralSecurityException if the integrity check fails or the input is malformed
   */
  public static byte[] aesUnwrap(byte[] wrapped, Key aesKey) throws GeneralSecurityException {
    if (aesKey instanceof DelegatedKey dk) {
      // The content key is used locally, as in the official clients: the delegate returns it.
      Key key = dk.unwrap(wrapped, "AES", Cipher.SECRET_KEY, null, AES_WRAP);
      byte[] raw = key == null ? null : key.getEncoded();
      if (raw == null) {
        throw new GeneralSecurityException("the delegated key returned no extractable content key");
      }
      return raw;
    }
    Cipher c = cipher(AES_WRAP, Cipher.UNWRAP_MODE, aesKey);
    return c.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
  }

  private static Cipher cipher(String transformation, int mode, Key key)
      throws GeneralSecurityException {
    Cipher c =
        AES_WRAP.equals(transformation)
            ? Primitives.aesWrap(key)
            : Cipher.getInstance(transformation);
    c.init(mode, key);
    return c;
  }
}
