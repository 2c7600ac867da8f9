package dev.ddbec.core.metastore;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

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

  private static final String TYPE = "t";
  private static final String ENC_ALG = "encAlg";
  private static final String ENC = "enc";
  private static final String INT_ALG = "intAlg";
  private static final String INT = "int";
  private static final String MATERIAL_TYPE_VERSION = "0";
  private static final int KEY_BYTES = 32;

  /** The default {@link Builder#maxVersionGap}. */
  public static final long DEFAULT_MAX_VERSION_GAP = 1000;

  private final DynamoDbClient client;
  private final String tableName;
  private final long minimumVersion;
  private final long maxVersionGap;
  private final ItemEncryptor encryptor;
  private final CryptoConfig rowConfig;
  private final SecureRandom random = new SecureRandom();

  private MetaStore(Builder b) {
    this.client = Objects.requireNonNull(b.client, "dynamoDbClient");
    if (b.tableName == null || b.tableName.isBlank()) {
      throw new InvalidConfigurationException("MetaStore needs the name of its DynamoDB table");
    }
    if (b.materialsProvider == null) {
      throw new InvalidConfigurationException(
          "MetaStore needs a materials provider to protect its rows (KMS, HSM, KeyStore, ...)");
    }
    if (b.minimumVersion < 0) {
      throw new InvalidConfigurationException("A MetaStore's minimum version must not be negative");
    }
    if (b.maxVersionGap < 1) {
      throw new InvalidConfigurationException(
          "A MetaStore's maximum version gap must be at least 1");
    }
    this.tableName = b.tableName;
    this.minimumVersion = b.minimumVersion;
    this.maxVersionGap = b.maxVersionGap;
    this.encryptor = ItemEncryptor.create(b.materialsProvider);
    this.rowConfig =
        CryptoConfig.of(
            EncryptionContext.builder()
                .tableName(tableName)
                .partitionKeyName(MATERIAL_NAME_ATTRIBUTE)
                .sortKeyName(VERSION_ATTRIBUTE)
                .build(),
            AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN)
                .withIndexKeys(MATERIAL_NAME_ATTRIBUTE, VERSION_ATTRIBUTE));
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
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tableName, "tableName");
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName(MATERIAL_NAME_ATTRIBUTE)
                    .attributeType(ScalarAttributeType.S)
                    .build(),
                AttributeDefinition.builder()
                    .attributeName(VERSION_ATTRIBUTE)
                    .attributeType(ScalarAttributeType.N)
                    .build())
            .keySchema(
                KeySchemaElement.builder()
                    .attributeName(MATERIAL_NAME_ATTRIBUTE)
                    .keyType(KeyType.HASH)
                    .build(),
                KeySchemaElement.builder()
                    .attributeName(VERSION_ATTRIBUTE)
                    .keyType(KeyType.RANGE)
                    .build());
    if (throughput == null) {
      request.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput);
    }
    try {
      client.createTable(request.build());
    } catch (ResourceInUseException e) {
      throw new InvalidConfigurationException(
          "DynamoDB table '" + tableName + "' already exists; choose another MetaStore table name",
          e);
    } catch (SdkException e) {
      throw failure("CreateTable", tableName, e);
    }
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
      waiter
          .waitUntilTableExists(r -> r.tableName(tableName))
          .matched()
          .exception()
          .ifPresent(
              t -> {
                throw new MaterialsUnavailableException(
                    "MetaStore table '" + tableName + "' did not become active", t);
              });
    } catch (SdkException e) {
      throw failure("DescribeTable", tableName, e);
    }
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
    return minimumVersion;
  }

  /**
   * The largest step between consecutive trusted versions ({@link Builder#maxVersionGap}).
   *
   * @return the gap
   */
  public long maxVersionGap() {
    return maxVersionGap;
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
    long next = current.isPresent() ? current.getAsLong() + 1 : minimumVersion;
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
    long previous = minimumVersion - 1;
    OptionalLong current = OptionalLong.empty();
    for (long version : versions(materialName, false)) {
      if (version <= previous) {
        continue; // retired (below the minimum)
      }
      if (version > upTo(previous)) {
        if (current.isEmpty()) {
          throw new MaterialsUnavailableException(
              "The lowest version of material '"
                  + materialName
                  + "' in MetaStore table '"
                  + tableName
                  + "' at or above the minimum version "
                  + minimumVersion
                  + " is "
                  + version
                  + ", more than the maximum version gap ("
                  + maxVersionGap
                  + ") above it; set the minimum version to the lowest version in use");
        }
        break; // a planted version far above the real ones
      }
      previous = version;
      current = OptionalLong.of(version);
    }
    return current;
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
    QueryResponse response;
    try {
      response =
          client.query(
              QueryRequest.builder()
                  .tableName(tableName)
                  .consistentRead(true)
                  .keyConditionExpression("#n = :n AND #v BETWEEN :from AND :to")
                  .projectionExpression("#v")
                  .expressionAttributeNames(
                      Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE))
                  .expressionAttributeValues(
                      Map.of(
                          ":n", AttributeValue.fromS(materialName),
                          ":from", AttributeValue.fromN(Long.toString(from)),
                          ":to", AttributeValue.fromN(Long.toString(upTo(from)))))
                  .scanIndexForward(false)
                  .limit(1)
                  .build());
    } catch (SdkException e) {
      throw failure("Query", tableName, e);
    }
    if (!response.hasItems() || response.items().isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(version(response.items().get(0), materialName));
  }

  /** The highest version trusted after {@code version}, without overflow. */
  private long upTo(long version) {
    return version > Long.MAX_VALUE - maxVersionGap ? Long.MAX_VALUE : version + maxVersionGap;
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
    QueryResponse response;
    try {
      response = client.query(versionQuery(materialName).scanIndexForward(false).limit(1).build());
    } catch (SdkException e) {
      throw failure("Query", tableName, e);
    }
    if (!response.hasItems() || response.items().isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(version(response.items().get(0), materialName));
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
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse response;
      try {
        QueryRequest.Builder q = versionQuery(materialName).scanIndexForward(true);
        if (start != null) {
          q.exclusiveStartKey(start);
        }
        response = client.query(q.build());
      } catch (SdkException e) {
        throw failure("Query", tableName, e);
      }
      for (Map<String, AttributeValue> item : response.items()) {
        if (strict) {
          out.add(version(item, materialName));
        } else {
          parseVersion(item).ifPresent(out::add);
        }
      }
      start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
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
    if (version < minimumVersion) {
      throw new ItemIntegrityException(
          "Version "
              + version
              + " of material '"
              + materialName
              + "' is retired: MetaStore table '"
              + tableName
              + "' is configured with minimum version "
              + minimumVersion
              + ". Items written under a retired version are refused; re-encrypt them under a"
              + " current version before raising the minimum");
    }
    Map<String, AttributeValue> stored = read(materialName, version);
    if (stored == null) {
      throw new MaterialsUnavailableException(
          "MetaStore table '"
              + tableName
              + "' has no version "
              + version
              + " of material '"
              + materialName
              + "'");
    }
    return fromStoredRow(stored, materialName, version);
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
    String id = description.get(META_ID);
    if (id == null) {
      throw new ItemIntegrityException(
          "The item's material description has no "
              + META_ID
              + ": it was not written by a MetaStore-backed (most-recent) provider");
    }
    int hash = id.indexOf('#');
    String digits = hash < 0 ? "" : id.substring(hash + 1);
    boolean ok = hash > 0 && !digits.isEmpty() && digits.length() <= 18;
    for (int i = 0; ok && i < digits.length(); i++) {
      char c = digits.charAt(i);
      ok = c >= '0' && c <= '9';
    }
    if (!ok) {
      throw new ItemIntegrityException(
          "The item's " + META_ID + " is not of the form <material name>#<version>");
    }
    return Long.parseLong(digits);
  }

  /**
   * Checks a material name: not empty, no {@code '#'}.
   *
   * @param materialName the name
   * @return the name
   * @throws InvalidConfigurationException if unusable
   */
  static String checkMaterialName(String materialName) {
    if (materialName == null || materialName.isEmpty()) {
      throw new InvalidConfigurationException("A MetaStore material name must not be empty");
    }
    if (materialName.indexOf('#') >= 0) {
      throw new InvalidConfigurationException(
          "MetaStore material name '"
              + materialName
              + "' contains '#': items record '<name>#<version>', so names with '#' cannot be"
              + " read back by ddbec or the official clients");
    }
    return materialName;
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
    byte[] enc = new byte[KEY_BYTES];
    byte[] integrity = new byte[KEY_BYTES];
    random.nextBytes(enc);
    random.nextBytes(integrity);
    try {
      Map<String, AttributeValue> plain = new LinkedHashMap<>();
      plain.put(MATERIAL_NAME_ATTRIBUTE, AttributeValue.fromS(materialName));
      plain.put(VERSION_ATTRIBUTE, AttributeValue.fromN(Long.toString(version)));
      plain.put(TYPE, AttributeValue.fromS(MATERIAL_TYPE_VERSION));
      plain.put(ENC_ALG, AttributeValue.fromS("AES"));
      plain.put(ENC, AttributeValue.fromB(SdkBytes.fromByteArray(enc)));
      plain.put(INT_ALG, AttributeValue.fromS(SigningAlgorithms.DEFAULT_HMAC));
      plain.put(INT, AttributeValue.fromB(SdkBytes.fromByteArray(integrity)));
      Map<String, AttributeValue> stored = protect(plain, materialName, version);
      try {
        client.putItem(
            r ->
                r.tableName(tableName)
                    .item(stored)
                    .conditionExpression("attribute_not_exists(#n) AND attribute_not_exists(#v)")
                    .expressionAttributeNames(
                        Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE)));
      } catch (ConditionalCheckFailedException e) {
        // Lost the race: another writer created this version. Use its keys.
        Map<String, AttributeValue> winner = read(materialName, version);
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
        return new Version(version, fromStoredRow(winner, materialName, version), false);
      } catch (SdkException e) {
        throw failure("PutItem", tableName, e);
      }
      return new Version(
          version, provider(materialName, version, "AES", enc, "HmacSHA256", integrity), true);
    } finally {
      Arrays.fill(enc, (byte) 0);
      Arrays.fill(integrity, (byte) 0);
    }
  }

  private Map<String, AttributeValue> protect(
      Map<String, AttributeValue> plain, String materialName, long version) {
    try {
      return encryptor.encryptItem(plain, rowConfig);
    } catch (MaterialsUnavailableException | InvalidConfigurationException e) {
      throw e;
    } catch (DdbecException e) {
      throw new MaterialsUnavailableException(
          "The meta provider could not protect MetaStore row "
              + materialName
              + "#"
              + version
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private QueryRequest.Builder versionQuery(String materialName) {
    return QueryRequest.builder()
        .tableName(tableName)
        .consistentRead(true)
        .keyConditionExpression("#n = :n")
        .projectionExpression("#v")
        .expressionAttributeNames(Map.of("#n", MATERIAL_NAME_ATTRIBUTE, "#v", VERSION_ATTRIBUTE))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(materialName)));
  }

  private Map<String, AttributeValue> read(String materialName, long version) {
    try {
      Map<String, AttributeValue> item =
          client
              .getItem(
                  r ->
                      r.tableName(tableName)
                          .consistentRead(true)
                          .key(
                              Map.of(
                                  MATERIAL_NAME_ATTRIBUTE,
                                  AttributeValue.fromS(materialName),
                                  VERSION_ATTRIBUTE,
                                  AttributeValue.fromN(Long.toString(version)))))
              .item();
      return item == null || item.isEmpty() ? null : item;
    } catch (SdkException e) {
      throw failure("GetItem", tableName, e);
    }
  }

  private static OptionalLong parseVersion(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(VERSION_ATTRIBUTE);
    if (v == null || v.type() != AttributeValue.Type.N) {
      return OptionalLong.empty();
    }
    try {
      long version = Long.parseLong(v.n());
      return version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private long version(Map<String, AttributeValue> item, String materialName) {
    AttributeValue v = item.get(VERSION_ATTRIBUTE);
    if (v == null || v.type() != AttributeValue.Type.N) {
      throw new ItemIntegrityException(
          "A row of material '"
              + materialName
              + "' in MetaStore table '"
              + tableName
              + "' has no numeric version "
              + VERSION_ATTRIBUTE);
    }
    try {
      long version = Long.parseLong(v.n());
      checkVersion(version);
      return version;
    } catch (NumberFormatException | InvalidConfigurationException e) {
      throw new ItemIntegrityException(
          "A row of material '"
              + materialName
              + "' in MetaStore table '"
              + tableName
              + "' has a version that is not a non-negative integer",
          e);
    }
  }

  private MaterialsProvider fromStoredRow(
      Map<String, AttributeValue> stored, String materialName, long version) {
    String where =
        "MetaStore row " + materialName + "#" + version + " of table '" + tableName + "'";
    Map<String, AttributeValue> row;
    try {
      row = encryptor.decryptItem(stored, rowConfig);
    } catch (ItemIntegrityException e) {
      throw new ItemIntegrityException(where + " failed verification: " + e.getMessage(), e);
    } catch (MaterialsUnavailableException e) {
      throw new MaterialsUnavailableException(
          where + " could not be decrypted with the meta provider: " + e.getMessage(), e);
    }
    AttributeValue n = row.get(MATERIAL_NAME_ATTRIBUTE);
    AttributeValue v = row.get(VERSION_ATTRIBUTE);
    if (n == null
        || !materialName.equals(n.s())
        || v == null
        || v.n() == null
        || version(row, materialName) != version) {
      throw new ItemIntegrityException(where + " holds another material name or version");
    }
    String type = string(row, TYPE, where);
    if (!MATERIAL_TYPE_VERSION.equals(type)) {
      throw new UnsupportedFormatException(
          where + " has material type '" + TYPE + "' other than \"0\"; ddbec reads type 0 only");
    }
    String encAlg = string(row, ENC_ALG, where);
    String intAlg = string(row, INT_ALG, where);
    byte[] enc = binary(row, ENC, where);
    byte[] integrity = binary(row, INT, where);
    try {
      if (!"AES".equals(encAlg)) {
        throw new UnsupportedFormatException(where + " has an encryption algorithm other than AES");
      }
      if (enc.length != 16 && enc.length != 24 && enc.length != 32) {
        throw new ItemIntegrityException(where + " has an AES key of " + enc.length + " bytes");
      }
      if (!SigningAlgorithms.isHmac(intAlg)) {
        throw new UnsupportedFormatException(where + " has an integrity algorithm other than HMAC");
      }
      if (integrity.length == 0) {
        throw new ItemIntegrityException(where + " has an empty integrity key");
      }
      return provider(materialName, version, encAlg, enc, intAlg, integrity);
    } finally {
      Arrays.fill(enc, (byte) 0);
      Arrays.fill(integrity, (byte) 0);
    }
  }

  private static MaterialsProvider provider(
      String materialName,
      long version,
      String encAlg,
      byte[] enc,
      String intAlg,
      byte[] integrity) {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(enc, encAlg))
        .hmacKey(new SecretKeySpec(integrity, intAlg))
        .materialDescription(Map.of(META_ID, materialName + "#" + version))
        .build();
  }

  private static String string(Map<String, AttributeValue> row, String name, String where) {
    AttributeValue v = row.get(name);
    if (v == null || v.type() != AttributeValue.Type.S) {
      throw new ItemIntegrityException(where + " has no string attribute '" + name + "'");
    }
    return v.s();
  }

  private static byte[] binary(Map<String, AttributeValue> row, String name, String where) {
    AttributeValue v = row.get(name);
    if (v == null || v.type() != AttributeValue.Type.B) {
      throw new ItemIntegrityException(where + " has no binary attribute '" + name + "'");
    }
    return v.b().asByteArray();
  }

  private static void checkVersion(long version) {
    if (version < 0) {
      throw new InvalidConfigurationException("A MetaStore version is never negative");
    }
  }

  private static MaterialsUnavailableException failure(
      String operation, String tableName, SdkException e) {
    if (e instanceof ResourceNotFoundException) {
      return new MaterialsUnavailableException(
          "MetaStore table '"
              + tableName
              + "' does not exist in this account and region (or is not active yet): create it"
              + " with MetaStore.createTable or `ddbec metastore create`",
          e);
    }
    return new MaterialsUnavailableException(
        "DynamoDB "
            + operation
            + " on MetaStore table '"
            + tableName
            + "' failed: "
            + e.getMessage(),
        e);
  }

  @Override
  public String toString() {
    return "MetaStore{table="
        + tableName
        + ", minimumVersion="
        + minimumVersion
        + ", maxVersionGap="
        + maxVersionGap
        + ", metaProvider="
        + encryptor.materialsProvider()
        + '}';
  }

  /** Builder for {@link MetaStore}. Not thread-safe. */
  public static final class Builder {
    private DynamoDbClient client;
    private String tableName;
    private MaterialsProvider materialsProvider;
    private long minimumVersion;
    private long maxVersionGap = DEFAULT_MAX_VERSION_GAP;

    private Builder() {}

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
