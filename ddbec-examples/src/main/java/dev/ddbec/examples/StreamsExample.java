package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.StreamRecordDecryptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Stream records carry items as they are stored, encrypted. A consumer (a Lambda function, a KCL
 * worker, or the loop below) verifies and decrypts their images with {@link StreamRecordDecryptor},
 * configured like the writers' encrypted client.
 */
public final class StreamsExample {
  /**
   * The writers' actions (all encrypted and signed but status): the decryptor must use the same.
   */
  static final AttributeActions ACTIONS =
      AttributeActions.builder().action("status", CryptoAction.SIGN_ONLY).build();

  private StreamsExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the materials configuration file, and a table with partition key {@code order_id}
   *     and a NEW_AND_OLD_IMAGES stream (default {@code Orders})
   */
  public static void main(String[] args) {
    MaterialsProvider keys = MaterialsProviders.load(Path.of(args[0]));
    try (DynamoDbClient dynamoDb = DynamoDbClient.create();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.create()) {
      run(dynamoDb, streams, keys, args.length > 1 ? args[1] : "Orders")
          .forEach(r -> System.out.println(r.eventName() + " " + r.dynamodb().newImage()));
    }
  }

  /**
   * Writes and updates an order through the encrypted client, then reads the table's stream and
   * decrypts its records.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param streams a DynamoDB Streams client
   * @param keys the materials provider
   * @param table a table with partition key {@code order_id} (S) and a stream
   * @return the stream's records, decrypted
   */
  public static List<Record> run(
      DynamoDbClient dynamoDb,
      DynamoDbStreamsClient streams,
      MaterialsProvider keys,
      String table) {
    DynamoDbClient orders =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(ACTIONS)
            .build();
    orders.putItem(r -> r.tableName(table).item(KmsExample.order("o-2001")));
    Map<String, AttributeValue> shipped = new java.util.HashMap<>(KmsExample.order("o-2001"));
    shipped.put("status", AttributeValue.fromS("SHIPPED"));
    orders.putItem(r -> r.tableName(table).item(shipped));

    List<Record> records = readStream(streams, dynamoDb, table);
    // snippet:streams
    StreamRecordDecryptor decryptor =
        StreamRecordDecryptor.builder()
            .tableName(table)
            .materialsProvider(keys)
            .attributeActions(ACTIONS) // the writers' actions
            .describeWith(dynamoDb) // or .keySchema(TableKeySchema.of("order_id", null))
            .build(); // immutable, thread-safe: build it once
    List<Record> plain = decryptor.decryptRecords(records); // as GetRecords returns them
    // end-snippet
    return plain;
  }

  /** Every record of the table's latest stream, from the start of each shard. */
  private static List<Record> readStream(
      DynamoDbStreamsClient streams, DynamoDbClient dynamoDb, String table) {
    String arn = dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    List<Record> records = new ArrayList<>();
    for (Shard shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
      String iterator =
          streams
              .getShardIterator(
                  r ->
                      r.streamArn(arn)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      while (iterator != null) {
        String current = iterator;
        var page = streams.getRecords(r -> r.shardIterator(current));
        records.addAll(page.records());
        iterator = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return records;
  }
}
