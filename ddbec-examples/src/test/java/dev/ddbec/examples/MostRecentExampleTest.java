package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.testing.LocalDynamoDb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The meta provider here is a wrapped provider (KMS in the example's main: see KmsExampleTest). */
class MostRecentExampleTest {
  @Test
  void run_rotation_newItemsUseTheNewVersionAndOldOnesStillRead() {
    String keyTable = LocalDynamoDb.uniqueTableName("ddbec-keys");
    String table = LocalAws.table("mr-orders", "order_id");

    List<Map<String, AttributeValue>> read =
        MostRecentExample.run(LocalAws.dynamoDb(), LocalAws.wrappedKeys(), keyTable, table);

    assertThat(read.get(0)).isEqualTo(KmsExample.order("o-3001"));
    assertThat(read.get(1)).isEqualTo(KmsExample.order("o-3002"));
    assertThat(description(table, "o-3001")).contains("orders#0");
    assertThat(description(table, "o-3002")).contains("orders#1");
    assertThat(LocalAws.dynamoDb().scan(r -> r.tableName(keyTable)).items()).hasSize(2);
  }

  private static String description(String table, String orderId) {
    Map<String, AttributeValue> stored =
        LocalAws.stored(table, "order_id", AttributeValue.fromS(orderId));
    return new String(
        stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray(),
        StandardCharsets.ISO_8859_1);
  }
}
