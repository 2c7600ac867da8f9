package dev.ddbec.api.spi;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-OAEP wrapping of per-item content keys (docs/format.md §5.2): the one implementation that
 * every provider which wraps content keys with an RSA public key uses. The OAEP digest is the one
 * the transformation names, MGF1 is always SHA-1 and the label is empty (what SunJCE means by
 * {@code RSA/ECB/OAEPWith<digest>AndMGF1Padding}, and what both official clients write); the OAEP
 * seed comes from this thread's DRBG ({@link Randomness#local()}), not the JVM-wide default
 * SecureRandom. Unwrapping is {@link ContentKeyUnwrapper}'s.
 */
public final class RsaOaepWrapping {
  /** RSA-OAEP with its parameters given at {@code init}; one cipher per thread. */
  private static final PerThreadCipher OAEP = PerThreadCipher.of("RSA/ECB/OAEPPadding");

  private RsaOaepWrapping() {}

  /**
   * The OAEP parameters of an RSA-OAEP transformation: its digest, MGF1 with SHA-1, empty label.
   *
   * @param transformation an RSA-OAEP transformation {@link ContentKeyUnwrapper#oaepDigest} knows,
   *     e.g. {@value ContentKeyUnwrapper#RSA_OAEP_SHA256}
   * @return the parameters
   * @throws IllegalArgumentException if the transformation is not such an RSA-OAEP one
   */
  public static OAEPParameterSpec parameters(String transformation) {
    String digest =
        ContentKeyUnwrapper.oaepDigest(transformation)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Not an RSA-OAEP transformation: " + transformation));
    return new OAEPParameterSpec(
        digest, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
  }

  /**
   * Wraps content key bytes with RSA-OAEP under a public key.
   *
   * @param keyBytes the raw content key (not zeroed here)
   * @param publicKey the RSA public key
   * @param transformation the RSA-OAEP transformation, e.g. {@value
   *     ContentKeyUnwrapper#RSA_OAEP_SHA256}
   * @return the wrapped bytes, as long as the key's modulus
   * @throws GeneralSecurityException if the key cannot be used (e.g. too short for the digest)
   * @throws IllegalArgumentException if the transformation is not an RSA-OAEP one
   */
  public static byte[] wrap(byte[] keyBytes, PublicKey publicKey, String transformation)
      throws GeneralSecurityException {
    Cipher c = OAEP.forKey(publicKey);
    c.init(
        Cipher.ENCRYPT_MODE,
        publicKey,
        parameters(transformation),
        Randomness.local().secureRandom());
    return c.doFinal(keyBytes);
  }
}
