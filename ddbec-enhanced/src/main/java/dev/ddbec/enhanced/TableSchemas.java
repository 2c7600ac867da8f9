package dev.ddbec.enhanced;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.TableKeySchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * What an Enhanced Client table schema says about protection: the attributes' actions (from {@link
 * DdbecTags}, the annotations and the extension's default) and the key schema. Stateless.
 */
final class TableSchemas {
  private static final String VERSION_ATTRIBUTE_KEY = "VersionedRecordExtension:VersionAttribute";

  private TableSchemas() {}

  /**
   * The actions of the attributes a table schema models: tags and annotations first, then the
   * class's default, then {@code defaultAction}; keys and the version attribute never encrypted;
   * attributes the schema does not model left alone, or given the class's default when the schema
   * handles unknown attributes.
   */
  @SuppressWarnings("unchecked")
  static AttributeActions actions(
      TableSchema<?> schema, TableMetadata metadata, CryptoAction defaultAction) {
    CryptoAction classDefault =
        metadata
            .customMetadataObject(DdbecTags.DEFAULT_ACTION_METADATA_KEY, CryptoAction.class)
            .or(() -> classAnnotation(schema))
            .orElse(defaultAction);
    Map<String, CryptoAction> tagged =
        metadata.customMetadataObject(DdbecTags.ACTIONS_METADATA_KEY, Map.class).orElse(Map.of());
    // Keys and the version attribute are signed, never encrypted (as the official Java mapper).
    Set<String> neverEncrypted = new HashSet<>(metadata.primaryKeys());
    metadata
        .customMetadataObject(VERSION_ATTRIBUTE_KEY, String.class)
        .ifPresent(neverEncrypted::add);
    // Attributes the schema does not model are left alone, as the official Java mapper does,
    // unless the schema asks for them to be handled (its @HandleUnknownAttributes).
    boolean handleUnknown =
        metadata
                .customMetadataObject(DdbecTags.HANDLE_UNKNOWN_METADATA_KEY, Boolean.class)
                .orElse(false)
            || schema.itemType().rawClass().isAnnotationPresent(DdbecHandleUnknownAttributes.class);
    AttributeActions.Builder b =
        AttributeActions.builder()
            .defaultAction(handleUnknown ? classDefault : CryptoAction.DO_NOTHING);
    for (String name : schema.attributeNames()) {
      CryptoAction explicit = tagged.get(name);
      CryptoAction action = explicit != null ? explicit : classDefault;
      if (neverEncrypted.contains(name)) {
        if (explicit == CryptoAction.ENCRYPT_AND_SIGN) {
          throw new InvalidConfigurationException(
              "Attribute '"
                  + name
                  + "' of "
                  + schema.itemType().rawClass().getSimpleName()
                  + " is a key or version attribute and cannot be encrypted; tag it SIGN_ONLY or"
                  + " DO_NOTHING, or remove its tag");
        }
        action = action.weakest(CryptoAction.SIGN_ONLY);
      }
      b.action(name, action);
    }
    return b.build();
  }

  private static Optional<CryptoAction> classAnnotation(TableSchema<?> schema) {
    Class<?> type = schema.itemType().rawClass();
    DdbecDefaultAction annotation = type.getAnnotation(DdbecDefaultAction.class);
    return Optional.ofNullable(annotation).map(DdbecDefaultAction::value);
  }

  /** The key schema a table schema declares, with its secondary indexes. */
  static TableKeySchema keySchema(String tableName, TableMetadata metadata) {
    String partitionKey;
    try {
      partitionKey = metadata.primaryPartitionKey();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          "The table schema of " + tableName + " declares no partition key", e);
    }
    String sortKey = metadata.primarySortKey().orElse(null);
    List<TableKeySchema.SecondaryIndex> indexes = new ArrayList<>();
    Collection<IndexMetadata> indices = metadata.indices();
    for (IndexMetadata index : indices) {
      if (TableMetadata.primaryIndexName().equals(index.name())) {
        continue;
      }
      List<String> indexPartitionKeys = names(index.partitionKeys());
      boolean local =
          indexPartitionKeys.isEmpty() || indexPartitionKeys.equals(List.of(partitionKey));
      indexes.add(
          new TableKeySchema.SecondaryIndex(
              index.name(),
              indexPartitionKeys.isEmpty() ? List.of(partitionKey) : indexPartitionKeys,
              names(index.sortKeys()),
              // The Enhanced Client's metadata does not say; index reads verify whole items only.
              ProjectionType.ALL,
              local));
    }
    return new TableKeySchema(partitionKey, sortKey, indexes);
  }

  private static List<String> names(List<KeyAttributeMetadata> keys) {
    List<String> names = new ArrayList<>(keys.size());
    for (KeyAttributeMetadata key : keys) {
      names.add(key.name());
    }
    return names;
  }
}
