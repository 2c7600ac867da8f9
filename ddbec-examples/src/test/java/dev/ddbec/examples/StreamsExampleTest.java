package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class StreamsExampleTest {
  @Test
  void run_streamOfEncryptedTable_recordsDecrypted() {
    String table = LocalAws.tableWithStream("stream-orders", "order_id");
    try (DynamoDbStreamsClient streams = LocalAws.localDynamoDb().newStreamsClient()) {

      List<Record> records =
          StreamsExample.run(LocalAws.dynamoDb(), streams, LocalAws.wrappedKeys(), table);

      assertThat(records).hasSize(2);
      assertThat(records.get(0).dynamodb().newImage())
          .containsEntry("customer", AttributeValue.fromS("Ada Lovelace"))
          .containsEntry("status", AttributeValue.fromS("PAID"));
      assertThat(records.get(1).dynamodb().oldImage())
          .containsEntry("status", AttributeValue.fromS("PAID"));
      assertThat(records.get(1).dynamodb().newImage())
          .containsEntry("status", AttributeValue.fromS("SHIPPED"))
          .containsEntry("card_last4", AttributeValue.fromS("4242"));
    }
  }
}
