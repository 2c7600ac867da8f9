package dev.ddbec.provider.keystore.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.RsaOaepWrapping;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * RSA wrapping of per-item content keys (docs/format.md §5.2), the part of wrapped materials the
 * KeyStore provider needs: it writes RSA-OAEP with SHA-256 and MGF1-SHA1 ({@link RsaOaepWrapping},
 * what both official clients write). Unwrapping is {@link ContentKeyUnwrapper}'s, shared with every
 * provider.
 */
public final class RsaKeyWrapping {
  /** The transformation written to {@code amzn-ddb-wrap-alg}. */
  public static final String RSA_OAEP_SHA256 = ContentKeyUnwrapper.RSA_OAEP_SHA256;

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
    byte[] raw = contentKey.getEncoded();
    try {
      return RsaOaepWrapping.wrap(raw, publicKey, RSA_OAEP_SHA256);
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          "The RSA public key cannot wrap a 256-bit content key with " + RSA_OAEP_SHA256, e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
