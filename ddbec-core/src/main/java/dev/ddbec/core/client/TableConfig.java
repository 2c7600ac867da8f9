package dev.ddbec.core.client;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.EncryptionContextOperators;
import dev.ddbec.core.FormatOptions;
import dev.ddbec.core.TableNameBinding;
import dev.ddbec.core.internal.TableNames;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a helper client protects the items of one table, where it differs from the client's defaults.
 * Every setting is optional; an unset setting falls back to the client's.
 *
 * <pre>{@code
 * TableConfig books = TableConfig.builder("Books")
 *     .attributeActions(AttributeActions.builder()
 *         .action("genre", CryptoAction.SIGN_ONLY)
 *         .build())
 *     .keySchema(TableKeySchema.of("isbn", null))      // skip DescribeTable
 *     .build();
 * }</pre>
 *
 * <p>Give table configurations to {@link EncryptedDynamoDbClient.Builder#tableConfig(TableConfig)},
 * or per call to {@link EncryptedDynamoDbClient#withTableConfig(TableConfig)}, which lays the
 * settings that are set over those already in force for the table (as the official Python client's
 * {@code crypto_config=} argument does for one call).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TableConfig {
  private final String tableName;
  private final AttributeActions attributeActions;
  private final MaterialsProvider materialsProvider;
  private final TableKeySchema keySchema;
  private final String contextTableName;
  private final PlaintextPolicy plaintextPolicy;
  private final FormatOptions format;

  private TableConfig(Builder b) {
    this.tableName = b.tableName;
    this.attributeActions = b.attributeActions;
    this.materialsProvider = b.materialsProvider;
    this.keySchema = b.keySchema;
    this.contextTableName = b.contextTableName;
    this.plaintextPolicy = b.plaintextPolicy;
    this.format = b.formatOptions();
  }

  /**
   * Starts a builder for one table.
   *
   * @param tableName the DynamoDB table name, as used in requests, or the table's ARN (the
   *     configuration then applies to the table name in it)
   * @return a new builder
   * @throws InvalidConfigurationException if the name is empty, or starts with {@code arn:} but is
   *     not a DynamoDB table ARN
   */
  public static Builder builder(String tableName) {
    return new Builder(tableName);
  }

  /**
   * A builder holding this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(tableName);
    b.attributeActions = attributeActions;
    b.materialsProvider = materialsProvider;
    b.keySchema = keySchema;
    b.contextTableName = contextTableName;
    b.plaintextPolicy = plaintextPolicy;
    return b.formatOptions(format);
  }

  /**
   * The DynamoDB table this configuration applies to. It also applies to requests that name the
   * table by its ARN.
   *
   * @return the table name (never an ARN)
   */
  public String tableName() {
    return tableName;
  }

  /**
   * The table's attribute actions, before key protection is applied.
   *
   * @return the actions, if set
   */
  public Optional<AttributeActions> attributeActions() {
    return Optional.ofNullable(attributeActions);
  }

  /**
   * The materials provider for this table's items.
   *
   * @return the provider, if set
   */
  public Optional<MaterialsProvider> materialsProvider() {
    return Optional.ofNullable(materialsProvider);
  }

  /**
   * The table's key schema; when set, the client does not call {@code DescribeTable}.
   *
   * @return the key schema, if set
   */
  public Optional<TableKeySchema> keySchema() {
    return Optional.ofNullable(keySchema);
  }

  /**
   * The table name put in the encryption context, which binds it into every item signature (and
   * into the Direct KMS provider's KMS context); by default the table's own name.
   *
   * @return the name, if set
   */
  public Optional<String> contextTableName() {
    return Optional.ofNullable(contextTableName);
  }

  /**
   * What to do with items without ddbec attributes.
   *
   * @return the policy, if set
   */
  public Optional<PlaintextPolicy> plaintextPolicy() {
    return Optional.ofNullable(plaintextPolicy);
  }

  /**
   * The names of the two attributes ddbec adds to this table's items and the description base.
   *
   * @return the names, if set
   */
  public Optional<FormatNames> formatNames() {
    return Optional.ofNullable(format.formatNames());
  }

  /**
   * The operator applied to the encryption context of this table's items.
   *
   * @return the operator, if set
   */
  public Optional<UnaryOperator<EncryptionContext>> encryptionContextOperator() {
    return Optional.ofNullable(format.encryptionContextOperator());
  }

  /**
   * The whole operator over this table's encryption contexts: the {@link #contextTableName()}
   * override (the official Java client's {@code overrideEncryptionContextTableName}), then {@link
   * #encryptionContextOperator()}.
   *
   * @return the operator; the identity when neither is set
   */
  public UnaryOperator<EncryptionContext> effectiveContextOperator() {
    UnaryOperator<EncryptionContext> rename =
        contextTableName == null
            ? UnaryOperator.identity()
            : EncryptionContextOperators.overrideTableName(tableName, contextTableName);
    UnaryOperator<EncryptionContext> then = format.encryptionContextOperator();
    if (then == null) {
      return rename;
    }
    return context -> then.apply(rename.apply(context));
  }

  /**
   * Which table names the signatures of this table's items may be bound to.
   *
   * @return the binding, if set
   */
  public Optional<TableNameBinding> tableNameBinding() {
    return Optional.ofNullable(format.tableNameBinding());
  }

  /**
   * This configuration with the settings that {@code override} sets laid over it.
   *
   * @param override a configuration for the same table
   * @return the merged configuration
   * @throws InvalidConfigurationException if the table names differ
   */
  public TableConfig overriddenBy(TableConfig override) {
    if (!tableName.equals(override.tableName)) {
      throw new InvalidConfigurationException(
          "Cannot merge the configuration of table "
              + override.tableName
              + " into that of table "
              + tableName);
    }
    Builder b = toBuilder();
    override.attributeActions().ifPresent(b::attributeActions);
    override.materialsProvider().ifPresent(b::materialsProvider);
    override.keySchema().ifPresent(b::keySchema);
    override.contextTableName().ifPresent(b::contextTableName);
    override.plaintextPolicy().ifPresent(b::plaintextPolicy);
    return b.formatOptions(format.overriddenBy(override.format)).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableConfig other
        && tableName.equals(other.tableName)
        && Objects.equals(attributeActions, other.attributeActions)
        && Objects.equals(materialsProvider, other.materialsProvider)
        && Objects.equals(keySchema, other.keySchema)
        && Objects.equals(contextTableName, other.contextTableName)
        && plaintextPolicy == other.plaintextPolicy
        && format.equals(other.format);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tableName,
        attributeActions,
        materialsProvider,
        keySchema,
        contextTableName,
        plaintextPolicy,
        format);
  }

  @Override
  public String toString() {
    return "TableConfig{tableName="
        + tableName
        + (attributeActions == null ? "" : ", attributeActions=" + attributeActions)
        + (materialsProvider == null
            ? ""
            : ", materialsProvider=" + materialsProvider.getClass().getSimpleName())
        + (keySchema == null ? "" : ", keySchema=" + keySchema)
        + (contextTableName == null ? "" : ", contextTableName=" + contextTableName)
        + (plaintextPolicy == null ? "" : ", plaintextPolicy=" + plaintextPolicy)
        + (format.formatNames() == null ? "" : ", formatNames=" + format.formatNames())
        + (format.encryptionContextOperator() == null ? "" : ", encryptionContextOperator")
        + (format.tableNameBinding() == null
            ? ""
            : ", tableNameBinding=" + format.tableNameBinding())
        + '}';
  }

  /**
   * Builder for {@link TableConfig}; the format options are {@link FormatOptions.Builder}'s, unset
   * by default (the client's apply). Not thread-safe.
   */
  public static final class Builder extends FormatOptions.Builder<Builder> {
    private final String tableName;
    private AttributeActions attributeActions;
    private MaterialsProvider materialsProvider;
    private TableKeySchema keySchema;
    private String contextTableName;
    private PlaintextPolicy plaintextPolicy;

    private Builder(String tableName) {
      if (tableName == null || tableName.isEmpty()) {
        throw new InvalidConfigurationException("A table configuration needs a table name");
      }
      this.tableName = TableNames.fromNameOrArn(tableName);
    }

    /**
     * Sets the table's attribute actions. Key attributes are protected automatically: primary keys
     * become SIGN_ONLY (DO_NOTHING stays DO_NOTHING), and an action that would encrypt a primary or
     * secondary-index key is refused. Actions that are all DO_NOTHING leave the table unprotected:
     * requests for it pass through unchanged.
     *
     * @param actions the actions
     * @return this builder
     */
    public Builder attributeActions(AttributeActions actions) {
      this.attributeActions = Objects.requireNonNull(actions, "actions");
      return this;
    }

    /**
     * Sets the materials provider for this table's items.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder materialsProvider(MaterialsProvider provider) {
      this.materialsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * Sets the table's key schema, so that the client need not call {@code DescribeTable}. It must
     * be the table's real schema, secondary indexes included.
     *
     * @param schema the key schema
     * @return this builder
     */
    public Builder keySchema(TableKeySchema schema) {
      this.keySchema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * Sets the table name bound into item signatures instead of the real one, e.g. to read items
     * copied from another table (the official Java client's {@code @TableAadOverride}, or its
     * {@code EncryptionContextOperators.overrideEncryptionContextTableName(tableName, name)}): an
     * encryption-context operator ({@link EncryptionContextOperators#overrideTableName}) applied
     * before {@link #encryptionContextOperator}.
     *
     * @param name the table name for the encryption context
     * @return this builder
     */
    public Builder contextTableName(String name) {
      if (name == null || name.isEmpty()) {
        throw new InvalidConfigurationException("The context table name must not be empty");
      }
      this.contextTableName = name;
      return this;
    }

    /**
     * Sets what to do with items without ddbec attributes in this table.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder plaintextPolicy(PlaintextPolicy policy) {
      this.plaintextPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public TableConfig build() {
      return new TableConfig(this);
    }
  }
}
