package dev.ddbec.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.TestKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * DynamoDbEncryptionExtension with the Enhanced Client on the moto server: bean, immutable record
 * and static schemas, VersionedRecordExtension before it, raw-table checks, refusals.
 */
class DynamoDbEncryptionExtensionTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static final MaterialsProvider PROVIDER = provider();
  static final TableSchema<BeanBook> BEAN_SCHEMA = TableSchema.fromBean(BeanBook.class);
  static final TableSchema<RecordBook> RECORD_SCHEMA =
      TableSchema.fromImmutableClass(RecordBook.class);

  static DynamoDbEnhancedClient enhanced;
  DynamoDbClient plain;

  @BeforeAll
  static void setUpClient() {
    enhanced = client(DDB, DynamoDbEncryptionExtension.create(PROVIDER));
  }

  @BeforeEach
  void setUp() {
    plain = DDB.local().client();
  }

  DynamoDbTable<BeanBook> beanTable() {
    DynamoDbTable<BeanBook> table =
        enhanced.table(LocalDynamoDb.uniqueTableName("beans"), BEAN_SCHEMA);
    table.createTable(
        r ->
            r.globalSecondaryIndices(
                EnhancedGlobalSecondaryIndex.builder()
                    .indexName("byGenre")
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build()));
    return table;
  }

  @Test
  void builder_missingMaterialsProvider_namesWhatIsBuilt() {
    assertThatThrownBy(() -> DynamoDbEncryptionExtension.builder().build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("DynamoDbEncryptionExtension needs a materials provider");
  }

  @Test
  void bean_putThenGet_roundTripWithCiphertextInTheTable() {
    DynamoDbTable<BeanBook> table = beanTable();
    BeanBook book = BeanBook.of("isbn-1", "1st", "Dune");

    table.putItem(book);

    BeanBook read = table.getItem(Key.builder().partitionValue("isbn-1").sortValue("1st").build());
    book.setVersion(1L);
    assertThat(read).isEqualTo(book);
    Map<String, AttributeValue> raw = raw(table.tableName(), "isbn-1", "1st");
    assertThat(raw.get("isbn").s()).isEqualTo("isbn-1");
    assertThat(raw.get("genre").s()).isEqualTo("sf");
    assertThat(raw.get("views").n()).isEqualTo("0");
    assertThat(raw.get("version").n()).isEqualTo("1");
    for (String encrypted : List.of("title", "price", "tags")) {
      assertThat(raw.get(encrypted).type()).isEqualTo(AttributeValue.Type.B);
    }
    assertThat(raw)
        .containsKeys(ReservedAttributes.SIGNATURE, ReservedAttributes.MATERIAL_DESCRIPTION);
  }

  @Test
  void bean_versionedRecordExtensionFirst_optimisticLockingKeepsWorking() {
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    Key key = Key.builder().partitionValue("isbn-1").sortValue("1st").build();
    BeanBook first = table.getItem(key);
    BeanBook stale = table.getItem(key);

    first.setTitle("Dune (revised)");
    table.putItem(first);

    assertThat(table.getItem(key).getVersion()).isEqualTo(2L);
    assertThat(table.getItem(key).getTitle()).isEqualTo("Dune (revised)");
    stale.setTitle("lost update");
    assertThatThrownBy(() -> table.putItem(stale))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(table.getItem(key).getTitle()).isEqualTo("Dune (revised)");
  }

  @Test
  void bean_queryIndexScanAndTransactions_decryptEveryItem() {
    DynamoDbTable<BeanBook> table = beanTable();
    List<BeanBook> books = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      BeanBook b = BeanBook.of("isbn-" + i, "1st", "Title " + i);
      table.putItem(b);
      b.setVersion(1L);
      books.add(b);
    }

    assertThat(table.scan(r -> r.limit(2)).items().stream().toList())
        .containsExactlyInAnyOrderElementsOf(books);
    assertThat(
            table
                .index("byGenre")
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue("sf")))
                .stream()
                .flatMap(p -> p.items().stream())
                .toList())
        .containsExactlyInAnyOrderElementsOf(books);

    BeanBook fifth = BeanBook.of("isbn-5", "1st", "Fifth");
    enhanced.transactWriteItems(r -> r.addPutItem(table, fifth));
    fifth.setVersion(1L);
    assertThat(
            enhanced
                .transactGetItems(
                    r ->
                        r.addGetItem(
                            table, Key.builder().partitionValue("isbn-5").sortValue("1st").build()))
                .get(0)
                .getItem(table))
        .isEqualTo(fifth);
  }

  /** Batch writes (the Enhanced Client refuses them for versioned schemas, so a static one). */
  @Test
  void static_batchWriteAndBatchGet_roundTrip() {
    DynamoDbTable<StaticBook> table =
        enhanced.table(LocalDynamoDb.uniqueTableName("static-batch"), StaticBook.SCHEMA);
    table.createTable();
    List<StaticBook> books = new ArrayList<>();
    WriteBatch.Builder<StaticBook> batch =
        WriteBatch.builder(StaticBook.class).mappedTableResource(table);
    for (int i = 0; i < 3; i++) {
      StaticBook b = new StaticBook("isbn-" + i, "Title " + i, "sf", "n" + i);
      batch.addPutItem(b);
      books.add(b);
    }

    enhanced.batchWriteItem(r -> r.writeBatches(batch.build()));

    ReadBatch.Builder<StaticBook> read =
        ReadBatch.builder(StaticBook.class).mappedTableResource(table);
    for (StaticBook b : books) {
      read.addGetItem(Key.builder().partitionValue(b.isbn()).build());
    }
    assertThat(
            enhanced.batchGetItem(r -> r.readBatches(read.build())).resultsForTable(table).stream()
                .toList())
        .containsExactlyInAnyOrderElementsOf(books);
  }

  @Test
  void bean_updateItem_refusedAndTableUnchanged() {
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    Key key = Key.builder().partitionValue("isbn-1").sortValue("1st").build();
    Map<String, AttributeValue> before = raw(table.tableName(), "isbn-1", "1st");
    BeanBook changed = table.getItem(key);
    changed.setTitle("changed");

    assertThatThrownBy(() -> table.updateItem(changed))
        .isInstanceOf(RefusedRequestException.class)
        .hasMessageContaining("putItem");
    assertThatThrownBy(
            () ->
                enhanced.transactWriteItems(
                    r ->
                        r.addUpdateItem(
                            table,
                            TransactUpdateItemEnhancedRequest.builder(BeanBook.class)
                                .item(changed)
                                .build())))
        .isInstanceOf(RefusedRequestException.class);
    assertThat(raw(table.tableName(), "isbn-1", "1st")).isEqualTo(before);
  }

  @Test
  void bean_tamperedSignedAttribute_getThrowsItemIntegrityException() {
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    Map<String, AttributeValue> stored = new HashMap<>(raw(table.tableName(), "isbn-1", "1st"));
    stored.put("genre", AttributeValue.fromS("romance"));
    plain.putItem(r -> r.tableName(table.tableName()).item(stored));

    assertThatThrownBy(
            () -> table.getItem(Key.builder().partitionValue("isbn-1").sortValue("1st").build()))
        .isInstanceOf(ItemIntegrityException.class);
  }

  /** Writes one book to a new bean table; what scanning it with a projection throws. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertThatProjectedScanOfOneBook() {
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    return assertThatThrownBy(
        () ->
            table.scan(r -> r.attributesToProject("isbn", "edition", "title")).items().stream()
                .toList());
  }

  @Test
  void bean_projection_failsVerification() {
    assertThatProjectedScanOfOneBook().isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void bean_projectionUnderReject_messageNamesProjectionAsLikelyCause() {
    assertThatProjectedScanOfOneBook()
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("projection")
        .hasMessageContaining("attributesToProject")
        .hasMessageNotContaining("Dune");
  }

  /**
   * Following the old advice (relax the plaintext policy) after a projected read must not turn
   * ciphertext into data: the encrypted title arrives as a binary value without a signature.
   */
  @Test
  void bean_projectionUnderAllowReadPlaintext_encryptedAttributeRefusedNeverReturned() {
    DynamoDbEnhancedClient relaxed = client(relaxedExtension());
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    DynamoDbTable<BeanBook> relaxedTable = relaxed.table(table.tableName(), BEAN_SCHEMA);

    assertThatThrownBy(
            () ->
                relaxedTable
                    .scan(r -> r.attributesToProject("isbn", "edition", "title"))
                    .items()
                    .stream()
                    .toList())
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("'title'")
        .hasMessageContaining("projection");
    assertThatThrownBy(
            () ->
                relaxedTable
                    .query(
                        r ->
                            r.queryConditional(
                                    QueryConditional.keyEqualTo(k -> k.partitionValue("isbn-1")))
                                .attributesToProject("isbn", "edition", "price"))
                    .items()
                    .stream()
                    .toList())
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("'price'");
    // Projections of attributes that are not encrypted hold no ciphertext: allowed by the policy.
    assertThat(
            relaxedTable
                .scan(r -> r.attributesToProject("isbn", "edition", "genre"))
                .items()
                .stream()
                .map(BeanBook::getGenre)
                .toList())
        .containsExactly("sf");
  }

  @Test
  void bean_plaintextItemUnderAllowReadPlaintext_returnedAsStored() {
    DynamoDbTable<BeanBook> table = beanTable();
    plain.putItem(
        r ->
            r.tableName(table.tableName())
                .item(
                    Map.of(
                        "isbn", AttributeValue.fromS("isbn-1"),
                        "edition", AttributeValue.fromS("1st"),
                        "title", AttributeValue.fromS("Dune"),
                        "genre", AttributeValue.fromS("sf"))));
    DynamoDbTable<BeanBook> relaxedTable =
        client(relaxedExtension()).table(table.tableName(), BEAN_SCHEMA);

    assertThat(
            relaxedTable
                .getItem(Key.builder().partitionValue("isbn-1").sortValue("1st").build())
                .getTitle())
        .isEqualTo("Dune");
  }

  @Test
  void extensionBeforeVersionedRecordExtension_putRefusedNamingTheOrder_nothingWritten() {
    DynamoDbTable<BeanBook> table = beanTable();
    DynamoDbEnhancedClient misordered =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(DDB.local().client())
            .extensions(
                DynamoDbEncryptionExtension.create(PROVIDER),
                VersionedRecordExtension.builder().build())
            .build();
    DynamoDbTable<BeanBook> wrong = misordered.table(table.tableName(), BEAN_SCHEMA);

    // A new item (no version yet) ...
    assertThatThrownBy(() -> wrong.putItem(BeanBook.of("isbn-1", "1st", "Dune")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("VersionedRecordExtension is registered after")
        .hasMessageContaining("Register DynamoDbEncryptionExtension last");
    assertThat(raw(table.tableName(), "isbn-1", "1st")).isEmpty();

    // ... and an update of an item written correctly (its version is already set).
    table.putItem(BeanBook.of("isbn-2", "1st", "Emma"));
    Map<String, AttributeValue> before = raw(table.tableName(), "isbn-2", "1st");
    BeanBook existing =
        table.getItem(Key.builder().partitionValue("isbn-2").sortValue("1st").build());
    existing.setTitle("Emma (revised)");
    assertThatThrownBy(() -> wrong.putItem(existing))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> misordered.transactWriteItems(r -> r.addPutItem(wrong, existing)))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(raw(table.tableName(), "isbn-2", "1st")).isEqualTo(before);
  }

  @Test
  void extensionLastAfterVersionedRecordExtension_writesSucceed() {
    // The order check must not refuse the documented order, including batch writes (static schema,
    // no version attribute: VersionedRecordExtension leaves the item alone).
    DynamoDbTable<StaticBook> table =
        enhanced.table(LocalDynamoDb.uniqueTableName("static-order"), StaticBook.SCHEMA);
    table.createTable();
    StaticBook book = new StaticBook("isbn-1", "Dune", "sf", "n");
    enhanced.batchWriteItem(
        r ->
            r.writeBatches(
                WriteBatch.builder(StaticBook.class)
                    .mappedTableResource(table)
                    .addPutItem(book)
                    .build()));
    assertThat(table.getItem(Key.builder().partitionValue("isbn-1").build())).isEqualTo(book);
  }

  @Test
  void tableArnAsTableName_usesTheTableConfigAndBindsTheName() {
    String name = LocalDynamoDb.uniqueTableName("arn");
    MaterialsProvider tableProvider = provider();
    DynamoDbEncryptionExtension extension =
        DynamoDbEncryptionExtension.builder()
            .materialsProvider(PROVIDER)
            .tableConfig(TableConfig.builder(name).materialsProvider(tableProvider).build())
            .build();
    DynamoDbEnhancedClient client = client(extension);
    DynamoDbTable<StaticBook> byName = client.table(name, StaticBook.SCHEMA);
    byName.createTable();
    // The ARN the server gives the table (its region and account are the server's).
    String arn = byName.describeTable().table().tableArn();
    DynamoDbTable<StaticBook> byArn = client.table(arn, StaticBook.SCHEMA);
    StaticBook book = new StaticBook("isbn-1", "Dune", "sf", "n");

    byArn.putItem(book);

    Key key = Key.builder().partitionValue("isbn-1").build();
    assertThat(byArn.getItem(key)).isEqualTo(book);
    assertThat(byName.getItem(key)).isEqualTo(book);
    // Written with the table's own provider, and the signature binds the name: an extension
    // without that TableConfig (default provider only) cannot read it.
    assertThatThrownBy(
            () ->
                client(DynamoDbEncryptionExtension.create(PROVIDER))
                    .table(name, StaticBook.SCHEMA)
                    .getItem(key))
        .isInstanceOf(DdbecException.class);
    assertThat(
            client(DynamoDbEncryptionExtension.create(tableProvider))
                .table(name, StaticBook.SCHEMA)
                .getItem(key))
        .isEqualTo(book);
  }

  @Test
  void tableArnOfAnotherResource_refused() {
    DynamoDbTable<StaticBook> index =
        enhanced.table(
            "arn:aws:dynamodb:ddblocal:000000000000:table/books/index/byGenre", StaticBook.SCHEMA);

    assertThatThrownBy(() -> index.putItem(new StaticBook("isbn-1", "Dune", "sf", "n")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("table ARN");
  }

  @Test
  void schemaCache_manySchemaInstances_boundedSize() {
    DynamoDbEncryptionExtension extension = DynamoDbEncryptionExtension.create(PROVIDER);
    DynamoDbEnhancedClient client = client(extension);
    String name = LocalDynamoDb.uniqueTableName("schemas");
    client.table(name, StaticBook.SCHEMA).createTable();
    int schemas = DynamoDbEncryptionExtension.MAX_CACHED_SCHEMAS + 40;

    for (int i = 0; i < schemas; i++) {
      DynamoDbTable<StaticBook> table = client.table(name, StaticBook.schema());
      table.putItem(new StaticBook("isbn-" + i, "Title " + i, "sf", "n"));
    }

    assertThat(extension.cachedSchemaCount())
        .isPositive()
        .isLessThanOrEqualTo(DynamoDbEncryptionExtension.MAX_CACHED_SCHEMAS);
    // Evicted states are rebuilt on demand.
    assertThat(
            client
                .table(name, StaticBook.SCHEMA)
                .getItem(Key.builder().partitionValue("isbn-0").build()))
        .isEqualTo(new StaticBook("isbn-0", "Title 0", "sf", "n"));
  }

  @Test
  void bean_itemWrittenByExtension_readByEncryptedDynamoDbClientWithSameActions() {
    DynamoDbTable<BeanBook> table = beanTable();
    table.putItem(BeanBook.of("isbn-1", "1st", "Dune"));
    EncryptedDynamoDbClient client =
        EncryptedDynamoDbClient.builder()
            .delegate(plain)
            .materialsProvider(PROVIDER)
            .attributeActions(
                AttributeActions.builder()
                    .action("genre", CryptoAction.SIGN_ONLY)
                    .action("version", CryptoAction.SIGN_ONLY)
                    .action("views", CryptoAction.DO_NOTHING)
                    .build())
            .build();

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName(table.tableName())
                        .key(
                            Map.of(
                                "isbn", AttributeValue.fromS("isbn-1"),
                                "edition", AttributeValue.fromS("1st"))))
            .item();

    assertThat(item.get("title").s()).isEqualTo("Dune");
    assertThat(item.get("price").n()).isEqualTo("999");
  }

  /** A new table {@code PREFIX-…} of the schema, through the encrypting enhanced client. */
  <T> DynamoDbTable<T> newTable(String prefix, TableSchema<T> schema) {
    DynamoDbTable<T> table = enhanced.table(LocalDynamoDb.uniqueTableName(prefix), schema);
    table.createTable();
    return table;
  }

  @Test
  void record_immutableSchemaWithClassDefault_signedPlaintextRoundTrip() {
    DynamoDbTable<RecordBook> table = newTable("records", RECORD_SCHEMA);
    RecordBook book = new RecordBook("isbn-1", "Dune", "spice", 3L);

    table.putItem(book);

    assertThat(table.getItem(Key.builder().partitionValue("isbn-1").build())).isEqualTo(book);
    Map<String, AttributeValue> raw =
        DDB.local().rawItem(table.tableName(), Map.of("isbn", AttributeValue.fromS("isbn-1")));
    assertThat(raw.get("title").s()).isEqualTo("Dune");
    assertThat(raw.get("secret").s()).isEqualTo("spice");
    assertThat(raw).containsKey(ReservedAttributes.SIGNATURE);
    Map<String, AttributeValue> tampered = new HashMap<>(raw);
    tampered.put("secret", AttributeValue.fromS("melange"));
    tampered.put("views", AttributeValue.fromN("99"));
    plain.putItem(r -> r.tableName(table.tableName()).item(tampered));
    assertThatThrownBy(() -> table.getItem(Key.builder().partitionValue("isbn-1").build()))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void static_schemaWithTags_roundTripWithTaggedActions() {
    DynamoDbTable<StaticBook> table = newTable("static", StaticBook.SCHEMA);
    StaticBook book = new StaticBook("isbn-1", "Dune", "sf", "first edition");

    table.putItem(book);

    assertThat(table.getItem(Key.builder().partitionValue("isbn-1").build())).isEqualTo(book);
    Map<String, AttributeValue> raw =
        DDB.local().rawItem(table.tableName(), Map.of("isbn", AttributeValue.fromS("isbn-1")));
    assertThat(raw.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(raw.get("genre").s()).isEqualTo("sf");
    Map<String, AttributeValue> changedNote = new HashMap<>(raw);
    changedNote.put("note", AttributeValue.fromS("second printing"));
    plain.putItem(r -> r.tableName(table.tableName()).item(changedNote));
    assertThat(table.getItem(Key.builder().partitionValue("isbn-1").build()).note())
        .isEqualTo("second printing");
  }

  @Test
  void indexKeyEncryptedByDefault_refusedNamingTheIndex() {
    DynamoDbTable<UntaggedIndexBook> table =
        enhanced.table(
            LocalDynamoDb.uniqueTableName("untagged"),
            TableSchema.fromBean(UntaggedIndexBook.class));
    UntaggedIndexBook book = new UntaggedIndexBook();
    book.setId("isbn-1");
    book.setAuthor("Herbert");

    assertThatThrownBy(() -> table.putItem(book))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'author'")
        .hasMessageContaining("byAuthor");
  }

  @Test
  void builder_missingProvider_throwsInvalidConfiguration() {
    assertThatThrownBy(() -> DynamoDbEncryptionExtension.builder().build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("materials provider");
  }

  // ---------------------------------------------------------------------------------------------

  Map<String, AttributeValue> raw(String tableName, String isbn, String edition) {
    return DDB.local()
        .rawItem(
            tableName,
            Map.of("isbn", AttributeValue.fromS(isbn), "edition", AttributeValue.fromS(edition)));
  }

  static DynamoDbEnhancedClient client(DynamoDbEncryptionExtension extension) {
    return client(DDB, extension);
  }

  /**
   * An Enhanced Client on {@code ddb}'s server: VersionedRecordExtension, then {@code extension}.
   */
  static DynamoDbEnhancedClient client(
      LocalDynamoDbExtension ddb, DynamoDbEncryptionExtension extension) {
    return DynamoDbEnhancedClient.builder()
        .dynamoDbClient(ddb.local().client())
        .extensions(VersionedRecordExtension.builder().build(), extension)
        .build();
  }

  static DynamoDbEncryptionExtension relaxedExtension() {
    return DynamoDbEncryptionExtension.builder()
        .materialsProvider(PROVIDER)
        .plaintextPolicy(PlaintextPolicy.ALLOW_READ_PLAINTEXT)
        .build();
  }

  static MaterialsProvider provider() {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(TestKeys.aes256())
        .hmacKey(TestKeys.hmacSha256())
        .build();
  }
}
