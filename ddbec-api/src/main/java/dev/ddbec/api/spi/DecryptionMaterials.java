package dev.ddbec.api.spi;

import java.security.Key;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Keys for verifying and decrypting one stored item: an AES key for attribute decryption, a
 * verification key (HMAC secret key or RSA public key) and the item's material description.
 *
 * <p>Holds secret keys: {@link #toString()} is redacted and {@link #equals(Object)} compares key
 * bytes in constant time. Immutable and thread-safe.
 */
public final class DecryptionMaterials {
  private final SecretKey decryptionKey;
  private final Key verificationKey;
  private final String signingAlgorithm;
  private final Map<String, String> materialDescription;

  private DecryptionMaterials(Builder b) {
    this.decryptionKey = b.decryptionKey;
    this.verificationKey = Objects.requireNonNull(b.verificationKey, "verificationKey");
    this.signingAlgorithm = Keys.signingAlgorithm(this.verificationKey, b.signingAlgorithm, false);
    this.materialDescription = Map.copyOf(b.materialDescription);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The AES key that decrypts ENCRYPT_AND_SIGN attributes.
   *
   * @return the AES key, or empty when nothing is to be decrypted
   */
  public Optional<SecretKey> decryptionKey() {
    return Optional.ofNullable(decryptionKey);
  }

  /**
   * The verification key: an HMAC secret key or an RSA public key.
   *
   * @return the key
   */
  public Key verificationKey() {
    return verificationKey;
  }

  /**
   * The signature algorithm: HmacSHA224..512 or SHA224..512withRSA.
   *
   * @return the JCE algorithm name
   */
  public String signingAlgorithm() {
    return signingAlgorithm;
  }

  /**
   * The material description read from the item.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> materialDescription() {
    return materialDescription;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecryptionMaterials other
        && Keys.equal(decryptionKey, other.decryptionKey)
        && Keys.equal(verificationKey, other.verificationKey)
        && signingAlgorithm.equals(other.signingAlgorithm)
        && materialDescription.equals(other.materialDescription);
  }

  @Override
  public int hashCode() {
    return Keys.hash(signingAlgorithm, materialDescription);
  }

  @Override
  public String toString() {
    return Keys.describe(
        "DecryptionMaterials",
        "decryptionKey",
        decryptionKey,
        "verificationKey",
        verificationKey,
        signingAlgorithm,
        materialDescription);
  }

  /** Builder for {@link DecryptionMaterials}. Not thread-safe. */
  public static final class Builder {
    private SecretKey decryptionKey;
    private Key verificationKey;
    private String signingAlgorithm;
    private Map<String, String> materialDescription = Map.of();

    private Builder() {}

    /**
     * Sets the AES key used to decrypt attributes. Optional when no attribute is to be decrypted.
     *
     * @param key an AES key, or null
     * @return this builder
     */
    public Builder decryptionKey(SecretKey key) {
      this.decryptionKey = key;
      return this;
    }

    /**
     * Sets the verification key: an HMAC secret key or an RSA public key. Required.
     *
     * @param key the key
     * @return this builder
     */
    public Builder verificationKey(Key key) {
      this.verificationKey = key;
      return this;
    }

    /**
     * Sets the signature algorithm; by default it follows from the key (HMAC keys: their own
     * algorithm; RSA keys: SHA256withRSA).
     *
     * @param algorithm HmacSHA224..512 or SHA224..512withRSA
     * @return this builder
     */
    public Builder signingAlgorithm(String algorithm) {
      this.signingAlgorithm = algorithm;
      return this;
    }

    /**
     * Sets the material description.
     *
     * @param description string to string map
     * @return this builder
     */
    public Builder materialDescription(Map<String, String> description) {
      this.materialDescription = Objects.requireNonNull(description, "materialDescription");
      return this;
    }

    /**
     * Builds the materials.
     *
     * @return the materials
     * @throws dev.ddbec.api.InvalidConfigurationException if the key and algorithm do not match
     */
    public DecryptionMaterials build() {
      return new DecryptionMaterials(this);
    }
  }
}
