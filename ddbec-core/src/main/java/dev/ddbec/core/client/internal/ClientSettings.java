package dev.ddbec.core.client.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.ProtectionSettings;
import dev.ddbec.core.client.TableConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of one helper client (synchronous or asynchronous) with the table resolver made from
 * them: one implementation of building a client, of making a per-table view ({@code
 * withTableConfig}) and of describing a client in {@code toString()}. Immutable and thread-safe
 * (the resolver's caches are thread-safe).
 *
 * @param settings what the builder was given (with the view's override, for a view)
 * @param resolver the resolver made from these settings
 */
public record ClientSettings(ProtectionSettings settings, TableResolver resolver) {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSettings.class);

  /**
   * The settings of a new client.
   *
   * @param settings what the builder was given
   * @return the settings, with a new resolver
   * @throws InvalidConfigurationException if a configured key schema conflicts with the actions
   */
  public static ClientSettings create(ProtectionSettings settings) {
    ClientSettings created = new ClientSettings(settings, TableResolver.create(settings));
    LOG.info("ddbec helper client built: {}", settings);
    return created;
  }

  /**
   * The settings of a view with {@code override} laid over the configuration of its table; the
   * resolver shares this one's key schema cache.
   *
   * @param override settings for one table
   * @return the view's settings
   * @throws InvalidConfigurationException if the merged settings are invalid
   */
  public ClientSettings withTableConfig(TableConfig override) {
    return new ClientSettings(settings.withTableConfig(override), resolver.withOverride(override));
  }

  /**
   * A client's {@code toString()}: the settings, never keys.
   *
   * @param clientName the client's simple class name
   * @param view whether the client is a view made by {@code withTableConfig}
   * @return the description
   */
  public String describe(String clientName, boolean view) {
    return clientName
        + "{attributeActions="
        + settings.attributeActions()
        + ", plaintextPolicy="
        + settings.plaintextPolicy()
        + ", tableConfigs="
        + settings.tableConfigs()
        + (view ? ", view" : "")
        + '}';
  }
}
