package dev.ddbec.api.spi;

import java.security.Key;
import java.util.Collection;
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
public final class DecryptionMaterials extends KeyMaterials {
  private final Set<String> acceptedSigningAlgorithms;

  private DecryptionMaterials(Builder b) {
    super(b, b.decryptionKey, b.verificationKey, "verificationKey", false);
    this.acceptedSigningAlgorithms =
        acceptedSigningAlgorithms(signatureKey, signingAlgorithm(), b.acceptedSigningAlgorithms);
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
    // The configured algorithm was checked against the key by KeyMaterials; a provider that
    // accepts nothing more (the usual case) passes it alone, so there is nothing else to check.
    if (extra == null || extra.isEmpty() || (extra.size() == 1 && extra.contains(configured))) {
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
    return Optional.ofNullable(aesKey);
  }

  /**
   * The verification key: an HMAC secret key or an RSA public key.
   *
   * @return the key
   */
  public Key verificationKey() {
    return signatureKey;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof DecryptionMaterials other
        && sameAs(other)
        && acceptedSigningAlgorithms.equals(other.acceptedSigningAlgorithms);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return describe("decryptionKey", "verificationKey");
  }

  /**
   * Builder for {@link DecryptionMaterials}: the keys and accepted algorithms here, the signature
   * algorithm, material description and JCA provider as for {@link EncryptionMaterials.Builder}.
   * Not thread-safe.
   */
  public static final class Builder extends KeyMaterials.Builder<Builder> {
    private SecretKey decryptionKey;
    private Key verificationKey;
    private Collection<String> acceptedSigningAlgorithms;

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
