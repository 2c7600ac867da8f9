package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.PlaintextPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PlaintextMigrationExampleTest {
  private final DynamoDbClient plain = LocalAws.dynamoDb();
  private final MaterialsProvider keys = LocalAws.wrappedKeys();
  private final String table = LocalAws.table("accounts", "account_id");

  @Test
  void migration_threeStages_everyItemEncryptedAndPlaintextRefusedAtTheEnd() {
    for (int i = 1; i <= 5; i++) {
      Map<String, AttributeValue> legacy = account("a-" + i, "owner " + i);
      plain.putItem(r -> r.tableName(table).item(legacy)); // written before the migration
    }

    // Stage 1: read plaintext, write plaintext, and read encrypted items.
    EncryptedDynamoDbClient stage1 =
        PlaintextMigrationExample.client(
            plain, keys, PlaintextPolicy.WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT);
    assertThat(get(stage1, "a-1")).containsEntry("owner", AttributeValue.fromS("owner 1"));
    stage1.putItem(r -> r.tableName(table).item(account("a-6", "owner 6")));
    assertThat(stored("a-6")).doesNotContainKey(ReservedAttributes.SIGNATURE);

    // Stage 2: write encrypted, read both; then re-encrypt what is left.
    EncryptedDynamoDbClient stage2 =
        PlaintextMigrationExample.client(plain, keys, PlaintextPolicy.ALLOW_READ_PLAINTEXT);
    stage2.putItem(r -> r.tableName(table).item(account("a-2", "owner 2, updated")));
    assertThat(stored("a-2")).containsKey(ReservedAttributes.SIGNATURE);
    assertThat(get(stage1, "a-2")).containsEntry("owner", AttributeValue.fromS("owner 2, updated"));

    int reencrypted = PlaintextMigrationExample.reencryptPlaintextItems(plain, stage2, table);

    assertThat(reencrypted).isEqualTo(5); // a-1, a-3..a-6; a-2 was already encrypted
    for (int i = 1; i <= 6; i++) {
      assertThat(stored("a-" + i).get("owner").type()).isEqualTo(AttributeValue.Type.B);
    }

    // Stage 3: REJECT reads every item, and refuses a plaintext one.
    EncryptedDynamoDbClient stage3 =
        PlaintextMigrationExample.client(plain, keys, PlaintextPolicy.REJECT);
    assertThat(stage3.scan(r -> r.tableName(table)).items()).hasSize(6);
    plain.putItem(r -> r.tableName(table).item(account("a-7", "planted")));
    assertThatThrownBy(() -> get(stage3, "a-7")).isInstanceOf(ItemIntegrityException.class);
  }

  private Map<String, AttributeValue> get(DynamoDbClient client, String id) {
    return client
        .getItem(r -> r.tableName(table).key(Map.of("account_id", AttributeValue.fromS(id))))
        .item();
  }

  private Map<String, AttributeValue> stored(String id) {
    return get(plain, id);
  }

  private static Map<String, AttributeValue> account(String id, String owner) {
    return Map.of(
        "account_id", AttributeValue.fromS(id),
        "owner", AttributeValue.fromS(owner),
        "plan", AttributeValue.fromS("pro"));
  }
}
