package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link EncryptedDynamoDbClient} with keys from AWS KMS (Direct KMS: one data key per item, bound
 * to the table and the item's key through the KMS encryption context). Items are byte-compatible
 * with the official clients' Direct KMS providers.
 */
public final class KmsExample {
  private KmsExample() {}

  /**
   * Runs against the default AWS account and region.
   *
   * @param args the KMS key ARN, and the table (partition key {@code order_id}; default {@code
   *     Orders})
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create();
        KmsClient kms = KmsClient.create()) {
      System.out.println(run(dynamoDb, kms, args[0], args.length > 1 ? args[1] : "Orders"));
    }
  }

  /**
   * Writes an order and reads it back.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param kms a KMS client of the key's region
   * @param keyArn the KMS key
   * @param table a table with partition key {@code order_id} (S)
   * @return the order as read
   */
  public static Map<String, AttributeValue> run(
      DynamoDbClient dynamoDb, KmsClient kms, String keyArn, String table) {
    // snippet:kms-client
    MaterialsProvider keys = KmsMaterialsProvider.create(kms, keyArn); // a data key per item
    DynamoDbClient orders =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(
                AttributeActions.builder()
                    .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
                    .action("status", CryptoAction.SIGN_ONLY) // queried by the warehouse
                    .build())
            .build();
    orders.putItem(r -> r.tableName(table).item(order("o-1001")));
    Map<String, AttributeValue> order =
        orders.getItem(r -> r.tableName(table).key(Map.of("order_id", s("o-1001")))).item();
    // end-snippet
    return order;
  }

  /**
   * The provider built from its builder: its own KMS client for the key's region (closed with the
   * provider) unless one is given, grant tokens, and strict key checking.
   *
   * @param kms a KMS client of the key's region
   * @param keyArn the key ARN
   * @param item an item to encrypt
   * @return the item as stored
   */
  public static Map<String, AttributeValue> strictProvider(
      KmsClient kms, String keyArn, Map<String, AttributeValue> item) {
    // snippet:kms-builder
    KmsMaterialsProvider provider =
        KmsMaterialsProvider.builder()
            .keyId(keyArn) // a key ARN names its region
            .kmsClient(kms) // optional: else it builds a client for that region, and closes it
            .strictKeyId(true) // read only items whose data key is under this key
            .build(); // AutoCloseable
    // end-snippet
    try (provider) {
      return new ItemEncryptorExample.Books(provider).encrypt(item);
    }
  }

  /**
   * An order.
   *
   * @param id its id
   * @return the item
   */
  public static Map<String, AttributeValue> order(String id) {
    return Map.of(
        "order_id", s(id),
        "customer", s("Ada Lovelace"),
        "card_last4", s("4242"),
        "total", AttributeValue.fromN("129.95"),
        "status", s("PAID"));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
