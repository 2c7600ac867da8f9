package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EnhancedClientExampleTest {
  @Test
  void run_record_encryptsByAnnotationsAndKeepsOptimisticLocking() {
    String table = LocalAws.table("customers", "customerId");

    Customer read = EnhancedClientExample.run(LocalAws.dynamoDb(), LocalAws.wrappedKeys(), table);

    assertThat(read.email()).isEqualTo("ada@lovelace.example");
    assertThat(read.tier()).isEqualTo("platinum");
    assertThat(read.version()).isEqualTo(2L);
    Map<String, AttributeValue> stored =
        LocalAws.dynamoDb()
            .getItem(
                r -> r.tableName(table).key(Map.of("customerId", AttributeValue.fromS("C-1001"))))
            .item();
    assertThat(stored.get("name").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("email").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("tier")).isEqualTo(AttributeValue.fromS("platinum"));
    assertThat(stored.get("lastLogin")).isEqualTo(AttributeValue.fromS("2025-11-20T09:14:03Z"));
    assertThat(stored.get("version")).isEqualTo(AttributeValue.fromN("2"));
  }

  @Test
  void staticSchema_tags_encryptAndSignOnly() {
    String table = LocalAws.table("notes", "id");
    DynamoDbEnhancedClient enhanced =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(LocalAws.dynamoDb())
            .extensions(DynamoDbEncryptionExtension.create(LocalAws.wrappedKeys()))
            .build();

    EnhancedClientExample.Note read = EnhancedClientExample.staticSchema(enhanced, table);

    assertThat(read.text()).isEqualTo("Meet at the Analytical Engine, 10 am");
    Map<String, AttributeValue> stored =
        LocalAws.dynamoDb()
            .getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("n-1"))))
            .item();
    assertThat(stored.get("text").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("author")).isEqualTo(AttributeValue.fromS("ada"));
  }
}
