package dev.ddbec.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the benchmarks, shared by ddbec, the official client and the floor so that all three
 * do the same cryptography: AES-256 and HMAC-SHA256 keys and two RSA-2048 pairs.
 *
 * <p>{@link #standard()} derives them from a constant seed, so every fork (ddbec's and the official
 * client's trials run in different forks) uses the same keys. They protect nothing: benchmark data
 * only. The RSA pairs are generated on first use, so trials without RSA do not pay for them.
 *
 * <p>Thread-safe.
 */
public final class KeyMaterial {
  private static final int RSA_BITS = 2048;
  private static final String SEED = "ddbec-benchmarks key material v1";

  private final SecretKey aesKey;
  private final SecretKey hmacKey;
  private final SecretKey wrappingKey;
  private final SecureRandom random;
  private KeyPair rsaEncryptionPair;
  private KeyPair rsaSigningPair;

  private KeyMaterial(SecureRandom random) {
    this.random = random;
    this.aesKey = new SecretKeySpec(randomBytes(random, 32), "AES");
    this.hmacKey = new SecretKeySpec(randomBytes(random, 32), "HmacSHA256");
    this.wrappingKey = new SecretKeySpec(randomBytes(random, 32), "AES");
  }

  /**
   * The benchmark keys, the same in every JVM (derived from a constant seed).
   *
   * @return the key material
   */
  public static KeyMaterial standard() {
    try {
      // SHA1PRNG seeded before first use is a deterministic generator: fixed benchmark keys.
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(SEED.getBytes(StandardCharsets.US_ASCII));
      return new KeyMaterial(seeded);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA1PRNG is missing from this JVM", e);
    }
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
    generateRsaPairs();
    return rsaEncryptionPair;
  }

  /**
   * RSA-2048 pair that signs (private) and verifies (public) items with SHA256withRSA.
   *
   * @return the pair
   */
  public synchronized KeyPair rsaSigningPair() {
    generateRsaPairs();
    return rsaSigningPair;
  }

  /** Both pairs at once, in a fixed order, so that they do not depend on which is asked first. */
  private void generateRsaPairs() {
    if (rsaEncryptionPair == null) {
      rsaEncryptionPair = rsaPair(random);
      rsaSigningPair = rsaPair(random);
    }
  }

  @Override
  public String toString() {
    return "KeyMaterial{redacted}";
  }

  private static KeyPair rsaPair(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(RSA_BITS, random);
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
