package dev.ddbec.examples;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Key rotation with a MetaStore: versioned AES and HMAC keys in a DynamoDB table of their own,
 * protected by a "meta" provider (KMS here), and {@link CachingMostRecentProvider}, which encrypts
 * with the newest version and decrypts with whichever version wrote an item. KMS is called once per
 * version and time-to-live, not once per item. Tables, rows and items are those of the official
 * clients' {@code MetaStore} and {@code CachingMostRecentProvider}.
 */
public final class MostRecentExample {
  private MostRecentExample() {}

  /**
   * Runs against the default AWS account and region.
   *
   * @param args the KMS key ARN protecting the MetaStore, the MetaStore table (default {@code
   *     ddbec-keys}) and the data table (default {@code Orders})
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create();
        KmsClient kms = KmsClient.create()) {
      MaterialsProvider metaKeys = KmsMaterialsProvider.create(kms, args[0]);
      System.out.println(
          run(
              dynamoDb,
              metaKeys,
              args.length > 1 ? args[1] : "ddbec-keys",
              args.length > 2 ? args[2] : "Orders"));
    }
  }

  /**
   * Creates the MetaStore, writes an order, rotates, writes another, and reads both back.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param metaKeys the provider protecting the MetaStore's rows (KMS, an HSM, a key store, ...)
   * @param keyTable the MetaStore table to create
   * @param table a data table with partition key {@code order_id} (S)
   * @return both orders, as read
   */
  public static List<Map<String, AttributeValue>> run(
      DynamoDbClient dynamoDb, MaterialsProvider metaKeys, String keyTable, String table) {
    // snippet:metastore-setup
    MetaStore.createTable(dynamoDb, keyTable); // once; on-demand billing
    MetaStore store =
        MetaStore.builder()
            .dynamoDbClient(dynamoDb) // you keep ownership
            .tableName(keyTable)
            .materialsProvider(metaKeys) // the meta provider, e.g. KMS
            .build();
    CachingMostRecentProvider keys =
        CachingMostRecentProvider.builder()
            .metaStore(store)
            .materialName("orders") // version 0 is created on first use
            .ttl(Duration.ofMinutes(5)) // how often the newest version is looked up
            .build();
    // end-snippet
    DynamoDbClient orders =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys) // every attribute encrypted and signed (the default)
            .build();
    orders.putItem(r -> r.tableName(table).item(KmsExample.order("o-3001"))); // version 0

    // snippet:metastore-rotate
    long version = store.newVersion("orders"); // from a scheduled job, or `ddbec metastore rotate`
    keys.refresh(); // optional: without it, encryption moves to the new version within the TTL
    // end-snippet
    if (version != 1) {
      throw new IllegalStateException("expected version 1, got " + version);
    }
    orders.putItem(r -> r.tableName(table).item(KmsExample.order("o-3002"))); // version 1

    return List.of(
        orders.getItem(r -> r.tableName(table).key(key("o-3001"))).item(), // with version 0
        orders.getItem(r -> r.tableName(table).key(key("o-3002"))).item()); // with version 1
  }

  private static Map<String, AttributeValue> key(String orderId) {
    return Map.of("order_id", AttributeValue.fromS(orderId));
  }
}
