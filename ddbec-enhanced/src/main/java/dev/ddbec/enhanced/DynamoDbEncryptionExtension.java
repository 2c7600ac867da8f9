package dev.ddbec.enhanced;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.observe.DdbecObserver.Direction;
import dev.ddbec.api.observe.DdbecObserver.VerificationFailure;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.ProtectionSettings;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.client.TableProtection;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClientExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbExtensionContext;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.ReadModification;
import software.amazon.awssdk.enhanced.dynamodb.extensions.WriteModification;
import software.amazon.awssdk.enhanced.dynamodb.internal.operations.OperationName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An Enhanced Client extension that encrypts and signs items on write and verifies and decrypts
 * them on read, in the DynamoDB Encryption Client format: items it writes are read by the official
 * Java client's {@code DynamoDBMapper} with {@code AttributeEncryptor}, and the reverse.
 *
 * <pre>{@code
 * DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder()
 *     .dynamoDbClient(DynamoDbClient.create())
 *     .extensions(
 *         VersionedRecordExtension.builder().build(),               // first ...
 *         DynamoDbEncryptionExtension.create(materialsProvider))     // ... and ddbec last
 *     .build();
 * }</pre>
 *
 * <p><b>Register it last.</b> The Enhanced Client runs extensions in list order before a write and
 * in reverse order after a read. Last in the list, this extension signs the final item (after
 * {@code VersionedRecordExtension} has set the new version, after generated timestamps) and is the
 * first to see an item read back, decrypting it before the others look at it. Optimistic locking
 * keeps working: the version attribute is never encrypted (it is signed, like keys), so {@code
 * VersionedRecordExtension}'s condition compares plaintext. An extension registered after this one
 * that reads the signed item in its {@code beforeWrite} (and so could change it, as {@code
 * VersionedRecordExtension} would) makes the write fail with {@link InvalidConfigurationException}
 * before anything is written.
 *
 * <p><b>Actions</b> come from the table schema, the way the official Java client takes them from
 * its mapped class:
 *
 * <ul>
 *   <li>every attribute of the schema: {@link CryptoAction#ENCRYPT_AND_SIGN}, or the class's {@link
 *       DdbecDefaultAction} (static schemas: {@link DdbecTags#defaultAction}), or the extension's
 *       {@link Builder#defaultAction};
 *   <li>{@link DdbecSignOnly} / {@link DdbecDoNothing} on a getter (static schemas: {@link
 *       DdbecTags#signOnly()} / {@link DdbecTags#doNothing()}) set one attribute's action;
 *   <li>primary key attributes and the {@code VersionedRecordExtension} version attribute are never
 *       encrypted: ENCRYPT_AND_SIGN becomes SIGN_ONLY, DO_NOTHING stays;
 *   <li>a secondary index key that would be encrypted is refused ({@link
 *       InvalidConfigurationException}): tag it {@code @DdbecSignOnly};
 *   <li>{@link DdbecEncryptAndSign} (static: {@link DdbecTags#encryptAndSign()}) opts one attribute
 *       in when the class default is SIGN_ONLY or DO_NOTHING;
 *   <li>attributes of a stored item that the schema does not model are left alone (neither verified
 *       nor decrypted), as the official Java client does, unless the class has {@link
 *       DdbecHandleUnknownAttributes} (static: {@link DdbecTags#handleUnknownAttributes()}): then
 *       they take the class default.
 * </ul>
 *
 * <p>Bean, immutable (builder-based, including records with a builder) and static table schemas are
 * supported. The encryption context holds the table name and the schema's primary key names; a
 * table ARN given to the Enhanced Client as the table name stands for the table's name, for the
 * context and for {@link TableConfig} look-ups. A {@link TableConfig} per table can set another
 * materials provider, a context table name (like the Java client's {@code @TableAadOverride}), a
 * plaintext policy, or replace the schema-derived actions; its key schema is ignored (the table
 * schema is the source).
 *
 * <p><b>Limits.</b> UpdateItem (including transactional updates) is refused with a {@link
 * RefusedRequestException}: the Enhanced Client builds it from a partial item, which cannot be
 * signed; use {@code putItem} (the official Java client likewise allows only {@code PUT} and {@code
 * CLOBBER}). Reads with {@code attributesToProject}, and queries of indexes that do not project all
 * attributes, return partial items; the Enhanced Client gives extensions no look at a read request,
 * so they are refused when they arrive, with {@link ItemIntegrityException}: items without their
 * signature under {@link PlaintextPolicy#REJECT}, and under the relaxed policies every item in
 * which an attribute this extension encrypts holds a binary value (ciphertext is never returned as
 * data). With the asynchronous Enhanced Client, crypto runs on the SDK's response threads
 * (extensions are synchronous); prefer {@link dev.ddbec.core.client.EncryptedDynamoDbAsyncClient}
 * when providers block.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DynamoDbEncryptionExtension implements DynamoDbEnhancedClientExtension {
  /**
   * How many (table, schema) pairs keep their resolved state; the least recently used is rebuilt
   * when needed again. Applications use a handful of schemas; the bound keeps memory flat for those
   * that create a schema per request.
   */
  static final int MAX_CACHED_SCHEMAS = 256;

  private static final String CHAIN_EXTENSION =
      "software.amazon.awssdk.enhanced.dynamodb.internal.extensions.ChainExtension";

  /**
   * The Enhanced Client's operations, which read the final item to build the request: the walk up
   * the stack stops at the first of their frames.
   */
  private static final String OPERATIONS_PACKAGE =
      "software.amazon.awssdk.enhanced.dynamodb.internal.operations.";

  /** How deep to look for the extension reading a signed item (it calls us within a few frames). */
  private static final int MAX_CALLER_FRAMES = 48;

  private static final StackWalker STACK =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final MaterialsProvider materialsProvider;
  private final CryptoAction defaultAction;
  private final PlaintextPolicy plaintextPolicy;
  private final Map<String, TableConfig> tableConfigs;
  private final DdbecObserver observer;
  private final Cache<SchemaKey, TableProtection> states =
      CacheBuilder.newBuilder().maximumSize(MAX_CACHED_SCHEMAS).build();

  private DynamoDbEncryptionExtension(ProtectionSettings settings) {
    this.materialsProvider = settings.materialsProvider();
    this.defaultAction = settings.attributeActions().defaultAction();
    this.plaintextPolicy = settings.plaintextPolicy();
    this.tableConfigs = settings.tableConfigsByName();
    this.observer = settings.observer();
    LoggerFactory.getLogger(DynamoDbEncryptionExtension.class)
        .info("ddbec DynamoDbEncryptionExtension built: {}", settings);
  }

  /**
   * An extension with default settings: every attribute ENCRYPT_AND_SIGN unless tagged, {@link
   * PlaintextPolicy#REJECT}.
   *
   * @param materialsProvider the materials provider
   * @return the extension
   */
  public static DynamoDbEncryptionExtension create(MaterialsProvider materialsProvider) {
    return builder().materialsProvider(materialsProvider).build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Encrypts and signs the item of a PutItem (also in batches and transactions); refuses UpdateItem
   * on protected tables.
   */
  @Override
  public WriteModification beforeWrite(DynamoDbExtensionContext.BeforeWrite context) {
    TableProtection table = state(context);
    if (!table.isProtected()) {
      return WriteModification.builder().build();
    }
    if (context.operationName() == OperationName.UPDATE_ITEM) {
      observer.requestRefused("UpdateItem");
      throw new RefusedRequestException(
          "UpdateItem",
          table.tableName(),
          "UpdateItem through the Enhanced Client on protected table "
              + table.tableName()
              + " is refused: it writes a partial item, which cannot be encrypted and signed"
              + " as a whole. Use putItem (with VersionedRecordExtension for optimistic locking)");
    }
    Map<String, AttributeValue> stored = table.encrypt(context.items());
    return WriteModification.builder().transformedItem(new SignedItem(stored)).build();
  }

  /**
   * Verifies and decrypts an item read from the table.
   *
   * <p>An item without ddbec attributes is refused under {@link PlaintextPolicy#REJECT}. Under the
   * relaxed policies it is returned as stored, except when an attribute that the table's actions
   * encrypt holds a binary value: that is ciphertext read without its signature (a projection, or
   * an index that does not project all attributes), refused with {@link ItemIntegrityException}.
   */
  @Override
  public ReadModification afterRead(DynamoDbExtensionContext.AfterRead context) {
    TableProtection table = state(context);
    if (!table.isProtected()) {
      return ReadModification.builder().build();
    }
    Map<String, AttributeValue> item = context.items();
    if (!item.containsKey(table.formatNames().signatureAttribute())
        && !item.containsKey(table.formatNames().materialDescriptionAttribute())) {
      try {
        checkUnsignedItem(table, item);
      } catch (ItemIntegrityException e) {
        observer.verificationFailed(table.tableName(), VerificationFailure.MISSING_SIGNATURE);
        throw e;
      }
      observer.plaintextItem(table.tableName(), Direction.READ);
      return ReadModification.builder().build();
    }
    return ReadModification.builder().transformedItem(table.decrypt(item)).build();
  }

  /**
   * Lets an item without ddbec attributes through only if the plaintext policy allows it and no
   * attribute the table encrypts holds what can only be ciphertext.
   */
  private static void checkUnsignedItem(TableProtection table, Map<String, AttributeValue> item) {
    String tableName = table.tableName();
    if (!table.policy().allowsPlaintextReads()) {
      throw new ItemIntegrityException(
          "An item read from table "
              + tableName
              + " carries no DynamoDB Encryption Client attributes ("
              + table.formatNames().signatureAttribute()
              + ", "
              + table.formatNames().materialDescriptionAttribute()
              + "). The likely cause is a projection: a read with attributesToProject, or a query"
              + " or scan of an index that does not project all attributes, returns partial items,"
              + " which cannot be verified; read whole items. Otherwise the item was written"
              + " unencrypted or the attributes were removed; only while migrating a table that"
              + " still holds plaintext items, set PlaintextPolicy.ALLOW_READ_PLAINTEXT (see"
              + " docs/migration.md)");
    }
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (e.getValue().type() == AttributeValue.Type.B
          && table.actionFor(e.getKey()) == CryptoAction.ENCRYPT_AND_SIGN) {
        throw new ItemIntegrityException(
            "An item read from table "
                + tableName
                + " carries no DynamoDB Encryption Client attributes, but its attribute '"
                + e.getKey()
                + "', which is encrypted, holds a binary value: ciphertext read without its"
                + " signature. The likely cause is a projection (attributesToProject, or an index"
                + " that does not project all attributes); read whole items. The plaintext policy"
                + " admits unsigned plaintext items, never ciphertext");
      }
    }
  }

  @Override
  public String toString() {
    return "DynamoDbEncryptionExtension{defaultAction="
        + defaultAction
        + ", plaintextPolicy="
        + plaintextPolicy
        + ", tables="
        + tableConfigs.keySet()
        + '}';
  }

  // ---------------------------------------------------------------------------------------------

  private TableProtection state(DynamoDbExtensionContext.Context context) {
    // DynamoDB accepts a table ARN wherever it accepts a name; configuration and signatures use
    // the name.
    String tableName = TableProtection.tableName(context.operationContext().tableName());
    TableSchema<?> schema = context.tableSchema();
    SchemaKey key = new SchemaKey(tableName, schema, context.tableMetadata());
    TableProtection state = states.getIfPresent(key);
    if (state == null) {
      // Two threads may build the same state at once; both results are equivalent.
      state = build(tableName, schema, context.tableMetadata());
      states.put(key, state);
    }
    return state;
  }

  /** Number of cached (table, schema) states (for tests). */
  long cachedSchemaCount() {
    states.cleanUp();
    return states.size();
  }

  /**
   * The item this extension signed, as handed to the Enhanced Client. The first time it is read, it
   * checks who reads it: the Enhanced Client building the request (this extension was last, as it
   * must be), or another extension's {@code beforeWrite} (registered after this one, it could
   * change the signed item, e.g. {@code VersionedRecordExtension} setting the new version, and the
   * item written could never be verified). The latter is refused before anything is written.
   */
  private static final class SignedItem extends AbstractMap<String, AttributeValue> {
    private final Map<String, AttributeValue> item;
    private volatile boolean checked;

    SignedItem(Map<String, AttributeValue> item) {
      this.item = Collections.unmodifiableMap(item);
    }

    private void checkReader() {
      if (checked) {
        return;
      }
      Optional<Class<?>> later =
          STACK.walk(
              frames ->
                  frames
                      .limit(MAX_CALLER_FRAMES)
                      .takeWhile(f -> !f.getClassName().startsWith(OPERATIONS_PACKAGE))
                      .filter(
                          f ->
                              "beforeWrite".equals(f.getMethodName())
                                  && DynamoDbEnhancedClientExtension.class.isAssignableFrom(
                                      f.getDeclaringClass()))
                      .findFirst()
                      .<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                      .filter(c -> !CHAIN_EXTENSION.equals(c.getName())));
      if (later.isPresent()) {
        String name =
            later.get().getSimpleName().isEmpty()
                ? later.get().getName()
                : later.get().getSimpleName();
        throw new InvalidConfigurationException(
            name
                + " is registered after DynamoDbEncryptionExtension and reads the item ddbec has"
                + " already signed; if it changed it (as VersionedRecordExtension sets the new"
                + " version), the item written could never be verified. Nothing was written."
                + " Register DynamoDbEncryptionExtension last:"
                + " DynamoDbEnhancedClient.builder().extensions(VersionedRecordExtension.builder()"
                + ".build(), <other extensions>, DynamoDbEncryptionExtension...)");
      }
      checked = true;
    }

    @Override
    public Set<Map.Entry<String, AttributeValue>> entrySet() {
      checkReader();
      return item.entrySet();
    }

    @Override
    public AttributeValue get(Object key) {
      checkReader();
      return item.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      checkReader();
      return item.containsKey(key);
    }

    @Override
    public int size() {
      checkReader();
      return item.size();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
      checkReader();
      item.forEach(action);
    }
  }

  private TableProtection build(String tableName, TableSchema<?> schema, TableMetadata metadata) {
    TableConfig config = tableConfigs.get(tableName);
    AttributeActions actions =
        config != null && config.attributeActions().isPresent()
            ? config.attributeActions().get()
            : TableSchemas.actions(schema, metadata, defaultAction);
    TableKeySchema keys = TableSchemas.keySchema(tableName, metadata);
    // The table's own settings, with the actions resolved above and the schema's keys.
    TableConfig resolved =
        (config != null ? config.toBuilder() : TableConfig.builder(tableName))
            .attributeActions(actions)
            .keySchema(keys)
            .build();
    return TableProtection.create(materialsProvider, plaintextPolicy, resolved, observer);
  }

  /** A table as seen through one table schema (schemas compare by identity). */
  private record SchemaKey(String tableName, TableSchema<?> schema, TableMetadata metadata) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SchemaKey other
          && tableName.equals(other.tableName)
          && schema == other.schema
          && metadata == other.metadata;
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          tableName, System.identityHashCode(schema), System.identityHashCode(metadata));
    }
  }

  /**
   * Builder for {@link DynamoDbEncryptionExtension}: the default action, and the settings of {@link
   * ProtectionSettings.Builder}. Not thread-safe.
   */
  public static final class Builder extends ProtectionSettings.Builder<Builder> {
    private Builder() {}

    /**
     * Sets the action of schema attributes that have no tag and whose class or schema sets no
     * default; default {@link CryptoAction#ENCRYPT_AND_SIGN}.
     *
     * @param action the action
     * @return this builder
     */
    public Builder defaultAction(CryptoAction action) {
      return setAttributeActions(AttributeActions.of(Objects.requireNonNull(action, "action")));
    }

    /**
     * Adds settings for one table (materials provider, context table name, plaintext policy, or
     * attribute actions replacing the schema's).
     *
     * @param config the table's settings
     * @return this builder
     */
    public Builder tableConfig(TableConfig config) {
      return addTableConfig(config);
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     * @throws InvalidConfigurationException if the materials provider is missing or a table is
     *     configured twice
     */
    public DynamoDbEncryptionExtension build() {
      return new DynamoDbEncryptionExtension(buildSettings("DynamoDbEncryptionExtension"));
    }
  }
}
