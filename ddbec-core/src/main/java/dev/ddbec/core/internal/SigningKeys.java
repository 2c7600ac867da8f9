package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.SecretKey;

/**
 * The signing side of a provider: an HMAC key (signs and verifies), an RSA key pair, or an RSA
 * public key alone (verify only). Validated once at build time.
 */
public final class SigningKeys {
  private final Key signingKey;
  private final Key verificationKey;
  private final String algorithm;

  private SigningKeys(Key signingKey, Key verificationKey, String algorithm) {
    this.signingKey = signingKey;
    this.verificationKey = verificationKey;
    this.algorithm = algorithm;
  }

  /**
   * Builds and validates.
   *
   * @param hmacKey an HMAC key, or null
   * @param keyPair an RSA key pair, or null
   * @param verificationOnly an RSA public key for a verify-only provider, or null
   * @param algorithm the signature algorithm, or null for the key's default
   * @return the keys
   */
  public static SigningKeys of(
      SecretKey hmacKey, KeyPair keyPair, PublicKey verificationOnly, String algorithm) {
    int given =
        (hmacKey != null ? 1 : 0) + (keyPair != null ? 1 : 0) + (verificationOnly != null ? 1 : 0);
    if (given != 1) {
      throw new InvalidConfigurationException(
          "Give exactly one of: an HMAC signing key, an RSA signing key pair, or an RSA"
              + " verification key");
    }
    if (hmacKey != null) {
      String alg = algorithm != null ? algorithm : SigningAlgorithms.defaultFor(hmacKey);
      SigningAlgorithms.check(hmacKey, alg, true);
      return new SigningKeys(hmacKey, hmacKey, alg);
    }
    if (keyPair != null) {
      PrivateKey priv = keyPair.getPrivate();
      PublicKey pub = keyPair.getPublic();
      if (priv == null || pub == null) {
        throw new InvalidConfigurationException("The RSA signing key pair needs both keys");
      }
      String alg = algorithm != null ? algorithm : SigningAlgorithms.defaultFor(priv);
      SigningAlgorithms.check(priv, alg, true);
      SigningAlgorithms.check(pub, alg, false);
      return new SigningKeys(priv, pub, alg);
    }
    String alg = algorithm != null ? algorithm : SigningAlgorithms.defaultFor(verificationOnly);
    SigningAlgorithms.check(verificationOnly, alg, false);
    return new SigningKeys(null, verificationOnly, alg);
  }

  /**
   * The signing key.
   *
   * @param what provider name for the error message
   * @return the key
   * @throws InvalidConfigurationException for a verify-only provider
   */
  public Key signingKey(String what) {
    if (signingKey == null) {
      throw new InvalidConfigurationException(
          what + " was built with a verification key only and cannot encrypt");
    }
    return signingKey;
  }

  /**
   * The verification key.
   *
   * @return the key
   */
  public Key verificationKey() {
    return verificationKey;
  }

  /**
   * The signature algorithm.
   *
   * @return the JCE name
   */
  public String algorithm() {
    return algorithm;
  }
}
