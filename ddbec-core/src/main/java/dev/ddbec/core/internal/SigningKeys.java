package dev.ddbec.core.internal;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * The signing side of a provider: an HMAC key (signs and verifies), an RSA key pair, or an RSA
 * public key alone (verify only). Validated once at build time.
 */
public final class SigningKeys {
  private final Key signingKey;
  private final Key verificationKey;
  private final String algorithm;
  private final Set<String> accepted;

  private SigningKeys(
      Key signingKey, Key verificationKey, String algorithm, Collection<String> accepted) {
    this.signingKey = signingKey;
    this.verificationKey = verificationKey;
    this.algorithm = algorithm;
    Set<String> s = new TreeSet<>(accepted == null ? Set.of() : accepted);
    s.add(algorithm);
    for (String a : s) {
      SigningAlgorithms.check(verificationKey, a, false);
    }
    this.accepted = Set.copyOf(s);
  }

  /**
   * Builds and validates, accepting only the configured algorithm on items.
   *
   * @param hmacKey an HMAC key, or null
   * @param keyPair an RSA key pair, or null
   * @param verificationOnly an RSA public key for a verify-only provider, or null
   * @param algorithm the signature algorithm, or null for the key's default
   * @return the keys
   */
  public static SigningKeys of(
      SecretKey hmacKey, KeyPair keyPair, PublicKey verificationOnly, String algorithm) {
    return of(hmacKey, keyPair, verificationOnly, algorithm, null);
  }

  /**
   * Builds and validates.
   *
   * @param hmacKey an HMAC key, or null
   * @param keyPair an RSA key pair, or null
   * @param verificationOnly an RSA public key for a verify-only provider, or null
   * @param algorithm the signature algorithm, or null for the key's default
   * @param accepted further algorithms an item's {@code amzn-ddb-map-signingAlg} may name, or null
   * @return the keys
   */
  public static SigningKeys of(
      SecretKey hmacKey,
      KeyPair keyPair,
      PublicKey verificationOnly,
      String algorithm,
      Collection<String> accepted) {
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
      return new SigningKeys(hmacKey, hmacKey, alg, accepted);
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
      return new SigningKeys(priv, pub, alg, accepted);
    }
    String alg = algorithm != null ? algorithm : SigningAlgorithms.defaultFor(verificationOnly);
    SigningAlgorithms.check(verificationOnly, alg, false);
    return new SigningKeys(null, verificationOnly, alg, accepted);
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
   * The algorithms an item may name: the configured one and the extra accepted ones.
   *
   * @return an unmodifiable set
   */
  public Set<String> acceptedAlgorithms() {
    return accepted;
  }

  /**
   * The signature algorithm.
   *
   * @return the JCE name
   */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Encryption materials with these signing keys.
   *
   * @param encryptionKey the key that encrypts the attributes, or null for a sign-only provider
   * @param description the item's material description
   * @param what provider name for the error message of a verify-only provider
   * @return the materials
   * @throws InvalidConfigurationException for a verify-only provider
   */
  public EncryptionMaterials encryptionMaterials(
      SecretKey encryptionKey, Map<String, String> description, String what) {
    return EncryptionMaterials.builder()
        .encryptionKey(encryptionKey)
        .signingKey(signingKey(what))
        .signingAlgorithm(algorithm)
        .materialDescription(description)
        .build();
  }

  /**
   * Decryption materials with these verification keys and the item's own description.
   *
   * @param decryptionKey the key that decrypts the attributes, or null for a sign-only provider
   * @param context the item's encryption context
   * @return the materials
   */
  public DecryptionMaterials decryptionMaterials(
      SecretKey decryptionKey, EncryptionContext context) {
    return DecryptionMaterials.builder()
        .decryptionKey(decryptionKey)
        .verificationKey(verificationKey)
        .signingAlgorithm(algorithm)
        .acceptedSigningAlgorithms(accepted)
        .materialDescription(context.materialDescription())
        .build();
  }
}
