package dev.ddbec.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one benchmark trial, shared by ddbec, the official client and the floor so that all
 * three do the same cryptography. Fresh random keys per trial (no key is ever written anywhere);
 * the RSA-2048 pairs are generated on first use, so trials without RSA do not pay for them.
 *
 * <p>Thread-safe.
 */
public final class KeyMaterial {
  private static final int RSA_BITS = 2048;

  private final SecretKey aesKey;
  private final SecretKey hmacKey;
  private final SecretKey wrappingKey;
  private KeyPair rsaEncryptionPair;
  private KeyPair rsaSigningPair;

  private KeyMaterial(SecureRandom random) {
    this.aesKey = new SecretKeySpec(randomBytes(random, 32), "AES");
    this.hmacKey = new SecretKeySpec(randomBytes(random, 32), "HmacSHA256");
    this.wrappingKey = new SecretKeySpec(randomBytes(random, 32), "AES");
  }

  /**
   * New random keys.
   *
   * @return the key material
   */
  public static KeyMaterial generate() {
    return new KeyMaterial(new SecureRandom());
  }

  /**
   * AES-256 key of the static provider.
   *
   * @return the key
   */
  public SecretKey aesKey() {
    return aesKey;
  }

  /**
   * HMAC-SHA256 signing key (256 bits) of the static and wrapped AES providers.
   *
   * @return the key
   */
  public SecretKey hmacKey() {
    return hmacKey;
  }

  /**
   * AES-256 wrapping key of the wrapped AES provider (RFC 3394 key wrap).
   *
   * @return the key
   */
  public SecretKey wrappingKey() {
    return wrappingKey;
  }

  /**
   * RSA-2048 pair that wraps (public) and unwraps (private) content keys with RSA-OAEP.
   *
   * @return the pair
   */
  public synchronized KeyPair rsaEncryptionPair() {
    if (rsaEncryptionPair == null) {
      rsaEncryptionPair = rsaPair();
    }
    return rsaEncryptionPair;
  }

  /**
   * RSA-2048 pair that signs (private) and verifies (public) items with SHA256withRSA.
   *
   * @return the pair
   */
  public synchronized KeyPair rsaSigningPair() {
    if (rsaSigningPair == null) {
      rsaSigningPair = rsaPair();
    }
    return rsaSigningPair;
  }

  @Override
  public String toString() {
    return "KeyMaterial{redacted}";
  }

  private static KeyPair rsaPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(RSA_BITS);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is missing from this JVM", e);
    }
  }

  private static byte[] randomBytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
