package dev.ddbec.api.spi;

import java.security.Key;
import java.security.Provider;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  private final Set<String> acceptedSigningAlgorithms;
  private final Map<String, String> materialDescription;
  private final Provider signingProvider;

  private DecryptionMaterials(Builder b) {
    this.decryptionKey = b.decryptionKey;
    this.verificationKey = Objects.requireNonNull(b.verificationKey, "verificationKey");
    this.signingAlgorithm = Keys.signingAlgorithm(this.verificationKey, b.signingAlgorithm, false);
    this.acceptedSigningAlgorithms =
        acceptedSigningAlgorithms(verificationKey, signingAlgorithm, b.acceptedSigningAlgorithms);
    this.materialDescription = Map.copyOf(b.materialDescription);
    this.signingProvider = b.signingProvider;
  }

  /**
   * The allow-list for an item's {@code amzn-ddb-map-signingAlg}: the configured algorithm plus the
   * extra ones given, each checked against the key.
   *
   * @param key the verification key
   * @param configured the configured algorithm
   * @param extra further algorithms, or null
   * @return an unmodifiable set
   * @throws dev.ddbec.api.InvalidConfigurationException if an algorithm does not fit the key
   */
  static Set<String> acceptedSigningAlgorithms(
      Key key, String configured, Collection<String> extra) {
    if (extra == null || extra.isEmpty()) {
      return Set.of(configured);
    }
    Set<String> s = new TreeSet<>(extra);
    s.add(configured);
    for (String a : s) {
      SigningAlgorithms.check(key, a, false);
    }
    return Set.copyOf(s);
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
   * The signature algorithms an item may name in {@code amzn-ddb-map-signingAlg}: by default only
   * {@link #signingAlgorithm()}. An item naming another one is refused, so a stored item cannot
   * choose a weaker algorithm than the provider was configured for.
   *
   * @return an unmodifiable set that contains {@link #signingAlgorithm()}
   */
  public Set<String> acceptedSigningAlgorithms() {
    return acceptedSigningAlgorithms;
  }

  /**
   * The material description read from the item.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> materialDescription() {
    return materialDescription;
  }

  /**
   * The JCA provider that holds the verification key, when it is not one the installed providers
   * can use: the item encryptor then signs or verifies with {@code Mac.getInstance(algorithm,
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
    return o instanceof DecryptionMaterials other
        && Keys.equal(decryptionKey, other.decryptionKey)
        && Keys.equal(verificationKey, other.verificationKey)
        && signingAlgorithm.equals(other.signingAlgorithm)
        && acceptedSigningAlgorithms.equals(other.acceptedSigningAlgorithms)
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
    private Collection<String> acceptedSigningAlgorithms;
    private Map<String, String> materialDescription = Map.of();
    private Provider signingProvider;

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
     * Further signature algorithms an item may name in {@code amzn-ddb-map-signingAlg}, besides the
     * {@link #signingAlgorithm(String) signature algorithm} (which is always accepted). By default
     * none: the item must have been signed with the configured algorithm.
     *
     * @param algorithms HmacSHA224..512 or SHA224..512withRSA, each fitting the verification key
     * @return this builder
     */
    public Builder acceptedSigningAlgorithms(Collection<String> algorithms) {
      this.acceptedSigningAlgorithms = algorithms == null ? null : Set.copyOf(algorithms);
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
     * Sets the JCA provider that holds the verification key (see {@link
     * DecryptionMaterials#signingProvider()}). Optional.
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
     * @throws dev.ddbec.api.InvalidConfigurationException if the key and an algorithm do not match
     */
    public DecryptionMaterials build() {
      return new DecryptionMaterials(this);
    }
  }
}
