package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * Per-table and per-call settings of {@link EncryptedDynamoDbClient}: a key schema given up front
 * (no {@code DescribeTable}), a view of the client with other keys for items written before a key
 * rotation, and a view for reading a restored copy of a table, whose signatures name the original.
 */
public final class TableConfigExample {
  private TableConfigExample() {}

  /**
   * A client whose {@code Books} table has a global secondary index on {@code genre}.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param keys the materials provider
   * @return the client
   */
  public static EncryptedDynamoDbClient client(DynamoDbClient dynamoDb, MaterialsProvider keys) {
    // snippet:table-config-key-schema
    EncryptedDynamoDbClient books =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(
                AttributeActions.builder()
                    .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
                    .action("genre", CryptoAction.SIGN_ONLY) // an index key: never encrypted
                    .build())
            .tableConfig(
                TableConfig.builder("Books") // no DescribeTable: the key schema is given
                    .keySchema(
                        TableKeySchema.of("isbn", null)
                            .withGlobalSecondaryIndex(
                                "byGenre", "genre", "isbn", ProjectionType.ALL))
                    .build())
            .build();
    // end-snippet
    return books;
  }

  /**
   * Reads an item written with other keys (before a rotation), through a view of the client.
   *
   * @param books the client
   * @param oldKeys the keys the item was written with
   * @param key the item's key
   * @return the item
   */
  public static Map<String, AttributeValue> readWithOldKeys(
      EncryptedDynamoDbClient books, MaterialsProvider oldKeys, Map<String, AttributeValue> key) {
    // snippet:table-config-old-keys
    Map<String, AttributeValue> item =
        books
            .withTableConfig(TableConfig.builder("Books").materialsProvider(oldKeys).build())
            .getItem(r -> r.tableName("Books").key(key))
            .item();
    // end-snippet
    return item;
  }

  /**
   * Scans a copy of {@code Books} restored under another name: the items' signatures still name
   * {@code Books}.
   *
   * @param books the client
   * @param restoredTable the restored table's name
   * @return the items
   */
  public static List<Map<String, AttributeValue>> scanRestored(
      EncryptedDynamoDbClient books, String restoredTable) {
    // snippet:table-config-restored
    List<Map<String, AttributeValue>> items =
        books
            .withTableConfig(TableConfig.builder(restoredTable).contextTableName("Books").build())
            .scan(r -> r.tableName(restoredTable))
            .items();
    // end-snippet
    return items;
  }
}
