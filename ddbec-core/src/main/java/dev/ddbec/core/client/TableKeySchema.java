package dev.ddbec.core.client;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.CryptoConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The key attributes of a table: its partition and sort key and the keys of its secondary indexes.
 * The helper clients read it with {@code DescribeTable} (see {@link #from(TableDescription)}), or
 * take it from a {@link TableConfig} to avoid that call.
 *
 * <pre>{@code
 * TableKeySchema keys = TableKeySchema.of("pk", "sk")
 *     .withGlobalSecondaryIndex("byOwner", "owner", "createdAt", ProjectionType.ALL);
 * }</pre>
 *
 * @param partitionKeyName the table's partition key attribute name
 * @param sortKeyName the table's sort key attribute name, or null if it has none
 * @param secondaryIndexes the table's local and global secondary indexes (copied, unmodifiable)
 */
public record TableKeySchema(
    String partitionKeyName, String sortKeyName, List<SecondaryIndex> secondaryIndexes) {

  /**
   * Validates and copies.
   *
   * @param partitionKeyName the partition key attribute name
   * @param sortKeyName the sort key attribute name, or null
   * @param secondaryIndexes the secondary indexes, or null for none
   * @throws InvalidConfigurationException if a name is missing or an index is listed twice
   */
  public TableKeySchema {
    if (partitionKeyName == null || partitionKeyName.isEmpty()) {
      throw new InvalidConfigurationException("A table key schema needs a partition key name");
    }
    if (sortKeyName != null && sortKeyName.isEmpty()) {
      throw new InvalidConfigurationException(
          "The sort key name must be null (no sort key) or non-empty");
    }
    secondaryIndexes = secondaryIndexes == null ? List.of() : List.copyOf(secondaryIndexes);
    Set<String> names = new LinkedHashSet<>();
    for (SecondaryIndex index : secondaryIndexes) {
      if (!names.add(index.indexName())) {
        throw new InvalidConfigurationException(
            "Secondary index '" + index.indexName() + "' is listed twice");
      }
    }
  }

  /**
   * A schema without secondary indexes.
   *
   * @param partitionKeyName the partition key attribute name
   * @param sortKeyName the sort key attribute name, or null
   * @return the schema
   */
  public static TableKeySchema of(String partitionKeyName, String sortKeyName) {
    return new TableKeySchema(partitionKeyName, sortKeyName, List.of());
  }

  /**
   * The schema of a table as {@code DescribeTable} reports it.
   *
   * @param table the table description
   * @return the schema
   * @throws InvalidConfigurationException if the description has no partition key
   */
  public static TableKeySchema from(TableDescription table) {
    Objects.requireNonNull(table, "table");
    String[] keys = keys(table.keySchema());
    List<SecondaryIndex> indexes = new ArrayList<>();
    for (LocalSecondaryIndexDescription lsi : table.localSecondaryIndexes()) {
      indexes.add(index(lsi.indexName(), lsi.keySchema(), lsi.projection(), true));
    }
    for (GlobalSecondaryIndexDescription gsi : table.globalSecondaryIndexes()) {
      indexes.add(index(gsi.indexName(), gsi.keySchema(), gsi.projection(), false));
    }
    if (keys[0] == null) {
      throw new InvalidConfigurationException(
          "DescribeTable returned no partition key for table " + table.tableName());
    }
    return new TableKeySchema(keys[0], keys[1], indexes);
  }

  /**
   * This schema with one more local secondary index (its partition key is the table's).
   *
   * @param indexName the index name
   * @param sortKeyName the index sort key attribute name
   * @param projection what the index projects
   * @return a new schema
   */
  public TableKeySchema withLocalSecondaryIndex(
      String indexName, String sortKeyName, ProjectionType projection) {
    return with(SecondaryIndex.of(indexName, partitionKeyName, sortKeyName, projection, true));
  }

  /**
   * This schema with one more global secondary index.
   *
   * @param indexName the index name
   * @param partitionKeyName the index partition key attribute name
   * @param sortKeyName the index sort key attribute name, or null
   * @param projection what the index projects
   * @return a new schema
   */
  public TableKeySchema withGlobalSecondaryIndex(
      String indexName, String partitionKeyName, String sortKeyName, ProjectionType projection) {
    return with(SecondaryIndex.of(indexName, partitionKeyName, sortKeyName, projection, false));
  }

  /**
   * The table's primary key attribute names (partition key, then sort key if any).
   *
   * @return one or two names
   */
  public List<String> primaryKeyNames() {
    return sortKeyName == null ? List.of(partitionKeyName) : List.of(partitionKeyName, sortKeyName);
  }

  /**
   * The primary key attributes of an item (never encrypted), those it has.
   *
   * @param item a stored or plaintext item
   * @return its partition and sort key attributes, in that order
   */
  public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : primaryKeyNames()) {
      AttributeValue v = item.get(name);
      if (v != null) {
        key.put(name, v);
      }
    }
    return key;
  }

  /**
   * The actions a table's items are protected with: {@code actions} with the primary key attributes
   * signed, never encrypted ({@link AttributeActions#withIndexKeys}), after checking that no
   * secondary index key would be encrypted (DynamoDB could not index it).
   *
   * @param tableName the table, for messages
   * @param actions the configured actions
   * @return the effective actions
   * @throws InvalidConfigurationException if a primary key attribute is configured to be encrypted
   *     or a secondary index key would be encrypted
   */
  public AttributeActions effectiveActions(String tableName, AttributeActions actions) {
    AttributeActions effective;
    try {
      effective = actions.withIndexKeys(primaryKeyNames());
    } catch (InvalidConfigurationException e) {
      throw new InvalidConfigurationException(
          "Table " + tableName + ": " + e.getMessage() + " (primary key attribute)", e);
    }
    for (SecondaryIndex index : secondaryIndexes) {
      for (String key : index.keyNames()) {
        if (effective.actionFor(key) == CryptoAction.ENCRYPT_AND_SIGN) {
          throw new InvalidConfigurationException(
              "Attribute '"
                  + key
                  + "' is a key of secondary index '"
                  + index.indexName()
                  + "' of table "
                  + tableName
                  + " and would be encrypted"
                  + (actions.overrides().containsKey(key) ? "" : " (by the default action)")
                  + "; index keys must stay plaintext for DynamoDB to index them. Give it"
                  + " SIGN_ONLY (or DO_NOTHING) in the attribute actions, and use the same action"
                  + " in every client that reads the table");
        }
      }
    }
    return effective;
  }

  /**
   * The crypto configuration the helper clients protect a table's items with: the {@linkplain
   * #effectiveActions effective actions}, and an encryption context with the table name and the
   * primary key names, as the official clients' helpers build it.
   *
   * @param tableName the table name bound into signatures
   * @param actions the configured actions
   * @return the configuration
   * @throws InvalidConfigurationException as {@link #effectiveActions} does
   */
  public CryptoConfig cryptoConfig(String tableName, AttributeActions actions) {
    AttributeActions effective = effectiveActions(tableName, actions);
    EncryptionContext context =
        EncryptionContext.builder()
            .tableName(tableName)
            .partitionKeyName(partitionKeyName)
            .sortKeyName(sortKeyName)
            .build();
    return CryptoConfig.of(context, effective);
  }

  /**
   * The key attribute names of all secondary indexes that are not primary key attributes.
   *
   * @return the names, in index order
   */
  public Set<String> secondaryIndexKeyNames() {
    Set<String> names = new LinkedHashSet<>();
    for (SecondaryIndex index : secondaryIndexes) {
      names.addAll(index.keyNames());
    }
    names.removeAll(primaryKeyNames());
    return names;
  }

  /**
   * One secondary index by name.
   *
   * @param indexName the index name
   * @return the index, if the table has it
   */
  public Optional<SecondaryIndex> secondaryIndex(String indexName) {
    for (SecondaryIndex index : secondaryIndexes) {
      if (index.indexName().equals(indexName)) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  private TableKeySchema with(SecondaryIndex index) {
    List<SecondaryIndex> list = new ArrayList<>(secondaryIndexes);
    list.add(index);
    return new TableKeySchema(partitionKeyName, sortKeyName, list);
  }

  private static String[] keys(List<KeySchemaElement> schema) {
    String[] keys = new String[2];
    for (KeySchemaElement e : schema) {
      if (e.keyType() == KeyType.HASH) {
        keys[0] = e.attributeName();
      } else if (e.keyType() == KeyType.RANGE) {
        keys[1] = e.attributeName();
      }
    }
    return keys;
  }

  private static List<String> keyNames(List<KeySchemaElement> schema, KeyType type) {
    List<String> names = new ArrayList<>();
    for (KeySchemaElement e : schema) {
      if (e.keyType() == type) {
        names.add(e.attributeName());
      }
    }
    return names;
  }

  /** A secondary index as {@code DescribeTable} describes it. */
  private static SecondaryIndex index(
      String name, List<KeySchemaElement> schema, Projection projection, boolean local) {
    return new SecondaryIndex(
        name,
        keyNames(schema, KeyType.HASH),
        keyNames(schema, KeyType.RANGE),
        projection(projection),
        local);
  }

  private static ProjectionType projection(Projection projection) {
    if (projection == null || projection.projectionType() == null) {
      return ProjectionType.KEYS_ONLY;
    }
    return projection.projectionType();
  }

  /**
   * A local or global secondary index. DynamoDB indexes may have keys of several attributes each
   * (multi-attribute keys), so key names are lists, in key schema order.
   *
   * @param indexName the index name
   * @param partitionKeyNames the index partition key attribute names (one or more)
   * @param sortKeyNames the index sort key attribute names (possibly none)
   * @param projection what the index projects; only items of {@link ProjectionType#ALL} indexes are
   *     whole items that can be verified
   * @param local true for a local secondary index
   */
  public record SecondaryIndex(
      String indexName,
      List<String> partitionKeyNames,
      List<String> sortKeyNames,
      ProjectionType projection,
      boolean local) {

    /**
     * Validates and copies.
     *
     * @param indexName the index name
     * @param partitionKeyNames the index partition key attribute names (one or more)
     * @param sortKeyNames the index sort key attribute names, or null for none
     * @param projection what the index projects
     * @param local true for a local secondary index
     * @throws InvalidConfigurationException if the name or the partition key names are missing
     */
    public SecondaryIndex {
      if (indexName == null || indexName.isEmpty()) {
        throw new InvalidConfigurationException("A secondary index needs a name");
      }
      partitionKeyNames = partitionKeyNames == null ? List.of() : List.copyOf(partitionKeyNames);
      sortKeyNames = sortKeyNames == null ? List.of() : List.copyOf(sortKeyNames);
      if (partitionKeyNames.isEmpty()) {
        throw new InvalidConfigurationException(
            "Secondary index '" + indexName + "' needs a partition key name");
      }
      Objects.requireNonNull(projection, "projection");
    }

    /**
     * An index with a single-attribute partition key and at most one sort key attribute.
     *
     * @param indexName the index name
     * @param partitionKeyName the partition key attribute name
     * @param sortKeyName the sort key attribute name, or null
     * @param projection what the index projects
     * @param local true for a local secondary index
     * @return the index
     */
    public static SecondaryIndex of(
        String indexName,
        String partitionKeyName,
        String sortKeyName,
        ProjectionType projection,
        boolean local) {
      return new SecondaryIndex(
          indexName,
          partitionKeyName == null ? List.of() : List.of(partitionKeyName),
          sortKeyName == null ? List.of() : List.of(sortKeyName),
          projection,
          local);
    }

    /**
     * All key attribute names of the index: partition keys, then sort keys.
     *
     * @return the names
     */
    public List<String> keyNames() {
      List<String> names = new ArrayList<>(partitionKeyNames);
      names.addAll(sortKeyNames);
      return names;
    }

    /**
     * Tells whether items read from this index are whole items.
     *
     * @return true for {@link ProjectionType#ALL}
     */
    public boolean projectsAllAttributes() {
      return projection == ProjectionType.ALL;
    }
  }
}
