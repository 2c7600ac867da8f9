package dev.ddbec.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Fresh keys for tests, generated with the JDK's default providers: the key sizes every ddbec
 * provider accepts. A generator that is missing is a broken JDK, reported as an unchecked {@link
 * IllegalStateException} so that the keys can initialise static fields.
 */
public final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /**
   * New random bytes (raw key material, or binary values for test items).
   *
   * @param n how many
   * @return the bytes
   */
  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * A new 2048-bit RSA key pair (for wrapping content keys or signing items).
   *
   * @return the key pair
   */
  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no RSA key pair generator", e);
    }
  }

  /**
   * A new 256-bit HMAC-SHA256 key (for signing items).
   *
   * @return the key
   */
  public static SecretKey hmacSha256() {
    return secret("HmacSHA256", 256);
  }

  /**
   * A new 256-bit AES key (for encrypting or wrapping content keys).
   *
   * @return the key
   */
  public static SecretKey aes256() {
    return secret("AES", 256);
  }

  private static SecretKey secret(String algorithm, int bits) {
    try {
      KeyGenerator g = KeyGenerator.getInstance(algorithm);
      g.init(bits);
      return g.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no " + algorithm + " key generator", e);
    }
  }
}
