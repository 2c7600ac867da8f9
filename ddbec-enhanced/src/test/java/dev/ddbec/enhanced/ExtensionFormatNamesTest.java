package dev.ddbec.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table configured with custom format names in the Enhanced Client extension, on moto. */
class ExtensionFormatNamesTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  @Test
  void tableConfigFormatNames_putThenGet_usesTheConfiguredAttributes() {
    String tableName = LocalDynamoDb.uniqueTableName("names");
    DynamoDbEnhancedClient enhanced =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(DDB.local().client())
            .extensions(
                VersionedRecordExtension.builder().build(),
                DynamoDbEncryptionExtension.builder()
                    .materialsProvider(DynamoDbEncryptionExtensionTest.PROVIDER)
                    .tableConfig(
                        TableConfig.builder(tableName)
                            .formatNames(FormatNames.of("meta", "sig", "acme-"))
                            .build())
                    .build())
            .build();
    DynamoDbTable<BeanBook> table =
        enhanced.table(tableName, DynamoDbEncryptionExtensionTest.BEAN_SCHEMA);
    table.createTable();
    BeanBook book = BeanBook.of("isbn-1", "1st", "Dune");

    table.putItem(book);

    Map<String, AttributeValue> raw =
        DDB.local()
            .client()
            .getItem(
                r ->
                    r.tableName(tableName)
                        .key(
                            Map.of(
                                "isbn", AttributeValue.fromS("isbn-1"),
                                "edition", AttributeValue.fromS("1st"))))
            .item();
    assertThat(raw).containsKeys("meta", "sig").doesNotContainKey(FormatNames.SIGNATURE_ATTRIBUTE);
    book.setVersion(1L);
    assertThat(table.getItem(Key.builder().partitionValue("isbn-1").sortValue("1st").build()))
        .isEqualTo(book);
  }
}
