package dev.ddbec.core.providers;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.core.internal.SigningOptions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * {@code provider=wrapped}: a {@link WrappedMaterialsProvider} from key files.
 *
 * <pre>
 * provider=wrapped
 * wrapping-key=file:/keys/wrap.aes        # raw AES key: AES key wrap (RFC 3394)
 * signing-key=file:/keys/sign.hmac        # raw key: HmacSHA256
 * </pre>
 *
 * <p>RSA form: {@code wrapping-public-key} (X.509 DER) and/or {@code unwrapping-private-key}
 * (PKCS#8 DER) for RSA-OAEP; {@code signing-private-key} + {@code signing-public-key} for
 * SHA256withRSA signatures. {@code legacy-pkcs1-unwrap=true} reads items wrapped with RSA PKCS#1
 * v1.5, {@code legacy-shared-rsa-key=true} allows one RSA key to wrap and sign, {@code
 * accepted-signing-algorithms} lists further algorithms an item may name. See {@code
 * docs/providers.md}.
 */
public final class WrappedMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  /** ServiceLoader constructor. */
  public WrappedMaterialsProviderFactory() {
    super(
        "wrapped",
        SigningOptions.NAMES_AND_KEY_USE,
        "wrapping-key",
        "wrapping-public-key",
        "unwrapping-private-key",
        "description.*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    WrappedMaterialsProvider.Builder b = WrappedMaterialsProvider.builder();
    Optional<SecretKey> aes = config.secretKey("wrapping-key", "AES");
    Optional<PublicKey> pub = config.rsaPublicKey("wrapping-public-key");
    Optional<PrivateKey> priv = config.rsaPrivateKey("unwrapping-private-key");
    if (aes.isPresent() && (pub.isPresent() || priv.isPresent())) {
      throw new InvalidConfigurationException(
          "Provider 'wrapped': give either wrapping-key (AES) or"
              + " wrapping-public-key/unwrapping-private-key (RSA), not both");
    }
    if (aes.isPresent()) {
      b.wrappingKey(aes.get());
    } else if (pub.isPresent() || priv.isPresent()) {
      pub.ifPresent(k -> b.wrappingKey(k));
      priv.ifPresent(b::unwrappingKey);
    } else {
      throw config.missing("wrapping-key");
    }
    b.applySigningOptions(config);
    b.keyUsePolicy(KeyUsePolicy.from(config));
    return b.build();
  }
}
