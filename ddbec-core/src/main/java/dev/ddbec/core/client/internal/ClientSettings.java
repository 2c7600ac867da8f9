package dev.ddbec.core.client.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.TableConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings both helper clients (synchronous and asynchronous) are built from, with the table
 * resolver made from them: one implementation of building a client, of making a per-table view
 * ({@code withTableConfig}) and of describing a client in {@code toString()}. Immutable and
 * thread-safe (the resolver's caches are thread-safe).
 */
public final class ClientSettings {
  private final MaterialsProvider materialsProvider;
  private final AttributeActions attributeActions;
  private final PlaintextPolicy plaintextPolicy;
  private final List<TableConfig> tableConfigs;
  private final TableResolver resolver;

  private ClientSettings(
      MaterialsProvider materialsProvider,
      AttributeActions attributeActions,
      PlaintextPolicy plaintextPolicy,
      List<TableConfig> tableConfigs,
      TableResolver resolver) {
    this.materialsProvider = materialsProvider;
    this.attributeActions = attributeActions;
    this.plaintextPolicy = plaintextPolicy;
    this.tableConfigs = tableConfigs;
    this.resolver = resolver;
  }

  /**
   * The settings of a new client.
   *
   * @param materialsProvider the provider for tables without their own
   * @param attributeActions the actions for tables without their own
   * @param plaintextPolicy the policy for tables without their own
   * @param tableConfigs per-table settings (copied; at most one per table)
   * @return the settings, with a new resolver
   * @throws InvalidConfigurationException if a table is configured twice or a configured key schema
   *     conflicts with the actions
   */
  public static ClientSettings create(
      MaterialsProvider materialsProvider,
      AttributeActions attributeActions,
      PlaintextPolicy plaintextPolicy,
      List<TableConfig> tableConfigs) {
    List<TableConfig> configs = List.copyOf(tableConfigs);
    return new ClientSettings(
        materialsProvider,
        attributeActions,
        plaintextPolicy,
        configs,
        TableResolver.create(materialsProvider, attributeActions, plaintextPolicy, configs));
  }

  /**
   * The settings of a view with {@code override} laid over the configuration of its table (merged
   * into that table's {@link TableConfig}, or added after the others); the resolver shares this
   * one's key schema cache.
   *
   * @param override settings for one table
   * @return the view's settings
   * @throws InvalidConfigurationException if the merged settings are invalid
   */
  public ClientSettings withTableConfig(TableConfig override) {
    TableResolver r = resolver.withOverride(override);
    List<TableConfig> configs = new ArrayList<>();
    boolean merged = false;
    for (TableConfig c : tableConfigs) {
      if (c.tableName().equals(override.tableName())) {
        configs.add(c.overriddenBy(override));
        merged = true;
      } else {
        configs.add(c);
      }
    }
    if (!merged) {
      configs.add(override);
    }
    return new ClientSettings(
        materialsProvider, attributeActions, plaintextPolicy, List.copyOf(configs), r);
  }

  /** The materials provider for tables without their own. */
  public MaterialsProvider materialsProvider() {
    return materialsProvider;
  }

  /** The attribute actions for tables without their own. */
  public AttributeActions attributeActions() {
    return attributeActions;
  }

  /** The plaintext policy for tables without their own. */
  public PlaintextPolicy plaintextPolicy() {
    return plaintextPolicy;
  }

  /** The per-table settings, unmodifiable. */
  public List<TableConfig> tableConfigs() {
    return tableConfigs;
  }

  /** The resolver made from these settings. */
  public TableResolver resolver() {
    return resolver;
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
        + attributeActions
        + ", plaintextPolicy="
        + plaintextPolicy
        + ", tableConfigs="
        + tableConfigs
        + (view ? ", view" : "")
        + '}';
  }
}
