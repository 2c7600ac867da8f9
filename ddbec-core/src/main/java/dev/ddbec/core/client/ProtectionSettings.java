package dev.ddbec.core.client;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The protection settings behind every ddbec builder ({@link EncryptedDynamoDbClient}, {@link
 * EncryptedDynamoDbAsyncClient}, {@link StreamRecordDecryptor} and the Enhanced Client's {@code
 * DynamoDbEncryptionExtension}): the materials provider, attribute actions and plaintext policy of
 * tables without their own, and the per-table settings. Those builders extend {@link Builder} (the
 * clients {@link ClientBuilder}), so each setter is written once.
 *
 * @param materialsProvider the materials provider for tables without their own
 * @param attributeActions the attribute actions for tables without their own
 * @param plaintextPolicy the plaintext policy for tables without their own
 * @param tableConfigs per-table settings, at most one per table (copied)
 * @param formatNames the attribute and description names for tables without their own
 * @param observer what items encrypted, decrypted, failed, read or written in plaintext and
 *     requests refused are reported to ({@link DdbecObserver#NOOP} for none)
 */
public record ProtectionSettings(
    MaterialsProvider materialsProvider,
    AttributeActions attributeActions,
    PlaintextPolicy plaintextPolicy,
    List<TableConfig> tableConfigs,
    FormatNames formatNames,
    DdbecObserver observer) {

  /**
   * Validates and copies.
   *
   * @param materialsProvider the materials provider for tables without their own
   * @param attributeActions the attribute actions for tables without their own
   * @param plaintextPolicy the plaintext policy for tables without their own
   * @param tableConfigs per-table settings, at most one per table (copied)
   * @param formatNames the attribute and description names for tables without their own
   * @param observer what events are reported to
   * @throws InvalidConfigurationException if a table is configured twice
   */
  public ProtectionSettings {
    Objects.requireNonNull(materialsProvider, "materialsProvider");
    Objects.requireNonNull(attributeActions, "attributeActions");
    Objects.requireNonNull(plaintextPolicy, "plaintextPolicy");
    Objects.requireNonNull(observer, "observer");
    tableConfigs = List.copyOf(tableConfigs);
    tableConfigsByName(tableConfigs);
  }

  /**
   * Settings with the default {@link FormatNames} and no observer.
   *
   * @param materialsProvider the materials provider for tables without their own
   * @param attributeActions the attribute actions for tables without their own
   * @param plaintextPolicy the plaintext policy for tables without their own
   * @param tableConfigs per-table settings, at most one per table (copied)
   * @throws InvalidConfigurationException if a table is configured twice
   */
  public ProtectionSettings(
      MaterialsProvider materialsProvider,
      AttributeActions attributeActions,
      PlaintextPolicy plaintextPolicy,
      List<TableConfig> tableConfigs) {
    this(
        materialsProvider,
        attributeActions,
        plaintextPolicy,
        tableConfigs,
        FormatNames.DEFAULTS,
        DdbecObserver.NOOP);
  }

  /**
   * The per-table settings by table name.
   *
   * @return an unmodifiable map
   */
  public Map<String, TableConfig> tableConfigsByName() {
    return tableConfigsByName(tableConfigs);
  }

  /**
   * These settings with {@code override} laid over the configuration of its table (merged into that
   * table's {@link TableConfig}, or added after the others).
   *
   * @param override settings for one table
   * @return the new settings
   */
  public ProtectionSettings withTableConfig(TableConfig override) {
    Objects.requireNonNull(override, "override");
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
    return new ProtectionSettings(
        materialsProvider, attributeActions, plaintextPolicy, configs, formatNames, observer);
  }

  /**
   * The settings for logs and {@code toString()}: the provider's class, never its keys.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "ProtectionSettings{materialsProvider="
        + materialsProvider.getClass().getSimpleName()
        + ", attributeActions="
        + attributeActions
        + ", plaintextPolicy="
        + plaintextPolicy
        + ", tableConfigs="
        + tableConfigs
        + ", formatNames="
        + formatNames
        + (observer == DdbecObserver.NOOP
            ? ""
            : ", observer=" + observer.getClass().getSimpleName())
        + '}';
  }

  private static Map<String, TableConfig> tableConfigsByName(List<TableConfig> configs) {
    Map<String, TableConfig> byName = new HashMap<>();
    for (TableConfig c : configs) {
      if (byName.putIfAbsent(c.tableName(), c) != null) {
        throw new InvalidConfigurationException(
            "Table " + c.tableName() + " is configured twice; give one TableConfig per table");
      }
    }
    return Map.copyOf(byName);
  }

  /**
   * The setters every ddbec builder shares. Not thread-safe.
   *
   * @param <B> the builder's own type
   */
  public abstract static class Builder<B extends Builder<B>> {
    private MaterialsProvider materialsProvider;
    private AttributeActions attributeActions = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);
    private PlaintextPolicy plaintextPolicy = PlaintextPolicy.REJECT;
    private final List<TableConfig> tableConfigs = new ArrayList<>();
    private FormatNames formatNames = FormatNames.DEFAULTS;
    private DdbecObserver observer = DdbecObserver.NOOP;

    /** A builder with the defaults: every attribute ENCRYPT_AND_SIGN, {@code REJECT}. */
    protected Builder() {}

    /**
     * Sets the materials provider for every table without its own. Required.
     *
     * @param provider the provider
     * @return this builder
     */
    public B materialsProvider(MaterialsProvider provider) {
      this.materialsProvider = Objects.requireNonNull(provider, "provider");
      return self();
    }

    /**
     * Sets what to do with items without ddbec attributes; default {@link PlaintextPolicy#REJECT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public B plaintextPolicy(PlaintextPolicy policy) {
      this.plaintextPolicy = Objects.requireNonNull(policy, "policy");
      return self();
    }

    /**
     * Sets what items encrypted, decrypted and failed, items read or written in plaintext and
     * requests refused are reported to (e.g. ddbec-micrometer's {@code DdbecMetrics}); default
     * {@link DdbecObserver#NOOP}, which costs nothing. See docs/observability.md.
     *
     * @param observer the observer
     * @return this builder
     */
    public B observer(DdbecObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return self();
    }

    /**
     * Sets all settings at once (for {@code toBuilder()}).
     *
     * @param settings the settings
     * @return this builder
     */
    protected B settings(ProtectionSettings settings) {
      materialsProvider(settings.materialsProvider());
      plaintextPolicy(settings.plaintextPolicy());
      observer(settings.observer());
      this.attributeActions = settings.attributeActions();
      this.formatNames = settings.formatNames();
      this.tableConfigs.clear();
      this.tableConfigs.addAll(settings.tableConfigs());
      return self();
    }

    /**
     * Sets the attribute actions for tables without their own (for subclasses that offer it).
     *
     * @param actions the actions
     * @return this builder
     */
    protected B setAttributeActions(AttributeActions actions) {
      this.attributeActions = Objects.requireNonNull(actions, "actions");
      return self();
    }

    /**
     * Sets the attribute and description names for tables without their own (for subclasses that
     * offer it).
     *
     * @param names the names
     * @return this builder
     */
    protected B setFormatNames(FormatNames names) {
      this.formatNames = Objects.requireNonNull(names, "formatNames");
      return self();
    }

    /**
     * Adds the settings of one table (for subclasses that offer it).
     *
     * @param config the table's settings
     * @return this builder
     */
    protected B addTableConfig(TableConfig config) {
      tableConfigs.add(Objects.requireNonNull(config, "config"));
      return self();
    }

    /**
     * The settings built so far.
     *
     * @param owner the simple name of what is being built, for the error message
     * @return the settings
     * @throws InvalidConfigurationException if the materials provider is missing or a table is
     *     configured twice
     */
    protected ProtectionSettings buildSettings(String owner) {
      if (materialsProvider == null) {
        throw new InvalidConfigurationException(owner + " needs a materials provider");
      }
      return new ProtectionSettings(
          materialsProvider,
          attributeActions,
          plaintextPolicy,
          tableConfigs,
          formatNames,
          observer);
    }

    /**
     * This builder, as its own type.
     *
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
      return (B) this;
    }
  }

  /**
   * The setters the two helper clients' builders share: the delegate, the attribute actions and the
   * per-table settings, with those of {@link Builder}. Not thread-safe.
   *
   * @param <B> the builder's own type
   * @param <D> the type of the delegate client
   */
  public abstract static class ClientBuilder<B extends ClientBuilder<B, D>, D> extends Builder<B> {
    private D delegate;

    /** A builder with the defaults and no delegate. */
    protected ClientBuilder() {}

    /**
     * Sets the client that talks to DynamoDB. Required. The encrypted client closes it when it is
     * closed.
     *
     * @param delegate the client
     * @return this builder
     */
    public B delegate(D delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
      return self();
    }

    /**
     * Sets the attribute actions for every table without its own; default: every attribute
     * ENCRYPT_AND_SIGN. Key attributes are protected automatically (see {@link
     * EncryptedDynamoDbClient}).
     *
     * @param actions the actions
     * @return this builder
     */
    public B attributeActions(AttributeActions actions) {
      return setAttributeActions(actions);
    }

    /**
     * Sets the names of the two attributes ddbec adds to items and the description base, for every
     * table without its own (the official Java client's {@code DynamoDBEncryptor} {@code
     * setSignatureFieldName}, {@code setMaterialDescriptionFieldName} and description base);
     * default {@link FormatNames#DEFAULTS}, the only names the official Python client reads.
     *
     * @param names the names
     * @return this builder
     */
    public B formatNames(FormatNames names) {
      return setFormatNames(names);
    }

    /**
     * Adds the settings of one table (at most one configuration per table).
     *
     * @param config the table's settings
     * @return this builder
     */
    public B tableConfig(TableConfig config) {
      return addTableConfig(config);
    }

    /**
     * Adds the settings of several tables.
     *
     * @param configs the tables' settings
     * @return this builder
     */
    public B tableConfigs(Collection<TableConfig> configs) {
      configs.forEach(this::addTableConfig);
      return self();
    }

    /**
     * The delegate.
     *
     * @param owner the simple name of the client being built, for the error message
     * @param delegateType the simple name of the delegate's type, for the error message
     * @return the delegate
     * @throws InvalidConfigurationException if it is missing
     */
    protected D requireDelegate(String owner, String delegateType) {
      if (delegate == null) {
        throw new InvalidConfigurationException(owner + " needs a delegate " + delegateType);
      }
      return delegate;
    }
  }
}
