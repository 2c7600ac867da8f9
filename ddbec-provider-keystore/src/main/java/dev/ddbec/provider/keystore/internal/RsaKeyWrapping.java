package dev.ddbec.provider.keystore.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * RSA wrapping of per-item content keys (docs/format.md §5.2), the part of wrapped materials the
 * KeyStore provider needs: it writes RSA-OAEP with SHA-256 and MGF1-SHA1 (what SunJCE means by
 * {@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding} and what both official clients write) and reads the
 * other OAEP digests and, for items of old Java writers without {@code amzn-ddb-wrap-alg}, RSA
 * PKCS#1 v1.5.
 */
public final class RsaKeyWrapping {
  /** The transformation written to {@code amzn-ddb-wrap-alg}. */
  public static final String RSA_OAEP_SHA256 = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";

  /** RSA PKCS#1 v1.5: read-only, for old items. */
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

  private RsaKeyWrapping() {}

  /**
   * Wraps a content key with RSA-OAEP (SHA-256, MGF1-SHA1, empty label).
   *
   * @param contentKey the AES content key
   * @param publicKey the RSA public key
   * @return the wrapped bytes
   * @throws InvalidConfigurationException if the public key cannot be used (e.g. too short)
   */
  public static byte[] wrap(SecretKey contentKey, PublicKey publicKey) {
    try {
      return cipher(RSA_OAEP_SHA256, Cipher.ENCRYPT_MODE, publicKey)
          .doFinal(contentKey.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          "The RSA public key cannot wrap a 256-bit content key with " + RSA_OAEP_SHA256, e);
    }
  }

  /**
   * Unwraps a content key.
   *
   * @param wrapped the wrapped bytes from {@code amzn-ddb-env-key}
   * @param privateKey the RSA private key
   * @param transformation the item's {@code amzn-ddb-wrap-alg}, or null when the item names none
   *     (then RSA PKCS#1 v1.5, as the official Java client does for an RSA key)
   * @param contentKeyAlgorithm the content key's JCE algorithm ({@code AES})
   * @return the content key (128, 192 or 256 bits)
   * @throws UnsupportedFormatException for a transformation other than RSA-OAEP or PKCS#1 v1.5
   * @throws ItemIntegrityException if the bytes do not unwrap under this key
   */
  public static SecretKey unwrap(
      byte[] wrapped, PrivateKey privateKey, String transformation, String contentKeyAlgorithm) {
    String t = transformation == null ? RSA_PKCS1 : transformation;
    if (!OAEP_DIGESTS.containsKey(t) && !RSA_PKCS1.equals(t) && !"RSA".equals(t)) {
      throw new UnsupportedFormatException(
          "Unsupported key wrapping algorithm in amzn-ddb-wrap-alg for an RSA key; ddbec reads"
              + " RSA-OAEP (SHA-1/256/384/512 with MGF1-SHA1) and RSA PKCS#1 v1.5");
    }
    byte[] raw = null;
    try {
      // Decrypt rather than unwrap so that the key length is checked before the key is used.
      raw = cipher(t, Cipher.DECRYPT_MODE, privateKey).doFinal(wrapped);
      if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
        throw new ItemIntegrityException(
            "The unwrapped content key has an invalid length: wrong key or tampered description");
      }
      return new SecretKeySpec(raw, contentKeyAlgorithm);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ItemIntegrityException(
          "Could not unwrap the item's content key: the item was written with another RSA key, or"
              + " its description was tampered with");
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  private static Cipher cipher(String transformation, int mode, java.security.Key key)
      throws GeneralSecurityException {
    String digest = OAEP_DIGESTS.get(transformation);
    if (digest == null) {
      Cipher c = Cipher.getInstance(RSA_PKCS1);
      c.init(mode, key);
      return c;
    }
    // Explicit parameters: the OAEP digest as named, MGF1 always SHA-1 (the SunJCE reading of
    // these names, which the official clients rely on), empty label.
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        mode,
        key,
        new OAEPParameterSpec(digest, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
    return c;
  }
}
