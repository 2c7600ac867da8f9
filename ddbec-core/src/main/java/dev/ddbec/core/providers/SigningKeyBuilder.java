package dev.ddbec.core.providers;

import dev.ddbec.api.spi.MaterialsProviderBuilder;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.core.internal.SigningKeys;
import dev.ddbec.core.internal.SigningOptions;
import java.security.KeyPair;
import java.security.PublicKey;
import javax.crypto.SecretKey;

/**
 * The builder settings {@link StaticMaterialsProvider} and {@link WrappedMaterialsProvider} share:
 * the signing keys and algorithm, with the material description and key-use policy of every
 * provider builder ({@link MaterialsProviderBuilder}). Not public API.
 *
 * @param <B> the builder's own type
 */
abstract sealed class SigningKeyBuilder<B extends SigningKeyBuilder<B>>
    extends MaterialsProviderBuilder<B>
    permits StaticMaterialsProvider.Builder, WrappedMaterialsProvider.Builder {
  private SecretKey hmacKey;
  private KeyPair signingKeyPair;
  private PublicKey verificationKey;
  private String signingAlgorithm;

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

  /** The signing keys configured so far, checked, with the policy's accepted algorithms. */
  final SigningKeys signingKeys() {
    return SigningKeys.of(
        hmacKey,
        signingKeyPair,
        verificationKey,
        signingAlgorithm,
        keyUsePolicy().acceptedSigningAlgorithms());
  }

  /**
   * Reads the signing options and the {@code description.*} entries of a configuration ({@link
   * SigningOptions}).
   */
  final void applySigningOptions(ProviderConfig config) {
    SigningOptions.apply(
        config,
        this::hmacKey,
        this::signingKeyPair,
        this::verificationKey,
        this::signingAlgorithm,
        this::acceptedSigningAlgorithms);
    materialDescription(config.withPrefix("description."));
  }
}
