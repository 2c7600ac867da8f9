package dev.ddbec.core.client;

import static dev.ddbec.core.client.Books.ACTIONS;
import static dev.ddbec.core.client.Books.PROVIDER;
import static dev.ddbec.core.client.Books.book;
import static dev.ddbec.core.client.Books.key;
import static dev.ddbec.core.client.Books.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** StreamRecordDecryptor on records read from the moto server's stream of an encrypted table. */
class StreamRecordDecryptorTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  String table;
  DynamoDbClient plain;
  StreamRecordDecryptor decryptor;

  @BeforeEach
  void setUp() {
    plain = DDB.local().client();
    table = LocalDynamoDb.uniqueTableName("streamed");
    plain.createTable(
        r ->
            r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(keyElement("pk", KeyType.HASH), keyElement("sk", KeyType.RANGE))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    decryptor = decryptor(table);
  }

  /** The decryptor of the book table {@code table}'s stream (PROVIDER, ACTIONS, pk and sk). */
  static StreamRecordDecryptor decryptor(String table) {
    return StreamRecordDecryptor.builder()
        .tableName(table)
        .materialsProvider(PROVIDER)
        .attributeActions(ACTIONS)
        .keySchema(TableKeySchema.of("pk", "sk"))
        .build();
  }

  @Test
  void decryptRecords_insertModifyRemove_imagesVerifiedAndDecrypted() {
    EncryptedDynamoDbClient client =
        EncryptedDynamoDbClient.builder()
            .delegate(plain)
            .materialsProvider(PROVIDER)
            .attributeActions(ACTIONS)
            .build();
    Map<String, AttributeValue> item = book("p1", "s1");
    Map<String, AttributeValue> updated = new HashMap<>(item);
    updated.put("notes", s("signed"));
    client.putItem(r -> r.tableName(table).item(item));
    client.updateItem(
        r ->
            r.tableName(table)
                .key(key("p1", "s1"))
                .updateExpression("SET notes = :n")
                .expressionAttributeValues(Map.of(":n", s("signed"))));
    client.deleteItem(r -> r.tableName(table).key(key("p1", "s1")));

    List<Record> records = readStream();
    assertThat(records)
        .extracting(Record::eventName)
        .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
    assertThat(records.get(0).dynamodb().newImage().get("title").type())
        .isEqualTo(AttributeValue.Type.B);

    List<Record> decrypted = decryptor.decryptRecords(records);

    assertThat(decrypted.get(0).dynamodb().newImage()).isEqualTo(item);
    assertThat(decrypted.get(0).dynamodb().hasOldImage()).isFalse();
    assertThat(decrypted.get(1).dynamodb().oldImage()).isEqualTo(item);
    assertThat(decrypted.get(1).dynamodb().newImage()).isEqualTo(updated);
    assertThat(decrypted.get(2).dynamodb().oldImage()).isEqualTo(updated);
    assertThat(decrypted.get(2).dynamodb().keys()).isEqualTo(key("p1", "s1"));
    assertThat(decrypted.get(2).eventID()).isEqualTo(records.get(2).eventID());
  }

  @Test
  void decryptRecord_tamperedImage_throwsItemIntegrityException() {
    EncryptedDynamoDbClient.builder()
        .delegate(plain)
        .materialsProvider(PROVIDER)
        .attributeActions(ACTIONS)
        .build()
        .putItem(r -> r.tableName(table).item(book("p1", "s1")));
    Record record = readStream().get(0);
    Map<String, AttributeValue> image = new HashMap<>(record.dynamodb().newImage());
    image.put("genre", s("romance"));
    Record tampered =
        record.toBuilder().dynamodb(record.dynamodb().toBuilder().newImage(image).build()).build();

    assertThatThrownBy(() -> decryptor.decryptRecord(tampered))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining(table);
  }

  @Test
  void decryptRecord_plaintextImage_followsThePolicy() {
    plain.putItem(r -> r.tableName(table).item(Map.of("pk", s("old"), "sk", s("1"))));
    Record record = readStream().get(0);

    assertThatThrownBy(() -> decryptor.decryptRecord(record))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("PlaintextPolicy");
    StreamRecordDecryptor migrating =
        StreamRecordDecryptor.builder()
            .tableName(table)
            .materialsProvider(PROVIDER)
            .attributeActions(ACTIONS)
            .plaintextPolicy(PlaintextPolicy.ALLOW_READ_PLAINTEXT)
            .describeWith(plain)
            .build();
    assertThat(migrating.decryptRecord(record)).isEqualTo(record);
  }

  @Test
  void decryptStreamRecord_keysOnly_returnedUnchangedWithoutSchema() {
    StreamRecordDecryptor noSchema =
        StreamRecordDecryptor.builder().tableName(table).materialsProvider(PROVIDER).build();
    StreamRecord keysOnly = StreamRecord.builder().keys(key("p1", "s1")).build();

    assertThat(noSchema.decryptStreamRecord(keysOnly)).isSameAs(keysOnly);
    assertThatThrownBy(
            () ->
                noSchema.decryptStreamRecord(
                    keysOnly.toBuilder().newImage(book("p1", "s1")).build()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("describeWith");
  }

  // ---------------------------------------------------------------------------------------------

  private List<Record> readStream() {
    DynamoDbStreamsClient streams = DDB.local().newStreamsClient();
    String arn = plain.describeTable(r -> r.tableName(table)).table().latestStreamArn();
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
    streams.close();
    return records;
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement keyElement(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
