package dev.ddbec.api.spi;

import java.security.Key;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * What {@link EncryptionMaterials} and {@link DecryptionMaterials} share: an optional AES key, a
 * signature key with its checked algorithm, the material description and the JCA provider of the
 * signature key; constant-time key equality and the redacted description. Not public API.
 */
abstract sealed class KeyMaterials permits EncryptionMaterials, DecryptionMaterials {
  /** The AES key that encrypts or decrypts attributes, or null. */
  final SecretKey aesKey;

  /** The signing or verification key. */
  final Key signatureKey;

  private final String signingAlgorithm;
  private final Map<String, String> materialDescription;
  private final Provider signingProvider;

  /**
   * Checks and copies what a builder holds.
   *
   * @param b the builder
   * @param aesKey the AES key, or null
   * @param signatureKey the signing or verification key
   * @param signatureKeyName its builder property, for the message when it is missing
   * @param signing true for a signing key, false for a verification key
   * @throws dev.ddbec.api.InvalidConfigurationException if key and algorithm do not belong together
   */
  KeyMaterials(
      Builder<?> b, SecretKey aesKey, Key signatureKey, String signatureKeyName, boolean signing) {
    this.aesKey = aesKey;
    this.signatureKey = Objects.requireNonNull(signatureKey, signatureKeyName);
    String a =
        b.signingAlgorithm != null
            ? b.signingAlgorithm
            : SigningAlgorithms.defaultFor(signatureKey);
    SigningAlgorithms.check(signatureKey, a, signing);
    this.signingAlgorithm = a;
    this.materialDescription = Map.copyOf(b.materialDescription);
    this.signingProvider = b.signingProvider;
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
   * The material description: for encryption, the one to store with the item (the item encryptor
   * adds the cipher mode and signature algorithm); for decryption, the one read from the item.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> materialDescription() {
    return materialDescription;
  }

  /**
   * The JCA provider that holds the signing or verification key, when it is not one the installed
   * providers can use: the item encryptor then signs or verifies with {@code
   * Mac.getInstance(algorithm, provider)} or {@code Signature.getInstance(algorithm, provider)}, so
   * that a provider such as a PKCS#11 token's need not be installed in {@link
   * java.security.Security}.
   *
   * @return the provider, or empty to let the installed providers choose
   */
  public Optional<Provider> signingProvider() {
    return Optional.ofNullable(signingProvider);
  }

  /** Equal keys (compared in constant time), algorithm, description and provider. */
  final boolean sameAs(KeyMaterials other) {
    return equal(aesKey, other.aesKey)
        && equal(signatureKey, other.signatureKey)
        && signingAlgorithm.equals(other.signingAlgorithm)
        && materialDescription.equals(other.materialDescription)
        && Objects.equals(signingProvider, other.signingProvider);
  }

  /**
   * Compares two keys by algorithm and encoding, the encodings in constant time. Keys without an
   * encoding equal only themselves.
   */
  private static boolean equal(Key a, Key b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || !Objects.equals(a.getAlgorithm(), b.getAlgorithm())) {
      return false;
    }
    byte[] ea = a.getEncoded();
    byte[] eb = b.getEncoded();
    return ea != null && eb != null && MessageDigest.isEqual(ea, eb);
  }

  /** A hash code that depends on nothing secret: the algorithm and the description's keys. */
  @Override
  public int hashCode() {
    return Objects.hash(signingAlgorithm, materialDescription.keySet());
  }

  /**
   * A {@code toString()} that names the keys' algorithms, never their bytes, and lists the
   * description's keys, never its values.
   *
   * @param aesKeyName the name of the AES key property
   * @param signatureKeyName the name of the signing or verification key property
   * @return the redacted description
   */
  final String describe(String aesKeyName, String signatureKeyName) {
    return getClass().getSimpleName()
        + '{'
        + aesKeyName
        + '='
        + (aesKey == null ? "none" : aesKey.getAlgorithm() + "(redacted)")
        + ", "
        + signatureKeyName
        + '='
        + signatureKey.getAlgorithm()
        + "(redacted), signingAlgorithm="
        + signingAlgorithm
        + ", materialDescriptionKeys="
        + new TreeSet<>(materialDescription.keySet())
        + '}';
  }

  /**
   * The builder settings both kinds of materials have. Not thread-safe.
   *
   * @param <B> the builder's own type
   */
  abstract static sealed class Builder<B extends Builder<B>>
      permits EncryptionMaterials.Builder, DecryptionMaterials.Builder {
    private String signingAlgorithm;
    private Map<String, String> materialDescription = Map.of();
    private Provider signingProvider;

    Builder() {}

    /**
     * Sets the signature algorithm; by default it follows from the key (HMAC keys: their own
     * algorithm; RSA keys: SHA256withRSA).
     *
     * @param algorithm HmacSHA224..512 or SHA224..512withRSA
     * @return this builder
     */
    public B signingAlgorithm(String algorithm) {
      this.signingAlgorithm = algorithm;
      return self();
    }

    /**
     * Sets the material description.
     *
     * @param description string to string map
     * @return this builder
     */
    public B materialDescription(Map<String, String> description) {
      this.materialDescription = Objects.requireNonNull(description, "materialDescription");
      return self();
    }

    /**
     * Sets the JCA provider that holds the signing or verification key (see the materials' {@code
     * signingProvider()}). Optional.
     *
     * @param provider the provider, or null to let the installed providers choose
     * @return this builder
     */
    public B signingProvider(Provider provider) {
      this.signingProvider = provider;
      return self();
    }

    /** This builder, as its own type (B is always the subclass itself). */
    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this;
    }
  }
}
