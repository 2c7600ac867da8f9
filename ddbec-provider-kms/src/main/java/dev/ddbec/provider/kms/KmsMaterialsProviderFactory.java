package dev.ddbec.provider.kms;

import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * {@code provider=kms}: a {@link KmsMaterialsProvider} that builds its own KMS client.
 *
 * <pre>
 * provider=kms
 * key-id=arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
 * # optional:
 * region=eu-west-1                   # local region (multi-Region keys, key ids without a region)
 * endpoint=http://127.0.0.1:4566     # a KMS-compatible endpoint, e.g. a local test server
 * grant-tokens=token1,token2
 * strict-key-id=false                # default: true for a key ARN or key id, false for an alias
 * content-key-spec=AES/256
 * signing-key-spec=HmacSHA256/256
 * kms-table-name=OldTableName        # table name bound into the KMS encryption context
 * description.team=payments          # extra material description entries
 * decrypt-only=true                  # instead of key-id: reads items under any key, never writes
 * </pre>
 *
 * <p>Credentials come from the SDK's default chain (system properties, environment, profile,
 * container or instance role). The provider owns the client: close it when done (it is {@link
 * AutoCloseable}). See {@code docs/providers.md}.
 */
public final class KmsMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  /** ServiceLoader constructor. */
  public KmsMaterialsProviderFactory() {
    super(
        "kms",
        "key-id",
        "decrypt-only",
        "region",
        "endpoint",
        "grant-tokens",
        "strict-key-id",
        "content-key-spec",
        "signing-key-spec",
        "kms-table-name",
        "description.*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    KmsMaterialsProvider.Builder b = KmsMaterialsProvider.builder();
    if (config.bool("decrypt-only", false)) {
      if (config.has("key-id")) {
        throw config.bad("key-id", "cannot be set with decrypt-only=true");
      }
      b.decryptOnly();
    } else {
      b.keyId(config.require("key-id"));
    }
    config.regionName("region").map(Region::of).ifPresent(b::region);
    Optional<URI> endpoint = config.httpUrl("endpoint", "https://kms.example:443");
    b.grantTokens(config.list("grant-tokens"));
    if (config.has("strict-key-id")) {
      b.strictKeyId(config.bool("strict-key-id", true));
    }
    config.optional("content-key-spec").ifPresent(b::contentKeySpec);
    config.optional("signing-key-spec").ifPresent(b::signingKeySpec);
    config.optional("kms-table-name").ifPresent(name -> b.kmsTableName(table -> name));
    b.materialDescription(config.withPrefix("description."));
    b.clientCustomizer(cb -> endpoint.ifPresent(cb::endpointOverride));
    return b.build();
  }
}
