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
    String table = LocalAws.table("books", "isbn");

    Book read = EnhancedClientExample.run(LocalAws.dynamoDb(), LocalAws.wrappedKeys(), table);

    assertThat(read.title()).isEqualTo("Nineteen Eighty-Four");
    assertThat(read.genre()).isEqualTo("classics");
    assertThat(read.version()).isEqualTo(2L);
    Map<String, AttributeValue> stored =
        LocalAws.stored(table, "isbn", AttributeValue.fromS("978-0451524935"));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("tags").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("genre")).isEqualTo(AttributeValue.fromS("classics"));
    assertThat(stored.get("views")).isEqualTo(AttributeValue.fromN("0"));
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
    Map<String, AttributeValue> stored = LocalAws.stored(table, "id", AttributeValue.fromS("n-1"));
    assertThat(stored.get("text").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("author")).isEqualTo(AttributeValue.fromS("ada"));
  }
}
