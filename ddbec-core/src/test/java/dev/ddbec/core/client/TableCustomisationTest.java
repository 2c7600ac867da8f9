package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.TableNameBinding;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Custom format names, encryption-context operators and the table-name binding in the helper
 * client, per client and per table, against the moto server.
 */
class TableCustomisationTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final FormatNames CUSTOM = FormatNames.of("meta", "sig", "acme-");
  private static final AttributeActions ACTIONS =
      AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);
  private static final Map<String, AttributeValue> ITEM =
      Map.of("pk", AttributeValue.fromS("k1"), "secret", AttributeValue.fromS("s"));
  private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("k1"));

  String table;

  @BeforeEach
  void setUp() {
    table = DDB.local().createTable("custom", "pk", null);
  }

  private EncryptedDynamoDbClient client(TableConfig config) {
    EncryptedDynamoDbClient.Builder b =
        EncryptedDynamoDbClient.builder()
            .delegate(DDB.local().newClient())
            .materialsProvider(Books.PROVIDER)
            .attributeActions(ACTIONS);
    return config == null ? b.build() : b.tableConfig(config).build();
  }

  private Map<String, AttributeValue> raw() {
    return DDB.local().client().getItem(r -> r.tableName(table).key(KEY)).item();
  }

  @Test
  void tableConfig_formatNames_writesAndReadsCustomAttributes() {
    EncryptedDynamoDbClient custom = client(TableConfig.builder(table).formatNames(CUSTOM).build());

    custom.putItem(r -> r.tableName(table).item(ITEM));

    assertThat(raw())
        .containsKeys("meta", "sig")
        .doesNotContainKey(FormatNames.SIGNATURE_ATTRIBUTE);
    assertThat(custom.getItem(r -> r.tableName(table).key(KEY)).item()).isEqualTo(ITEM);
    assertThatThrownBy(() -> client(null).getItem(r -> r.tableName(table).key(KEY)))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void clientFormatNames_updateOfConfiguredSignatureAttribute_isRefused() {
    EncryptedDynamoDbClient custom =
        EncryptedDynamoDbClient.builder()
            .delegate(DDB.local().newClient())
            .materialsProvider(Books.PROVIDER)
            .attributeActions(
                AttributeActions.builder()
                    .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
                    .action("views", CryptoAction.DO_NOTHING)
                    .build())
            .formatNames(CUSTOM)
            .build();
    custom.putItem(r -> r.tableName(table).item(ITEM));

    assertThat(raw()).containsKey("sig");
    assertThatThrownBy(
            () ->
                custom.updateItem(
                    r ->
                        r.tableName(table)
                            .key(KEY)
                            .updateExpression("SET #s = :v")
                            .expressionAttributeNames(Map.of("#s", "sig"))
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))))
        .isInstanceOf(RefusedRequestException.class)
        .hasMessageContaining("'sig'");
  }

  @Test
  void tableConfig_contextTableName_isAnOperatorThatComposesWithTheGeneralOne() {
    Object tenant = "tenant-7";
    TableConfig config =
        TableConfig.builder(table)
            .contextTableName("Archive")
            .encryptionContextOperator(c -> c.withDeveloperContext(tenant))
            .build();
    EncryptedDynamoDbClient renamed = client(config);

    renamed.putItem(r -> r.tableName(table).item(ITEM));

    // The item verifies as if stored in "Archive", with the item encryptor alone.
    CryptoConfig archive =
        CryptoConfig.of(
            EncryptionContext.builder().tableName("Archive").partitionKeyName("pk").build(),
            ACTIONS.withIndexKeys("pk"));
    assertThat(ItemEncryptor.create(Books.PROVIDER).decryptItem(raw(), archive)).isEqualTo(ITEM);
    assertThat(config.effectiveContextOperator().apply(archive.context().withTableName(table)))
        .satisfies(
            c -> {
              assertThat(c.tableName()).isEqualTo("Archive");
              assertThat(c.developerContext()).isEqualTo(tenant);
            });
    assertThat(renamed.getItem(r -> r.tableName(table).key(KEY)).item()).isEqualTo(ITEM);
  }

  @Test
  void tableConfig_tableNameBinding_readsItemsSignedWithoutTableName() {
    // What the official Java client writes when its context has no table name: TABLE>null<TABLE.
    CryptoConfig unset =
        CryptoConfig.of(
            EncryptionContext.builder().tableName("null").partitionKeyName("pk").build(),
            ACTIONS.withIndexKeys("pk"));
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(Books.PROVIDER).encryptItem(ITEM, unset);
    DDB.local().client().putItem(r -> r.tableName(table).item(stored));

    assertThatThrownBy(() -> client(null).getItem(r -> r.tableName(table).key(KEY)))
        .isInstanceOf(ItemIntegrityException.class);
    EncryptedDynamoDbClient lenient =
        client(
            TableConfig.builder(table)
                .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
                .build());
    assertThat(lenient.getItem(r -> r.tableName(table).key(KEY)).item()).isEqualTo(ITEM);
  }

  @Test
  void streamRecordDecryptor_formatNames_decryptsImagesWithTheConfiguredNames() {
    Map<String, AttributeValue> stored =
        ItemEncryptor.builder()
            .materialsProvider(Books.PROVIDER)
            .formatNames(CUSTOM)
            .build()
            .encryptItem(
                ITEM,
                CryptoConfig.of(
                    EncryptionContext.builder().tableName(table).partitionKeyName("pk").build(),
                    ACTIONS.withIndexKeys("pk")));
    Record record =
        Record.builder()
            .eventName(OperationType.INSERT)
            .dynamodb(StreamRecord.builder().keys(KEY).newImage(stored).build())
            .build();
    StreamRecordDecryptor.Builder builder =
        StreamRecordDecryptor.builder()
            .tableName(table)
            .materialsProvider(Books.PROVIDER)
            .attributeActions(ACTIONS)
            .keySchema(TableKeySchema.of("pk", null));

    assertThatThrownBy(() -> builder.build().decryptRecord(record))
        .isInstanceOf(ItemIntegrityException.class);
    assertThat(builder.formatNames(CUSTOM).build().decryptRecord(record).dynamodb().newImage())
        .isEqualTo(ITEM);
  }
}
