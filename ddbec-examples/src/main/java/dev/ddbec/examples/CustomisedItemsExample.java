package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.TableNameBinding;
import dev.ddbec.core.client.BatchWriter;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.TableConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tables written by a customised official Java client ({@code DynamoDBEncryptor} with other
 * attribute names, another description base, a context operator, no table name), and batch writes
 * as the official Python client's {@code batch_writer} does them.
 */
public final class CustomisedItemsExample {
  private CustomisedItemsExample() {}

  /**
   * A client for a table the official Java client wrote with renamed attributes, a description base
   * of its own, a developer context for the provider, and some items without a table name.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param keys the materials provider
   * @param table the table
   * @return the client
   */
  public static EncryptedDynamoDbClient client(
      DynamoDbClient dynamoDb, MaterialsProvider keys, String table) {
    // snippet:customised-items
    EncryptedDynamoDbClient orders =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN))
            .tableConfig(
                TableConfig.builder(table)
                    // encryptor.setSignatureFieldName("sig"),
                    // setMaterialDescriptionFieldName("meta"), getInstance(provider, "acme-")
                    .formatNames(FormatNames.of("meta", "sig", "acme-"))
                    // setEncryptionContextOverrideOperator(...): any UnaryOperator
                    .encryptionContextOperator(context -> context.withDeveloperContext("tenant-7"))
                    // items its EncryptionContext had no table name for (signed "null")
                    .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
                    .build())
            .build();
    // end-snippet
    return orders;
  }

  /**
   * Writes items 25 at a time, retrying what DynamoDB leaves unprocessed.
   *
   * @param orders the encrypted client
   * @param table the table
   * @param items the plaintext items
   */
  public static void writeAll(
      EncryptedDynamoDbClient orders, String table, List<Map<String, AttributeValue>> items) {
    // snippet:batch-writer
    try (BatchWriter writer =
        BatchWriter.builder(orders) // or AsyncBatchWriter over the async client
            .tableName(table)
            .overwriteByKeys("id") // batch_writer(overwrite_by_pkeys=["id"])
            .build()) {
      for (Map<String, AttributeValue> item : items) {
        writer.putItem(item); // a BatchWriteItem for every 25 requests
      }
    } // close() writes the rest; a BatchWriteException hands back what could not be written
    // end-snippet
  }
}
