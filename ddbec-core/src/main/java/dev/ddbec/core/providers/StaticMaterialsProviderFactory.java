package dev.ddbec.core.providers;

import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.core.internal.SigningOptions;

/**
 * {@code provider=static}: a {@link StaticMaterialsProvider} from key files.
 *
 * <pre>
 * provider=static
 * encryption-key=file:/keys/data.aes      # raw AES key (16, 24 or 32 bytes)
 * signing-key=file:/keys/sign.hmac        # raw HMAC key (HmacSHA256 unless signing-algorithm says)
 * </pre>
 *
 * <p>Options: {@code encryption-key} (optional: without it the provider signs only), {@code
 * signing-key} or {@code signing-private-key} + {@code signing-public-key} (RSA, PKCS#8 / X.509
 * DER), {@code signing-algorithm}, {@code description.<key>} entries. See {@code
 * docs/providers.md}.
 */
public final class StaticMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  /** ServiceLoader constructor. */
  public StaticMaterialsProviderFactory() {
    super("static", SigningOptions.NAMES, "encryption-key", "description.*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    StaticMaterialsProvider.Builder b = StaticMaterialsProvider.builder();
    config.secretKey("encryption-key", "AES").ifPresent(b::encryptionKey);
    b.applySigningOptions(config);
    return b.build();
  }
}
