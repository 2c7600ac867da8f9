package dev.ddbec.core.client.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.ProtectionSettings;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.internal.TableNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns table configurations and key schemas into {@link TableState}s, caching both. The key schema
 * cache is shared by a client and all views made from it with per-call overrides; the state cache
 * belongs to one client or view. Thread-safe.
 */
public final class TableResolver {
  private static final Logger LOG = LoggerFactory.getLogger(TableResolver.class);

  private final ItemEncryptor encryptor;
  private final AttributeActions defaultActions;
  private final PlaintextPolicy defaultPolicy;
  private final Map<String, TableConfig> configs;
  private final ConcurrentHashMap<String, TableKeySchema> discovered;
  private final ConcurrentHashMap<String, TableState> states = new ConcurrentHashMap<>();

  private TableResolver(
      ItemEncryptor encryptor,
      AttributeActions defaultActions,
      PlaintextPolicy defaultPolicy,
      Map<String, TableConfig> configs,
      ConcurrentHashMap<String, TableKeySchema> discovered) {
    this.encryptor = encryptor;
    this.defaultActions = defaultActions;
    this.defaultPolicy = defaultPolicy;
    this.configs = configs;
    this.discovered = discovered;
  }

  /**
   * A resolver for a new client, helper or extension.
   *
   * @param settings the defaults and per-table settings
   * @return the resolver
   * @throws InvalidConfigurationException if a configured key schema conflicts with the actions
   */
  public static TableResolver create(ProtectionSettings settings) {
    TableResolver resolver =
        new TableResolver(
            ItemEncryptor.builder()
                .materialsProvider(settings.materialsProvider())
                .formatNames(settings.formatNames())
                .observer(settings.observer())
                .build(),
            settings.attributeActions(),
            settings.plaintextPolicy(),
            settings.tableConfigsByName(),
            new ConcurrentHashMap<>());
    resolver.validateConfigured();
    return resolver;
  }

  /**
   * A resolver that lays {@code override} over this one's configuration of that table, sharing the
   * key schema cache.
   *
   * @param override settings for one table
   * @return the new resolver
   */
  public TableResolver withOverride(TableConfig override) {
    Objects.requireNonNull(override, "override");
    Map<String, TableConfig> merged = new HashMap<>(configs);
    merged.merge(override.tableName(), override, TableConfig::overriddenBy);
    TableResolver resolver =
        new TableResolver(encryptor, defaultActions, defaultPolicy, Map.copyOf(merged), discovered);
    resolver.validateConfigured();
    return resolver;
  }

  /*
   * Every public method takes a table name or a table ARN, as requests carry them, and resolves it
   * to the name (TableNames.fromNameOrArn): configurations, caches and the table name bound into
   * signatures are about names.
   */

  /** What this resolver's tables report to. */
  public DdbecObserver observer() {
    return encryptor.observer();
  }

  /**
   * Reports and logs (at DEBUG: a caller's mistake, and the exception says it all) a refused
   * request.
   *
   * @param refused the refusal
   * @return {@code refused}, to throw
   */
  public RefusedRequestException refused(RefusedRequestException refused) {
    encryptor.observer().requestRefused(refused.operation());
    LOG.debug("Refused {} on table {}", refused.operation(), refused.tableName().orElse("?"));
    return refused;
  }

  /** The configuration of one table (an empty one when it has none). */
  public TableConfig config(String tableNameOrArn) {
    String tableName = TableNames.fromNameOrArn(tableNameOrArn);
    TableConfig c = configs.get(tableName);
    return c != null ? c : TableConfig.builder(tableName).build();
  }

  /** Tells from configuration alone whether a table's items are encrypted or signed. */
  public boolean isProtected(String tableNameOrArn) {
    return !config(tableNameOrArn).attributeActions().orElse(defaultActions).allDoNothing();
  }

