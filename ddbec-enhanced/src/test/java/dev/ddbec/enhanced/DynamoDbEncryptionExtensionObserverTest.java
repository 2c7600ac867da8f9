package dev.ddbec.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.RecordingObserver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the Enhanced Client extension reports to its observer. */
class DynamoDbEncryptionExtensionObserverTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  final RecordingObserver recorder = new RecordingObserver();

  @Test
  void putGetUpdateAndPlaintextReads_reported() {
    DynamoDbTable<BeanBook> strict = table(PlaintextPolicy.REJECT);
    String name = strict.tableName();
    DynamoDbTable<BeanBook> relaxed =
        client(extension(PlaintextPolicy.ALLOW_READ_PLAINTEXT))
            .table(name, DynamoDbEncryptionExtensionTest.BEAN_SCHEMA);

    strict.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    BeanBook read = strict.getItem(key("isbn-1"));
    assertThatThrownBy(() -> strict.updateItem(read)).isInstanceOf(RefusedRequestException.class);
    DDB.local()
        .client()
        .putItem(
            r ->
                r.tableName(name)
                    .item(
                        Map.of(
                            "isbn", AttributeValue.fromS("isbn-2"),
                            "edition", AttributeValue.fromS("1st"))));
    relaxed.getItem(key("isbn-2"));
    assertThatThrownBy(() -> strict.getItem(key("isbn-2")))
        .isInstanceOf(ItemIntegrityException.class);

    assertThat(recorder.names())
        .containsExactly(
            "itemEncrypted " + name,
            "itemDecrypted " + name,
            "refused UpdateItem",
            "plaintext READ " + name,
            "MISSING_SIGNATURE " + name);
  }

  private DynamoDbTable<BeanBook> table(PlaintextPolicy policy) {
    DynamoDbTable<BeanBook> table =
        client(extension(policy))
            .table(
                LocalDynamoDb.uniqueTableName("observed"),
                DynamoDbEncryptionExtensionTest.BEAN_SCHEMA);
    table.createTable();
    return table;
  }

  private static DynamoDbEnhancedClient client(DynamoDbEncryptionExtension extension) {
    return DynamoDbEncryptionExtensionTest.client(DDB, extension);
  }

  private DynamoDbEncryptionExtension extension(PlaintextPolicy policy) {
    return DynamoDbEncryptionExtension.builder()
        .materialsProvider(DynamoDbEncryptionExtensionTest.PROVIDER)
        .plaintextPolicy(policy)
        .observer(recorder)
        .build();
  }

  private static Key key(String isbn) {
    return Key.builder().partitionValue(isbn).sortValue("1st").build();
  }
}
