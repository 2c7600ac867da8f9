package dev.ddbec.api.spi;

import java.security.Key;
import java.security.Provider;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Keys for protecting one item: an AES key for attribute encryption, a signing key (HMAC secret key
 * or RSA private key) and the material description to store with the item.
 *
 * <p>Holds secret keys: {@link #toString()} is redacted and {@link #equals(Object)} compares key
 * bytes in constant time. Immutable and thread-safe.
 */
public final class EncryptionMaterials {
  private final SecretKey encryptionKey;
  private final Key signingKey;
  private final String signingAlgorithm;
  private final Map<String, String> materialDescription;
  private final Provider signingProvider;

  private EncryptionMaterials(Builder b) {
    this.encryptionKey = b.encryptionKey;
    this.signingKey = Objects.requireNonNull(b.signingKey, "signingKey");
    this.signingAlgorithm = Keys.signingAlgorithm(this.signingKey, b.signingAlgorithm, true);
    this.materialDescription = Map.copyOf(b.materialDescription);
    this.signingProvider = b.signingProvider;
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
   * The AES key that encrypts ENCRYPT_AND_SIGN attributes.
   *
   * @return the AES key, or empty when nothing is to be encrypted
   */
  public Optional<SecretKey> encryptionKey() {
    return Optional.ofNullable(encryptionKey);
  }

  /**
   * The signing key: an HMAC secret key or an RSA private key.
   *
   * @return the key
   */
  public Key signingKey() {
    return signingKey;
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
   * The material description to store with the item (the item encryptor adds the cipher mode and
   * signature algorithm).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> materialDescription() {
    return materialDescription;
  }

  /**
   * The JCA provider that holds the signing key, when it is not one the installed providers can
   * use: the item encryptor then signs or verifies with {@code Mac.getInstance(algorithm,
   * provider)} or {@code Signature.getInstance(algorithm, provider)}, so that a provider such as a
   * PKCS#11 token's need not be installed in {@link java.security.Security}.
   *
   * @return the provider, or empty to let the installed providers choose
   */
  public Optional<Provider> signingProvider() {
    return Optional.ofNullable(signingProvider);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptionMaterials other
        && Keys.equal(encryptionKey, other.encryptionKey)
        && Keys.equal(signingKey, other.signingKey)
        && signingAlgorithm.equals(other.signingAlgorithm)
        && materialDescription.equals(other.materialDescription)
        && Objects.equals(signingProvider, other.signingProvider);
  }

  @Override
  public int hashCode() {
    return Keys.hash(signingAlgorithm, materialDescription);
  }

  @Override
  public String toString() {
    return Keys.describe(
        "EncryptionMaterials",
        "encryptionKey",
        encryptionKey,
        "signingKey",
        signingKey,
        signingAlgorithm,
        materialDescription);
  }

  /** Builder for {@link EncryptionMaterials}. Not thread-safe. */
  public static final class Builder {
    private SecretKey encryptionKey;
    private Key signingKey;
    private String signingAlgorithm;
    private Map<String, String> materialDescription = Map.of();
    private Provider signingProvider;

    private Builder() {}

    /**
     * Sets the AES key used to encrypt attributes. Optional when no attribute is to be encrypted.
     *
     * @param key an AES key, or null
     * @return this builder
     */
    public Builder encryptionKey(SecretKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * Sets the signing key: an HMAC secret key or an RSA private key. Required.
     *
     * @param key the key
     * @return this builder
     */
    public Builder signingKey(Key key) {
      this.signingKey = key;
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
     * Sets the JCA provider that holds the signing key (see {@link
     * EncryptionMaterials#signingProvider()}). Optional.
     *
     * @param provider the provider, or null to let the installed providers choose
     * @return this builder
     */
    public Builder signingProvider(Provider provider) {
      this.signingProvider = provider;
      return this;
    }

    /**
     * Builds the materials.
     *
     * @return the materials
     * @throws dev.ddbec.api.InvalidConfigurationException if the key and algorithm do not match
     */
    public EncryptionMaterials build() {
      return new EncryptionMaterials(this);
    }
  }
}
