package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.PlaintextPolicy;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Protecting a table that already holds plaintext items, while the application keeps running, in
 * three deployments: every instance first learns to read encrypted items ({@link
 * PlaintextPolicy#WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT}), then all of them write encrypted items
 * and a one-off job re-encrypts the old ones ({@link PlaintextPolicy#ALLOW_READ_PLAINTEXT}), and
 * finally plaintext items are refused ({@link PlaintextPolicy#REJECT}, the default).
 */
public final class PlaintextMigrationExample {
  /** The table's attribute actions, the same in every stage: all encrypted and signed but plan. */
  static final AttributeActions ACTIONS =
      AttributeActions.builder().action("plan", CryptoAction.SIGN_ONLY).build();

  private PlaintextMigrationExample() {}

  /**
   * The application's client in one stage of the migration.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param keys the materials provider
   * @param stage the stage's policy
   * @return the encrypted client
   */
  public static EncryptedDynamoDbClient client(
      DynamoDbClient dynamoDb, MaterialsProvider keys, PlaintextPolicy stage) {
    // snippet:migration-client
    EncryptedDynamoDbClient accounts =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(ACTIONS)
            // 1: WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT, 2: ALLOW_READ_PLAINTEXT, 3: REJECT
            .plaintextPolicy(stage)
            .build();
    // end-snippet
    return accounts;
  }

  /**
   * Stage 2's one-off job: re-encrypts every item still stored in plaintext. Safe to run while the
   * application writes: an item rewritten (encrypted) in the meantime is left alone.
   *
   * @param dynamoDb a plain DynamoDB client, to find plaintext items as they are stored
   * @param stage2 the stage-2 client ({@link PlaintextPolicy#ALLOW_READ_PLAINTEXT})
   * @param table the table
   * @return how many items were re-encrypted
   */
  public static int reencryptPlaintextItems(
      DynamoDbClient dynamoDb, EncryptedDynamoDbClient stage2, String table) {
    // snippet:migration-reencrypt
    Map<String, String> sig = Map.of("#sig", ReservedAttributes.SIGNATURE);
    int count = 0;
    for (Map<String, AttributeValue> item :
        dynamoDb // a plain client: which items have no signature yet?
            .scanPaginator(
                r ->
                    r.tableName(table)
                        .filterExpression("attribute_not_exists(#sig)")
                        .expressionAttributeNames(sig))
            .items()) {
      try {
        stage2.putItem( // encrypts and signs, unless someone rewrote the item meanwhile
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#sig)")
                    .expressionAttributeNames(sig));
        count++;
      } catch (ConditionalCheckFailedException rewrittenMeanwhile) {
        // already encrypted by the application
      }
    }
    // end-snippet
    return count;
  }
}
