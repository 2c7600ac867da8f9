package dev.ddbec.core;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one encrypt or decrypt call needs besides the item: the encryption context, the
 * attribute actions and, optionally, a materials provider that overrides the encryptor's.
 *
 * <p>The context's partition and sort key attributes must not be encrypted: build the actions with
 * {@link AttributeActions#withIndexKeys(String...)}.
 *
 * @param context table name, key names and description
 * @param actions attribute actions
 * @param materialsProvider provider for this call, or null to use the encryptor's
 */
public record CryptoConfig(
    EncryptionContext context, AttributeActions actions, MaterialsProvider materialsProvider) {

  /**
   * Validates.
   *
   * @param context table name, key names and description
   * @param actions attribute actions
   * @param materialsProvider provider for this call, or null to use the encryptor's
   * @throws InvalidConfigurationException if a key attribute would be encrypted
   */
  public CryptoConfig {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(actions, "actions");
    actions.requireKeysNotEncrypted(
        Arrays.asList(context.partitionKeyName(), context.sortKeyName()));
  }

  /**
   * A config using the encryptor's own materials provider.
   *
   * @param context table name, key names and description
   * @param actions attribute actions
   * @return the config
   * @throws InvalidConfigurationException if a key attribute would be encrypted
   */
  public static CryptoConfig of(EncryptionContext context, AttributeActions actions) {
    return new CryptoConfig(context, actions, null);
  }

  /**
   * This config with a per-call materials provider.
   *
   * @param provider the provider to use instead of the encryptor's
   * @return a new config
   */
  public CryptoConfig withMaterialsProvider(MaterialsProvider provider) {
    return new CryptoConfig(context, actions, Objects.requireNonNull(provider, "provider"));
  }

  /**
   * The per-call provider, if any.
   *
   * @return the override
   */
  public Optional<MaterialsProvider> materialsProviderOverride() {
    return Optional.ofNullable(materialsProvider);
  }
}
