package dev.ddbec.provider.keystore.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.PerThreadCipher;
import dev.ddbec.api.spi.Randomness;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA wrapping of per-item content keys (docs/format.md §5.2), the part of wrapped materials the
 * KeyStore provider needs: it writes RSA-OAEP with SHA-256 and MGF1-SHA1 (what SunJCE means by
 * {@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding} and what both official clients write). Unwrapping
 * is {@link ContentKeyUnwrapper}'s, shared with every provider.
 */
public final class RsaKeyWrapping {
  /** The transformation written to {@code amzn-ddb-wrap-alg}. */
  public static final String RSA_OAEP_SHA256 = ContentKeyUnwrapper.RSA_OAEP_SHA256;

  /** One cipher per thread: {@code getInstance} is a provider look-up per call. */
  private static final PerThreadCipher OAEP = PerThreadCipher.of("RSA/ECB/OAEPPadding");

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
      // Explicit parameters: SHA-256, MGF1 always SHA-1 (the SunJCE reading of the name, which
      // the official clients rely on), empty label.
      // The OAEP seed comes from this thread's DRBG, not the JVM-wide default SecureRandom.
      Cipher c = OAEP.forKey(publicKey);
      c.init(
          Cipher.ENCRYPT_MODE,
          publicKey,
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT),
          Randomness.local().secureRandom());
      byte[] raw = contentKey.getEncoded();
      try {
        return c.doFinal(raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          "The RSA public key cannot wrap a 256-bit content key with " + RSA_OAEP_SHA256, e);
    }
  }
}
