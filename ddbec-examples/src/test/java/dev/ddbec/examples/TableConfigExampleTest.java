package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableConfigExampleTest {
  @Test
  void views_oldKeysAndRestoredTable_read() {
    LocalAws.booksTable();
    MaterialsProvider oldKeys = LocalAws.wrappedKeys();
    MaterialsProvider newKeys = LocalAws.wrappedKeys();
    Map<String, AttributeValue> key = Map.of("isbn", AttributeValue.fromS("tc-1"));
    Map<String, AttributeValue> book =
        Map.of(
            "isbn", key.get("isbn"),
            "title", AttributeValue.fromS("Middlemarch"),
            "genre", AttributeValue.fromS("novel"));
    TableConfigExample.client(LocalAws.dynamoDb(), oldKeys)
        .putItem(r -> r.tableName("Books").item(book));
    EncryptedDynamoDbClient books = TableConfigExample.client(LocalAws.dynamoDb(), newKeys);

    assertThatThrownBy(() -> books.getItem(r -> r.tableName("Books").key(key)))
        .isInstanceOf(DdbecException.class);
    assertThat(TableConfigExample.readWithOldKeys(books, oldKeys, key)).isEqualTo(book);

    String restored = LocalAws.table("Books-restored", "isbn");
    Map<String, AttributeValue> stored =
        LocalAws.dynamoDb().getItem(r -> r.tableName("Books").key(key)).item();
    LocalAws.dynamoDb().putItem(r -> r.tableName(restored).item(stored));
    List<Map<String, AttributeValue>> items =
        TableConfigExample.scanRestored(
            TableConfigExample.client(LocalAws.dynamoDb(), oldKeys), restored);
    assertThat(items).containsExactly(book);
  }
}
