package dev.ddbec.core.providers;

import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.core.internal.SigningKeys;
import dev.ddbec.core.internal.SigningOptions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.crypto.SecretKey;

/**
 * The builder settings {@link StaticMaterialsProvider} and {@link WrappedMaterialsProvider} share:
 * the signing keys and algorithm, and the material description. Not public API.
 *
 * @param <B> the builder's own type
 */
abstract sealed class SigningKeyBuilder<B extends SigningKeyBuilder<B>>
    permits StaticMaterialsProvider.Builder, WrappedMaterialsProvider.Builder {
  private SecretKey hmacKey;
  private KeyPair signingKeyPair;
  private PublicKey verificationKey;
  private String signingAlgorithm;

  /** The entries stored in every item's material description. */
  Map<String, String> description = Map.of();

  SigningKeyBuilder() {}

  /**
   * Signs with HMAC (the key's algorithm if it is HmacSHA224..512, else HmacSHA256).
   *
   * @param key the HMAC key
   * @return this builder
   */
  public B hmacKey(SecretKey key) {
    this.hmacKey = key;
    return self();
  }

  /**
   * Signs with the private key and verifies with the public key (SHA256withRSA by default).
   *
   * @param keyPair an RSA key pair
   * @return this builder
   */
  public B signingKeyPair(KeyPair keyPair) {
    this.signingKeyPair = keyPair;
    return self();
  }

  /**
   * Verifies with an RSA public key only; such a provider can decrypt but not encrypt.
   *
   * @param key RSA public key
   * @return this builder
   */
  public B verificationKey(PublicKey key) {
    this.verificationKey = key;
    return self();
  }

  /**
   * Overrides the signature algorithm.
   *
   * @param algorithm HmacSHA224..512 or SHA224..512withRSA
   * @return this builder
   */
  public B signingAlgorithm(String algorithm) {
    this.signingAlgorithm = algorithm;
    return self();
  }

  /**
   * Entries stored in every item's material description.
   *
   * @param description string to string map
   * @return this builder
   */
  public B materialDescription(Map<String, String> description) {
    this.description = Objects.requireNonNull(description, "description");
    return self();
  }

  /** This builder, as its own type (B is always the subclass itself). */
  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** The signing keys configured so far, checked. */
  final SigningKeys signingKeys(Collection<String> acceptedSigningAlgorithms) {
    return SigningKeys.of(
        hmacKey, signingKeyPair, verificationKey, signingAlgorithm, acceptedSigningAlgorithms);
  }

  /**
   * Reads the signing options and the {@code description.*} entries of a configuration ({@link
   * SigningOptions}).
   */
  final void applySigningOptions(
      ProviderConfig config, Consumer<Collection<String>> acceptedSigningAlgorithms) {
    SigningOptions.apply(
        config,
        this::hmacKey,
        this::signingKeyPair,
        this::verificationKey,
        this::signingAlgorithm,
        acceptedSigningAlgorithms::accept);
    materialDescription(config.withPrefix("description."));
  }
}
