package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CustomisedItemsExampleTest {
  @Test
  void customisedTable_batchWrittenItemsAndUnsetTableNameItems_read() {
    String table = LocalAws.table("Orders", "id");
    MaterialsProvider keys = LocalAws.wrappedKeys();
    EncryptedDynamoDbClient orders =
        CustomisedItemsExample.client(LocalAws.dynamoDb(), keys, table);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(Map.of("id", AttributeValue.fromS("o" + i), "total", AttributeValue.fromN("" + i)));
    }

    CustomisedItemsExample.writeAll(orders, table, items);

    Map<String, AttributeValue> raw = LocalAws.stored(table, "id", items.get(3).get("id"));
    assertThat(raw).containsKeys("sig", "meta");
    assertThat(orders.scan(r -> r.tableName(table)).items())
        .containsExactlyInAnyOrderElementsOf(items);

    // An item signed without a table name ("null"), with the same names.
    Map<String, AttributeValue> unset =
        Map.of("id", AttributeValue.fromS("legacy"), "total", AttributeValue.fromN("1"));
    Map<String, AttributeValue> stored =
        ItemEncryptor.builder()
            .materialsProvider(keys)
            .formatNames(dev.ddbec.api.spi.FormatNames.of("meta", "sig", "acme-"))
            .build()
            .encryptItem(
                unset,
                CryptoConfig.of(
                    EncryptionContext.builder().tableName("null").partitionKeyName("id").build(),
                    AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("id")));
    LocalAws.dynamoDb().putItem(r -> r.tableName(table).item(stored));
    assertThat(orders.getItem(r -> r.tableName(table).key(Map.of("id", unset.get("id")))).item())
        .isEqualTo(unset);
  }
}
