package dev.ddbec.interop.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMappingException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import dev.ddbec.interop.SdkV1Clients;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items saved by the official Java client ({@code DynamoDBMapper} with {@code AttributeEncryptor},
 * AWS SDK for Java v1) are read by the Enhanced Client with {@link DynamoDbEncryptionExtension},
 * and the reverse, on one table of the test DynamoDB (moto), with the same wrapped (AES key wrap +
 * HMAC) keys.
 */
class MapperEnhancedInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final byte[] WRAPPING_KEY = MapperClients.randomKey();
  private static final byte[] HMAC_KEY = MapperClients.randomKey();
  private static final TableSchema<EnhancedBook> SCHEMA = TableSchema.fromBean(EnhancedBook.class);

  private static AmazonDynamoDB sdkV1;
  private static DynamoDbEnhancedClient enhanced;

  private DynamoDBMapper mapper;
  private DynamoDbTable<EnhancedBook> table;

  @BeforeAll
  static void clients() {
    sdkV1 = SdkV1Clients.dynamoDb(DDB.local().endpoint(), LocalDynamoDb.REGION.id());
    enhanced =
        MapperClients.enhanced(
            DDB.local().client(),
            WRAPPING_KEY,
            HMAC_KEY,
            VersionedRecordExtension.builder().build());
  }

  @AfterAll
  static void shutdown() {
    if (sdkV1 != null) {
      sdkV1.shutdown();
    }
  }

  @BeforeEach
  void setUp() {
    String tableName = DDB.local().createTable("mapper", "isbn", "edition");
    table = enhanced.table(tableName, SCHEMA);
    mapper = MapperClients.mapper(sdkV1, tableName, WRAPPING_KEY, HMAC_KEY);
  }

  @Test
  void mapperSave_readByEnhancedClientExtension() {
    MapperBook saved = mapperBook("isbn-1", "1st", "Dune");

    mapper.save(saved);

    Map<String, AttributeValue> raw = raw("isbn-1", "1st");
    assertThat(raw)
        .containsKeys(ReservedAttributes.SIGNATURE, ReservedAttributes.MATERIAL_DESCRIPTION);
    assertThat(raw.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(raw.get("genre").s()).isEqualTo("sf");
    EnhancedBook read = table.getItem(key("isbn-1", "1st"));
    assertThat(read.getTitle()).isEqualTo("Dune");
    assertThat(read.getGenre()).isEqualTo("sf");
    assertThat(read.getPrice()).isEqualTo(999);
    assertThat(read.getTags()).isEqualTo(Set.of("desert", "dune"));
    assertThat(read.getViews()).isEqualTo(7L);
    assertThat(read.getVersion()).isEqualTo(saved.getVersion()).isEqualTo(1L);
  }

  @Test
  void enhancedPut_readByMapper() {
    table.putItem(enhancedBook("isbn-1", "1st", "Dune"));

    MapperBook read = mapper.load(MapperBook.class, "isbn-1", "1st");

    assertThat(read.getTitle()).isEqualTo("Dune");
    assertThat(read.getGenre()).isEqualTo("sf");
    assertThat(read.getPrice()).isEqualTo(999);
    assertThat(read.getTags()).isEqualTo(Set.of("desert", "dune"));
    assertThat(read.getViews()).isEqualTo(7L);
    assertThat(read.getVersion()).isEqualTo(1L);
  }

  @Test
  void optimisticLocking_acrossBothClients() {
    table.putItem(enhancedBook("isbn-1", "1st", "Dune"));
    MapperBook viaMapper = mapper.load(MapperBook.class, "isbn-1", "1st");
    EnhancedBook stale = table.getItem(key("isbn-1", "1st"));

    viaMapper.setTitle("Dune (mapper edit)");
    mapper.save(viaMapper);

    EnhancedBook fresh = table.getItem(key("isbn-1", "1st"));
    assertThat(fresh.getVersion()).isEqualTo(2L);
    assertThat(fresh.getTitle()).isEqualTo("Dune (mapper edit)");
    stale.setTitle("lost update");
    assertThatThrownBy(() -> table.putItem(stale))
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
    fresh.setTitle("Dune (enhanced edit)");
    table.putItem(fresh);
    assertThat(mapper.load(MapperBook.class, "isbn-1", "1st").getTitle())
        .isEqualTo("Dune (enhanced edit)");
  }

  @Test
  void tamperedItems_rejectedByBothClients() {
    mapper.save(mapperBook("isbn-1", "1st", "Dune"));
    table.putItem(enhancedBook("isbn-2", "1st", "Children of Dune"));
    for (String isbn : new String[] {"isbn-1", "isbn-2"}) {
      Map<String, AttributeValue> stored = new HashMap<>(raw(isbn, "1st"));
      stored.put("genre", AttributeValue.fromS("romance"));
      DDB.local().client().putItem(r -> r.tableName(table.tableName()).item(stored));
    }

    assertThatThrownBy(() -> table.getItem(key("isbn-1", "1st")))
        .isInstanceOf(ItemIntegrityException.class);
    assertThatThrownBy(() -> mapper.load(MapperBook.class, "isbn-2", "1st"))
        .isInstanceOf(DynamoDBMappingException.class);
  }

  // ---------------------------------------------------------------------------------------------

  private Map<String, AttributeValue> raw(String isbn, String edition) {
    return DDB.local()
        .rawItem(
            table.tableName(),
            Map.of("isbn", AttributeValue.fromS(isbn), "edition", AttributeValue.fromS(edition)));
  }

  private static Key key(String isbn, String edition) {
    return Key.builder().partitionValue(isbn).sortValue(edition).build();
  }

  private static MapperBook mapperBook(String isbn, String edition, String title) {
    return book(new MapperBook(), isbn, edition, title);
  }

  /** The same book in either client's class. */
  private static <B extends BookProperties> B book(B b, String isbn, String edition, String title) {
    b.setIsbn(isbn);
    b.setEdition(edition);
    b.setTitle(title);
    b.setGenre("sf");
    b.setPrice(999);
    b.setTags(Set.of("desert", "dune"));
    b.setViews(7L);
    return b;
  }

  private static EnhancedBook enhancedBook(String isbn, String edition, String title) {
    return book(new EnhancedBook(), isbn, edition, title);
  }
}
