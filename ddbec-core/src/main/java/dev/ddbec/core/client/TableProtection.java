package dev.ddbec.core.client;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.internal.TableResolver;
import dev.ddbec.core.client.internal.TableState;
import dev.ddbec.core.internal.TableNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the items of one table are protected, resolved exactly as the helper clients resolve it: for
 * integrations that see whole items of one table at a time, such as the Enhanced Client extension
 * ({@code ddbec-enhanced}). Applications use {@link EncryptedDynamoDbClient} instead.
 *
 * <pre>{@code
 * TableProtection books = TableProtection.create(provider, PlaintextPolicy.REJECT,
 *     TableConfig.builder("Books")
 *         .attributeActions(actions)
 *         .keySchema(TableKeySchema.of("isbn", null))
 *         .build());
 * Map<String, AttributeValue> stored = books.encrypt(item);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TableProtection {
  private final TableState state;

  private TableProtection(TableState state) {
    this.state = state;
  }

  /**
   * Resolves the protection of one table.
   *
   * @param defaultProvider the materials provider, unless {@code config} names one
   * @param defaultPolicy the plaintext policy, unless {@code config} sets one
   * @param config the table's settings; its attribute actions and key schema must be set
   * @return the table's protection
   * @throws InvalidConfigurationException if {@code config} has no attribute actions or no key
   *     schema, or the actions would encrypt a key attribute
   */
  public static TableProtection create(
      MaterialsProvider defaultProvider, PlaintextPolicy defaultPolicy, TableConfig config) {
    return create(defaultProvider, defaultPolicy, config, DdbecObserver.NOOP);
  }

  /**
   * Resolves the protection of one table, reporting to {@code observer}.
   *
   * @param defaultProvider the materials provider, unless {@code config} names one
   * @param defaultPolicy the plaintext policy, unless {@code config} sets one
   * @param config the table's settings; its attribute actions and key schema must be set
   * @param observer what items encrypted, decrypted, failed or read and written in plaintext are
   *     reported to
   * @return the table's protection
   * @throws InvalidConfigurationException if {@code config} has no attribute actions or no key
   *     schema, or the actions would encrypt a key attribute
   */
  public static TableProtection create(
      MaterialsProvider defaultProvider,
      PlaintextPolicy defaultPolicy,
      TableConfig config,
      DdbecObserver observer) {
    Objects.requireNonNull(defaultProvider, "defaultProvider");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    Objects.requireNonNull(config, "config");
    if (config.attributeActions().isEmpty() || config.keySchema().isEmpty()) {
      throw new InvalidConfigurationException(
          "The configuration of table "
              + config.tableName()
              + " needs both attribute actions and a key schema to resolve its protection");
    }
    TableKeySchema keys = config.keySchema().get();
    TableResolver resolver =
        TableResolver.create(
            new ProtectionSettings(
                defaultProvider,
                config.attributeActions().get(),
                defaultPolicy,
                List.of(config),
                FormatNames.DEFAULTS,
                observer));
    String name = config.tableName();
    return new TableProtection(resolver.resolve(Set.of(name), t -> keys).get(name));
  }

  /**
   * The table name a request's table name or table ARN stands for: DynamoDB accepts a table ARN
   * wherever it accepts a name, while configurations and the table name bound into signatures are
   * about the name.
   *
   * @param nameOrArn a table name, or a table ARN
   * @return the name itself, or the name in the ARN
   * @throws InvalidConfigurationException if {@code nameOrArn} starts with {@code arn:} but is not
   *     a DynamoDB table ARN
   */
  public static String tableName(String nameOrArn) {
    return TableNames.fromNameOrArn(nameOrArn);
  }

  /**
   * The table's name.
   *
   * @return the table name
   */
  public String tableName() {
    return state.tableName();
  }

  /**
   * Whether the table's items are encrypted or signed at all (false when every action is {@link
   * CryptoAction#DO_NOTHING}).
   *
   * @return true if items are protected
   */
  public boolean isProtected() {
    return state.isProtected();
  }

  /**
   * The plaintext policy in force for the table.
   *
   * @return the policy
   */
  public PlaintextPolicy policy() {
    return state.policy();
  }

  /**
   * The names of the two attributes ddbec adds to this table's items (a {@link TableConfig}'s
   * {@code formatNames}, else the defaults).
   *
   * @return the names
   */
  public FormatNames formatNames() {
    return state.formatNames();
  }

  /**
   * The action of one attribute, key attributes protected.
   *
   * @param attributeName the attribute
   * @return its action; {@link CryptoAction#DO_NOTHING} for every attribute of an unprotected table
   */
  public CryptoAction actionFor(String attributeName) {
    return state.actionFor(attributeName);
  }

  /**
   * The item as it is to be stored: encrypted and signed, or as given for an unprotected table or
   * under {@link PlaintextPolicy#WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT}.
   *
   * @param item the plaintext item
   * @return the item to store
   */
  public Map<String, AttributeValue> encrypt(Map<String, AttributeValue> item) {
    return state.encrypt(item);
  }

  /**
   * The plaintext of a stored item: verified and decrypted, or as stored for an unprotected table
   * and for items without ddbec attributes when the policy allows them.
   *
   * @param item the stored item
   * @return the plaintext item
   * @throws ItemIntegrityException if verification fails, or the item has no ddbec attributes and
   *     the policy is {@link PlaintextPolicy#REJECT}; its {@link ItemIntegrityException#itemKey()}
   *     holds the item's primary key
   */
  public Map<String, AttributeValue> decrypt(Map<String, AttributeValue> item) {
    return state.decrypt(item);
  }

  @Override
  public String toString() {
    return "TableProtection{" + state + '}';
  }
}
