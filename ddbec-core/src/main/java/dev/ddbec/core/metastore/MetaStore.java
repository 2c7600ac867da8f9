package dev.ddbec.core.metastore;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * Versioned key material in a DynamoDB table, in the format of the official clients' {@code
 * MetaStore} (docs/format.md §6): each row holds, for one material name and version, a random AES
 * key and HMAC key, encrypted and signed with a caller-supplied "meta" materials provider (KMS, an
 * HSM, a KeyStore, or a wrapped/static provider).
 *
 * <pre>{@code
 * MetaStore.createTable(dynamoDb, "ddbec-keys");             // once, on-demand billing
 * MetaStore store = MetaStore.builder()
 *     .dynamoDbClient(dynamoDb)
 *     .tableName("ddbec-keys")
 *     .materialsProvider(kmsProvider)                        // protects the rows
 *     .build();
 * long version = store.newVersion("orders");                 // rotate
 * MaterialsProvider p = CachingMostRecentProvider.builder()
 *     .metaStore(store).materialName("orders").ttl(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>Rows and the tables the official Java and Python clients create are interchangeable: a table
 * written by either is read by ddbec and the other way round, given the same meta provider keys.
 * Table: partition key {@code N} (string, the material name), sort key {@code V} (number, the
 * version). Row attributes {@code t} (material type, always {@code "0"}), {@code encAlg}, {@code
 * enc}, {@code intAlg} and {@code int} are encrypted and signed; {@code N} and {@code V} are signed
 * only; the table name is bound into every row's signature.
 *
 * <p>Material names must not contain {@code '#'}: the version is read back from the item's {@code
 * amzn-ddb-meta-id} description entry, {@code <name>#<version>}.
 *
 * <p><b>Versions an attacker may plant.</b> Whoever can write to the table can add rows. Two
 * settings bound what such rows can do:
 *
 * <ul>
 *   <li>{@link Builder#minimumVersion}: versions below it are retired. Items written under them are
 *       refused ({@link ItemIntegrityException}), so an old, validly signed item under a key that
 *       was retired (e.g. because it leaked) is not accepted again; new versions start at the
 *       minimum.
 *   <li>{@link Builder#maxVersionGap}: the current version ({@link #currentVersion}) is reached
 *       from the minimum in steps of at most this many versions. A row far above the others (say
 *       {@code V = 2^31 - 1}, or a number that does not even fit a {@code long}) is ignored rather
 *       than used, and rotation carries on from the real current version.
 * </ul>
 *
 * <p>DynamoDB failures are reported as {@link MaterialsUnavailableException} with the SDK exception
 * as the cause. Immutable and thread-safe; the caller owns the DynamoDB client.
 */
public final class MetaStore {
  /** Partition key attribute: the material name (type S). */
  public static final String MATERIAL_NAME_ATTRIBUTE = "N";

  /** Sort key attribute: the version (type N). */
  public static final String VERSION_ATTRIBUTE = "V";

  /** Material description entry naming the material and version an item was written with. */
  public static final String META_ID = FormatNames.META_ID;

  /** The default {@link Builder#maxVersionGap}. */
  public static final long DEFAULT_MAX_VERSION_GAP = 1000;

  private final String tableName;
  private final VersionBounds bounds;
  private final MetaStoreTable table;
  private final MetaStoreRows rows;

  private MetaStore(Builder b) {
    Objects.requireNonNull(b.client, "dynamoDbClient");
    if (b.tableName == null || b.tableName.isBlank()) {
      throw new InvalidConfigurationException("MetaStore needs the name of its DynamoDB table");
    }
    if (b.materialsProvider == null) {
      throw new InvalidConfigurationException(
          "MetaStore needs a materials provider to protect its rows (KMS, HSM, KeyStore, ...)");
    }
    this.tableName = b.tableName;
    this.bounds = new VersionBounds(tableName, b.minimumVersion, b.maxVersionGap);
    this.table = new MetaStoreTable(b.client, tableName);
    this.rows = new MetaStoreRows(tableName, b.materialsProvider, b.extraData);
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
   * Creates a MetaStore table with on-demand billing and waits until it is active.
   *
   * @param client the DynamoDB client
   * @param tableName the table name
   * @throws InvalidConfigurationException if the table already exists
   * @throws MaterialsUnavailableException if DynamoDB refuses or fails
   */
  public static void createTable(DynamoDbClient client, String tableName) {
    createTable(client, tableName, null);
  }

  /**
   * Creates a MetaStore table with provisioned throughput (on-demand billing when {@code
   * throughput} is null) and waits until it is active.
   *
   * @param client the DynamoDB client
   * @param tableName the table name
   * @param throughput read and write capacity units, or null for on-demand billing
   * @throws InvalidConfigurationException if the table already exists
   * @throws MaterialsUnavailableException if DynamoDB refuses or fails
   */
  public static void createTable(
      DynamoDbClient client, String tableName, ProvisionedThroughput throughput) {
    MetaStoreTable.create(client, tableName, throughput);
  }

  /**
   * The MetaStore's DynamoDB table name.
   *
   * @return the table name
   */
  public String tableName() {
    return tableName;
  }

  /**
   * The lowest version that is not retired ({@link Builder#minimumVersion}).
   *
   * @return the minimum version
   */
  public long minimumVersion() {
    return bounds.minimumVersion();
  }

  /**
   * The largest step between consecutive trusted versions ({@link Builder#maxVersionGap}).
   *
   * @return the gap
   */
  public long maxVersionGap() {
    return bounds.maxVersionGap();
  }

  /**
   * Creates the next version of a material: one more than the current version ({@link
   * #currentVersion}, read with consistent queries), or the minimum version if there is none. The
   * row is written with a conditional put; if a concurrent writer created the same version first,
   * that writer's row is used and its version returned, so two writers never hold different keys
   * for one version.
   *
   * @param materialName the material name (no {@code '#'})
   * @return the new version
   * @throws MaterialsUnavailableException if DynamoDB or the meta provider fails, or the versions
   *     above the minimum start more than the maximum gap above it
   */
  public long newVersion(String materialName) {
    checkMaterialName(materialName);
    OptionalLong current = currentVersion(materialName);
    if (current.isPresent() && current.getAsLong() == Long.MAX_VALUE) {
      throw new MaterialsUnavailableException(
          "Material '" + materialName + "' has reached the highest possible version");
    }
    long next = current.isPresent() ? current.getAsLong() + 1 : bounds.minimumVersion();
    return getOrCreate(materialName, next).version();
  }

  /**
   * The current version of a material: the highest version reached from the minimum version in
   * steps of at most the maximum version gap, reading every version (consistent queries). Versions
   * below the minimum are retired and skipped; a version more than the gap above the one before it,
   * and everything above, is not trusted and ignored (a planted row). Unlike {@link #maxVersion}, a
   * row with an absurd version cannot become current.
   *
   * @param materialName the material name
   * @return the current version, or empty if the material has no version at or above the minimum
   * @throws MaterialsUnavailableException if DynamoDB fails, or versions at or above the minimum
   *     exist but the lowest is more than the gap above {@code minimumVersion - 1} (set the minimum
   *     version to the lowest version in use)
   */
  public OptionalLong currentVersion(String materialName) {
    checkMaterialName(materialName);
    return bounds.current(materialName, versions(materialName, false));
  }

  /**
   * The highest version from {@code from} to {@code from + maxVersionGap} (one consistent query):
   * how a caller that already trusts {@code from} finds the current version.
   *
   * @return that version, or empty if there is none (the row of {@code from} was deleted)
   */
  OptionalLong currentVersionFrom(String materialName, long from) {
    checkMaterialName(materialName);
    checkVersion(from);
    return versionOf(table.highestBetween(materialName, from, bounds.upTo(from)), materialName);
  }

  private OptionalLong versionOf(Map<String, AttributeValue> row, String materialName) {
    return row == null ? OptionalLong.empty() : OptionalLong.of(rows.version(row, materialName));
  }

  /**
   * The highest version of a material: a consistent query on the partition key, descending by
   * version, limit 1. This is the raw highest row, which may have been planted by whoever can write
   * to the table; encryption and rotation use {@link #currentVersion} instead.
   *
   * @param materialName the material name
   * @return the highest version, or empty if the material has none
   * @throws MaterialsUnavailableException if DynamoDB fails
   */
  public OptionalLong maxVersion(String materialName) {
    checkMaterialName(materialName);
    return versionOf(table.highest(materialName), materialName);
  }

  /**
   * Every version of a material, lowest first (consistent reads, all result pages).
   *
   * @param materialName the material name
   * @return the versions
   * @throws MaterialsUnavailableException if DynamoDB fails
   */
  public List<Long> versions(String materialName) {
    checkMaterialName(materialName);
    return versions(materialName, true);
  }

  /**
   * Every version, lowest first; rows whose version is not a {@code long} in range either fail
   * ({@code strict}) or are left out (they cannot be a real version).
   */
  private List<Long> versions(String materialName, boolean strict) {
    List<Long> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : table.all(materialName)) {
      if (strict) {
        out.add(rows.version(item, materialName));
      } else {
        MetaStoreRows.parseVersion(item).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The provider for one existing version: wrapped materials (docs/format.md §5.2) with the row's
   * AES key wrapping a fresh content key per item ({@code AESWrap}), the row's HMAC key signing,
   * and {@code amzn-ddb-meta-id = <name>#<version>} in every item's description. The row is read
   * with a consistent read and verified and decrypted with the meta provider on every call; cache
   * the result (as {@link CachingMostRecentProvider} does).
   *
   * @param materialName the material name
   * @param version the version
   * @return the provider
   * @throws MaterialsUnavailableException if the version does not exist or DynamoDB or the meta
   *     provider fails
   * @throws ItemIntegrityException if the version is below the minimum version (retired), or the
   *     row fails verification or is malformed
   * @throws UnsupportedFormatException if the row has another material type or algorithms
   */
  public MaterialsProvider provider(String materialName, long version) {
    checkMaterialName(materialName);
    checkVersion(version);
    bounds.checkNotRetired(materialName, version);
    return rows.open(table.existing(materialName, version), materialName, version);
  }

  /**
   * Reads the version from an item's material description ({@code amzn-ddb-meta-id}, {@code
   * <name>#<version>}). The name part is not compared with anything: like the official clients,
   * readers look the version up under their own configured material name, and the item's signature
   * then proves whether that material's key wrote it.
   *
   * <p>Accepted: a non-empty name without {@code '#'}, one {@code '#'}, then 1 to 18 ASCII digits
   * (the values both official clients parse the same way).
   *
   * @param description an item's material description
   * @return the version
   * @throws ItemIntegrityException if the entry is missing or malformed
   */
  public static long versionFromMaterialDescription(Map<String, String> description) {
    return MetaStoreRows.versionFromDescription(description);
  }

  /**
   * Checks a material name: not empty, no {@code '#'}.
   *
   * @param materialName the name
   * @return the name
   * @throws InvalidConfigurationException if unusable
   */
  static String checkMaterialName(String materialName) {
    return MetaStoreRows.checkMaterialName(materialName);
  }

  /**
   * Copies one version to another MetaStore, e.g. the MetaStore table of another Region: the row is
   * read here (consistent read), verified and decrypted with this MetaStore's meta provider, then
   * encrypted and signed with the target's meta provider and table name and written there unless
   * the target has that version already (then nothing is written, as in the official Java client's
   * {@code MetaStore.replicate}, whose copies this reads and the other way round). Extra attributes
   * are copied with the row; the target's {@link ExtraDataSupplier} decides which are sign-only
   * there.
   *
   * @param materialName the material name
   * @param version the version to copy
   * @param target the MetaStore to copy to
   * @return true if the row was written, false if the target had that version already
   * @throws MaterialsUnavailableException if the version does not exist here, or DynamoDB or a meta
   *     provider fails
   * @throws ItemIntegrityException if the row fails verification
   */
  public boolean replicate(String materialName, long version, MetaStore target) {
    checkMaterialName(materialName);
    checkVersion(version);
    Objects.requireNonNull(target, "target");
    Map<String, AttributeValue> plain =
        rows.plaintext(table.existing(materialName, version), materialName, version);
    try {
      target.table.putIfAbsent(target.rows.protectReplica(plain, materialName, version));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** A version's provider and whether this call wrote its row. */
  record Version(long version, MaterialsProvider provider, boolean created) {}

  /**
   * Creates a version with a conditional put ({@code attribute_not_exists(N) AND
   * attribute_not_exists(V)}); if it exists already, reads it back (consistent read) and uses it.
   */
  Version getOrCreate(String materialName, long version) {
    checkMaterialName(materialName);
    checkVersion(version);
    MetaStoreRows.NewRow row = rows.create(materialName, version);
    try {
      table.putIfAbsent(row.stored());
    } catch (ConditionalCheckFailedException e) {
      // Lost the race: another writer created this version. Use its keys.
      Map<String, AttributeValue> winner = table.read(materialName, version);
      if (winner == null) {
        throw new MaterialsUnavailableException(
            "MetaStore version "
                + materialName
                + "#"
                + version
                + " was created concurrently but could not be read back from table '"
                + tableName
                + "'",
            e);
      }
      return new Version(version, rows.open(winner, materialName, version), false);
    }
    return new Version(version, row.provider(), true);
  }

  static void checkVersion(long version) {
    if (version < 0) {
      throw new InvalidConfigurationException("A MetaStore version is never negative");
    }
  }

  @Override
  public String toString() {
    return "MetaStore{table="
        + tableName
        + ", minimumVersion="
        + bounds.minimumVersion()
        + ", maxVersionGap="
        + bounds.maxVersionGap()
        + ", metaProvider="
        + rows.metaProvider()
        + '}';
  }

  /** Builder for {@link MetaStore}. Not thread-safe. */
  public static final class Builder {
    private DynamoDbClient client;
    private String tableName;
    private MaterialsProvider materialsProvider;
    private long minimumVersion;
    private long maxVersionGap = DEFAULT_MAX_VERSION_GAP;
    private ExtraDataSupplier extraData = ExtraDataSupplier.none();

    private Builder() {}

    /**
     * Extra attributes on every new row, and which extra attributes are signed only (the official
     * Java client's {@code MetaStore(ddb, table, encryptor, extraDataSupplier)}): see {@link
     * ExtraDataSupplier}. Readers of rows with sign-only extra attributes need the same supplier.
     *
     * @param supplier the supplier (default: none)
     * @return this builder
     */
    public Builder extraDataSupplier(ExtraDataSupplier supplier) {
      this.extraData = Objects.requireNonNull(supplier, "supplier");
      return this;
    }

    /**
     * Retires every version below {@code minimumVersion} (default 0: none): items written under a
     * retired version are refused with {@link ItemIntegrityException}, and new versions start at
     * the minimum. Raise it after rotating away from a key that must no longer be trusted (and
     * after re-encrypting the items still under it).
     *
     * @param minimumVersion the lowest version in use, not negative
     * @return this builder
     */
    public Builder minimumVersion(long minimumVersion) {
      this.minimumVersion = minimumVersion;
      return this;
    }

    /**
     * The largest step from one trusted version to the next (default {@value
     * MetaStore#DEFAULT_MAX_VERSION_GAP}): a version more than this above the version before it
     * (counting from the minimum) is taken for a planted row and never becomes current. Rotation
     * adds one each time, so the default leaves ample room.
     *
     * @param maxVersionGap at least 1
     * @return this builder
     */
    public Builder maxVersionGap(long maxVersionGap) {
      this.maxVersionGap = maxVersionGap;
      return this;
    }

    /**
     * The client for the MetaStore table; the caller keeps ownership (the MetaStore never closes
     * it).
     *
     * @param client a DynamoDB client
     * @return this builder
     */
    public Builder dynamoDbClient(DynamoDbClient client) {
      this.client = client;
      return this;
    }

    /**
     * The MetaStore table's name. It is bound into every row's signature, so a table cannot be
     * renamed (or restored under another name) without re-encrypting its rows.
     *
     * @param tableName the table name
     * @return this builder
     */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /**
     * The "meta" provider that encrypts and signs the rows: typically KMS or an HSM, so that
     * reading key material needs its authorization.
     *
     * @param provider the meta provider
     * @return this builder
     */
    public Builder materialsProvider(MaterialsProvider provider) {
      this.materialsProvider = provider;
      return this;
    }

    /**
     * Builds the MetaStore. Nothing is read or written until it is used.
     *
     * @return the MetaStore
     * @throws InvalidConfigurationException if the client, table name or provider is missing, the
     *     minimum version is negative or the maximum version gap is below 1
     */
    public MetaStore build() {
      return new MetaStore(this);
    }
  }
}
