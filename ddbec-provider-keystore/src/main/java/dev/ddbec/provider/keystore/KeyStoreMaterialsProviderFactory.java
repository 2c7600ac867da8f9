package dev.ddbec.provider.keystore;

import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import java.nio.file.Path;

/**
 * {@code provider=keystore}: a {@link KeyStoreMaterialsProvider} over a PKCS12 or JCEKS file.
 *
 * <pre>
 * provider=keystore
 * path=/etc/myapp/ddbec.p12
 * type=PKCS12                              # default; or JCEKS
 * password=file:/etc/myapp/ddbec.p12.pass  # or env:DDBEC_KEYSTORE_PASSWORD
 * encryption-alias=ddbec-encryption
 * signing-alias=ddbec-signing
 * </pre>
 *
 * <p>Options: {@code path}, {@code password}, {@code encryption-alias}, {@code signing-alias}
 * (required); {@code type}, {@code encryption-entry-password}, {@code signing-entry-password}
 * (default: the store password), {@code description.<key>} entries, {@code legacy-pkcs1-unwrap} and
 * {@code legacy-shared-rsa-key} ({@code true} to read items of old writers; default false), {@code
 * accepted-signing-algorithms} (comma-separated). Passwords are {@code file:/path} (the file's
 * text, trailing line breaks removed) or {@code env:VARIABLE} (the value as is), never inline.
 * {@code ddbec keystore create} writes a matching key store and prints this configuration. See
 * {@code docs/providers.md}.
 */
public final class KeyStoreMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  /** ServiceLoader constructor. */
  public KeyStoreMaterialsProviderFactory() {
    super(
        "keystore",
        KeyUsePolicy.OPTION_NAMES,
        "path",
        "type",
        "password",
        "encryption-alias",
        "signing-alias",
        "encryption-entry-password",
        "signing-entry-password",
        "description.*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    KeyStoreMaterialsProvider.Builder b =
        KeyStoreMaterialsProvider.builder()
            .path(Path.of(config.require("path")))
            .password(config.password("password").orElseThrow(() -> config.missing("password")))
            .encryptionAlias(config.require("encryption-alias"))
            .signingAlias(config.require("signing-alias"));
    config.optional("type").ifPresent(b::type);
    config.password("encryption-entry-password").ifPresent(b::encryptionEntryPassword);
    config.password("signing-entry-password").ifPresent(b::signingEntryPassword);
    b.materialDescription(config.withPrefix("description."));
    b.keyUsePolicy(KeyUsePolicy.from(config));
    return b.build();
  }
}
