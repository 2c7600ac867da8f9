package dev.ddbec.api.spi;

import dev.ddbec.api.InvalidConfigurationException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Set;
import javax.crypto.SecretKey;

/** The signature algorithms of the item format and the keys they take. */
public final class SigningAlgorithms {
  /** HMAC algorithms accepted for symmetric signing keys. */
  public static final Set<String> HMAC =
      Set.of("HmacSHA224", "HmacSHA256", "HmacSHA384", "HmacSHA512");

  /** RSA PKCS#1 v1.5 signature algorithms accepted for RSA key pairs. */
  public static final Set<String> RSA =
      Set.of("SHA224withRSA", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA");

  /** The default HMAC algorithm. */
  public static final String DEFAULT_HMAC = "HmacSHA256";

  /** The default RSA signature algorithm. */
  public static final String DEFAULT_RSA = "SHA256withRSA";

  private SigningAlgorithms() {}

  /**
   * Tells whether an algorithm name is an HMAC algorithm of the format.
   *
   * @param algorithm a JCE algorithm name
   * @return true for HmacSHA224..512
   */
  public static boolean isHmac(String algorithm) {
    return HMAC.contains(algorithm);
  }

  /**
   * Tells whether an algorithm name is an RSA signature algorithm of the format.
   *
   * @param algorithm a JCE algorithm name
   * @return true for SHA224..512withRSA
   */
  public static boolean isRsa(String algorithm) {
    return RSA.contains(algorithm);
  }

  /**
   * Picks the signature algorithm for a key when none was given: the key's own algorithm for an
   * HMAC key, {@link #DEFAULT_HMAC} for another secret key, {@link #DEFAULT_RSA} for an RSA key.
   *
   * @param key a secret, private or public key
   * @return the algorithm name
   */
  public static String defaultFor(Key key) {
    if (key instanceof SecretKey) {
      return isHmac(key.getAlgorithm()) ? key.getAlgorithm() : DEFAULT_HMAC;
    }
    if (key.getAlgorithm() != null && key.getAlgorithm().toUpperCase(Locale.ROOT).contains("RSA")) {
      return DEFAULT_RSA;
    }
    throw new InvalidConfigurationException(
        "Unsupported signing key algorithm '"
            + key.getAlgorithm()
            + "': use an HMAC secret key or an RSA key pair");
  }

  /**
   * Checks that a key and algorithm belong together.
   *
   * @param key the signing or verification key
   * @param algorithm the algorithm name
   * @param signing true for a signing key (secret or private), false for a verification key (secret
   *     or public)
   * @throws InvalidConfigurationException if they do not
   */
  public static void check(Key key, String algorithm, boolean signing) {
    if (isHmac(algorithm)) {
      if (!(key instanceof SecretKey)) {
        throw new InvalidConfigurationException(algorithm + " needs a secret key");
      }
      return;
    }
    if (isRsa(algorithm)) {
      boolean ok = signing ? key instanceof PrivateKey : key instanceof PublicKey;
      if (!ok) {
        throw new InvalidConfigurationException(
            algorithm + " needs an RSA " + (signing ? "private" : "public") + " key");
      }
      return;
    }
    throw new InvalidConfigurationException(
        "Unsupported signature algorithm '"
            + algorithm
            + "'; supported: "
            + new java.util.TreeSet<>(HMAC)
            + " and "
            + new java.util.TreeSet<>(RSA));
  }
}
