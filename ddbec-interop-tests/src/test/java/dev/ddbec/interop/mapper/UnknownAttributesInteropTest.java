package dev.ddbec.interop.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import dev.ddbec.enhanced.DdbecHandleUnknownAttributes;
import dev.ddbec.interop.SdkV1Clients;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Unknown attributes across clients: a newer data model (with {@code email}, encrypted and signed)
 * written by one client is read by the other client's older model, which handles unknown
 * attributes: the official mapper's {@code @HandleUnknownAttributes} and ddbec's {@link
 * DdbecHandleUnknownAttributes}. Both directions, one moto table, the same wrapped keys.
 */
class UnknownAttributesInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final byte[] WRAPPING_KEY = MapperClients.randomKey();
  private static final byte[] HMAC_KEY = MapperClients.randomKey();

  private static AmazonDynamoDB sdkV1;
  private static DynamoDbEnhancedClient enhanced;

  @BeforeAll
  static void clients() {
    sdkV1 = SdkV1Clients.dynamoDb(DDB.local().endpoint(), LocalDynamoDb.REGION.id());
    enhanced = MapperClients.enhanced(DDB.local().client(), WRAPPING_KEY, HMAC_KEY);
  }

  @AfterAll
  static void shutdown() {
    if (sdkV1 != null) {
      sdkV1.shutdown();
    }
  }

  private static String table() {
    return DDB.local().createTable("profiles", "id", null);
  }

  private static DynamoDBMapper mapper(String table) {
    return MapperClients.mapper(sdkV1, table, WRAPPING_KEY, HMAC_KEY);
  }

  private static Map<String, AttributeValue> raw(String table, String id) {
    return DDB.local().rawItem(table, Map.of("id", AttributeValue.fromS(id)));
  }

  /** The newer model's profile, in either client's class. */
  private static <P extends MapperProfileV2> P profile(P p, String id, String name, String email) {
    p.setId(id);
    p.setName(name);
    p.setEmail(email);
    return p;
  }

  @Test
  void officialNewerModel_readByEnhancedOlderModelHandlingUnknownAttributes() {
    String table = table();
    mapper(table).save(profile(new MapperProfileV2(), "1", "Ada", "ada@example.com"));
    assertThat(raw(table, "1").get("email").type()).isEqualTo(AttributeValue.Type.B);

    EnhancedProfileV1 read =
        enhanced
            .table(table, TableSchema.fromBean(EnhancedProfileV1.class))
            .getItem(Key.builder().partitionValue("1").build());
    assertThat(read.getName()).isEqualTo("Ada");
  }

  @Test
  void enhancedNewerModel_readByOfficialOlderModelHandlingUnknownAttributes() {
    String table = table();
    enhanced
        .table(table, TableSchema.fromBean(EnhancedProfileV2.class))
        .putItem(profile(new EnhancedProfileV2(), "2", "Grace", "grace@example.com"));
    assertThat(raw(table, "2").get("email").type()).isEqualTo(AttributeValue.Type.B);

    MapperProfileV1 read = mapper(table).load(MapperProfileV1.class, "2");
    assertThat(read.getName()).isEqualTo("Grace");
  }
}