  /**
   * Tells whether resolving a table needs its key schema from {@code DescribeTable} first.
   *
   * @param tableNameOrArn the table
   * @return true if the table is protected and its schema is neither configured nor cached
   */
  public boolean needsDescription(String tableNameOrArn) {
    return isProtected(tableNameOrArn)
        && config(tableNameOrArn).keySchema().isEmpty()
        && !discovered.containsKey(TableNames.fromNameOrArn(tableNameOrArn));
  }

  /**
   * Forgets what {@code DescribeTable} said about a table (after UpdateTable or DeleteTable, or
   * when a request names an index the cached schema does not know).
   */
  public void forget(String tableNameOrArn) {
    String tableName;
    try {
      tableName = TableNames.fromNameOrArn(tableNameOrArn);
    } catch (InvalidConfigurationException notATable) {
      return; // nothing is cached under it; the control-plane request gets DynamoDB's answer
    }
    if (tableName != null) {
      discovered.remove(tableName);
      states.remove(tableName);
    }
  }

  /**
   * The distinct tables a request names, in order.
   *
   * @param names the table names (or ARNs) of a request
   * @return the names, without repeats
   * @throws InvalidConfigurationException if a name is missing or empty
   */
  public static Set<String> requestTables(Collection<String> names) {
    Set<String> unique = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new InvalidConfigurationException("The request names no table");
      }
      unique.add(name);
    }
    return unique;
  }

  /*
   * Resolving the tables of a request takes up to RESOLVE_ATTEMPTS rounds, the same in the sync and
   * async clients (only how DescribeTable is sent differs): describe what toDescribe says, then
   * resolve. A round comes back empty when a cached key schema was dropped meanwhile (UpdateTable or
   * DeleteTable through the client, from another thread); the last round describes every protected
   * table without looking at the cache, so it always resolves (or fails with DescribeTable's error).
   */

  /** How many rounds resolving the tables of one request may take. */
  public static final int RESOLVE_ATTEMPTS = 3;

  /**
   * The tables to describe in round {@code attempt} of resolving {@code names}.
   *
   * @param names the tables of a request (from {@link #requestTables})
   * @param attempt the round, from 1 to {@link #RESOLVE_ATTEMPTS}
   * @return the protected tables whose key schema is neither configured nor cached; in the last
   *     round, every protected table whose schema is not configured
   * @throws InvalidConfigurationException if a name is a malformed ARN
   */
  public Set<String> toDescribe(Set<String> names, int attempt) {
    boolean last = attempt >= RESOLVE_ATTEMPTS;
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (last ? isProtected(name) && config(name).keySchema().isEmpty() : needsDescription(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * The states of the tables, with the key schemas described in this round.
   *
   * @param names the tables of a request (from {@link #requestTables})
   * @param described the key schemas read with {@code DescribeTable}, by the names given to it
   * @return the tables; empty if a schema needed was neither cached nor described (it was dropped
   *     after {@link #toDescribe}: another round is needed); never empty when {@code described}
   *     holds every table {@link #toDescribe} named in the last round
   * @throws InvalidConfigurationException if the actions would encrypt a key attribute
   */
  public Optional<Tables> resolve(Set<String> names, Map<String, TableKeySchema> described) {
    Map<String, TableState> states = new HashMap<>();
    for (String name : names) {
      Optional<TableState> state = state(name, described);
      if (state.isEmpty()) {
        return Optional.empty();
      }
      states.put(state.get().tableName(), state.get());
    }
    return Optional.of(name -> states.get(TableNames.fromNameOrArn(name)));
  }

  /**
   * The states of the tables, describing with {@code describe} (blocking) what is needed: the
   * rounds of {@link #toDescribe} and {@link #resolve(Set, Map)} in one call.
   *
   * @param names the tables of a request (from {@link #requestTables})
   * @param describe reads the key schema of a table (DescribeTable), by name or ARN as given
   * @return the tables
   */
  public Tables resolve(Set<String> names, Function<String, TableKeySchema> describe) {
    for (int attempt = 1; ; attempt++) {
      Map<String, TableKeySchema> described = new HashMap<>();
      for (String name : toDescribe(names, attempt)) {
        described.put(name, describe.apply(name));
      }
      Optional<Tables> tables = resolve(names, described);
      if (tables.isPresent()) {
        return tables.get();
      }
    }
  }

  private Optional<TableState> state(String tableNameOrArn, Map<String, TableKeySchema> described) {
    String tableName = TableNames.fromNameOrArn(tableNameOrArn);
    TableState cached = states.get(tableName);
    TableKeySchema known = knownSchema(tableName);
    if (cached != null && (!cached.isProtected() || cached.schema() == known)) {
      return Optional.of(cached);
    }
    if (known == null && isProtected(tableName)) {
      known = described.get(tableNameOrArn);
      if (known == null) {
        return Optional.empty();
      }
      discovered.put(tableName, known);
    }
    TableState state = build(tableName, known);
    states.put(tableName, state);
    return Optional.of(state);
  }

  /**
   * The exception for a failed {@code DescribeTable} sent to learn a table's key schema: DynamoDB's
   * {@link ResourceNotFoundException} becomes an {@link InvalidConfigurationException} naming the
   * table, where the client looked (region, endpoint) and the likely causes, with the SDK exception
   * as its cause; any other failure is returned unchanged.
   *
   * @param tableNameOrArn the table as the request named it
   * @param failure what {@code DescribeTable} threw (unwrapped)
   * @param client the configuration of the client that sent it (for its region and endpoint)
   * @return the exception to throw
   */
  public static RuntimeException describeFailed(
      String tableNameOrArn,
      RuntimeException failure,
      Supplier<DynamoDbServiceClientConfiguration> client) {
    if (!(failure instanceof ResourceNotFoundException)) {
      return failure;
    }
    String where = "";
    try {
      DynamoDbServiceClientConfiguration c = client.get();
      where =
          " (region "
              + c.region()
              + c.endpointOverride().map(u -> ", endpoint " + u).orElse("")
              + ")";
    } catch (RuntimeException ignored) {
      // A client without a configuration to show: the message goes without it.
    }
    return new InvalidConfigurationException(
        "Table "
            + tableNameOrArn
            + " does not exist where the DynamoDB client looks"
            + where
            + ": ddbec's DescribeTable, which reads the table's key schema, found no such table."
            + " Likely causes: the table was not created yet (create it first), or the client"
            + " points at another region, account or endpoint than the table (check the region"
            + " and endpointOverride of the client given as delegate). To skip DescribeTable,"
            + " give the key schema in a TableConfig",
        failure);
  }

  private TableKeySchema knownSchema(String tableName) {
    return config(tableName).keySchema().orElseGet(() -> discovered.get(tableName));
  }

  private void validateConfigured() {
    for (TableConfig c : configs.values()) {
      if (c.keySchema().isPresent()) {
        build(c.tableName(), c.keySchema().get());
      }
    }
  }

  private TableState build(String tableName, TableKeySchema schema) {
    TableConfig config = config(tableName);
    PlaintextPolicy policy = config.plaintextPolicy().orElse(defaultPolicy);
    AttributeActions actions = config.attributeActions().orElse(defaultActions);
    if (actions.allDoNothing()) {
      return TableState.unprotected(tableName, policy);
    }
    CryptoConfig crypto = schema.cryptoConfig(tableName, actions);
    if (config.materialsProvider().isPresent()) {
      crypto = crypto.withMaterialsProvider(config.materialsProvider().get());
    }
    return new TableState(tableName, schema, tableEncryptor(config), crypto, policy);
  }

  /** The client's encryptor, or one with the table's names, context operator and binding. */
  private ItemEncryptor tableEncryptor(TableConfig config) {
    if (config.formatNames().isEmpty()
        && config.contextTableName().isEmpty()
        && config.encryptionContextOperator().isEmpty()
        && config.tableNameBinding().isEmpty()) {
      return encryptor;
    }
    ItemEncryptor.Builder b =
        encryptor.toBuilder().encryptionContextOperator(config.effectiveContextOperator());
    config.formatNames().ifPresent(b::formatNames);
    config.tableNameBinding().ifPresent(b::tableNameBinding);
    return b.build();
  }
}
