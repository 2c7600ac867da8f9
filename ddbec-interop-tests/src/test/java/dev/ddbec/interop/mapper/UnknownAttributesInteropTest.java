package dev.ddbec.interop.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.datamodeling.AttributeEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapperConfig;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.enhanced.DdbecHandleUnknownAttributes;
import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import dev.ddbec.interop.OfficialJavaClient;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Unknown attributes across clients: a newer data model (with {@code email}, encrypted and signed)
 * written by one client is read by the other client's older model, which handles unknown
 * attributes: the official mapper's {@code @HandleUnknownAttributes} and ddbec's {@link
 * DdbecHandleUnknownAttributes}. Both directions, one moto table, the same wrapped keys.
 */
class UnknownAttributesInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] WRAPPING_KEY = random();
  private static final byte[] HMAC_KEY = random();

  private static AmazonDynamoDB sdkV1;
  private static DynamoDbEnhancedClient enhanced;

  private static byte[] random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  @BeforeAll
  static void clients() {
    sdkV1 =
        AmazonDynamoDBClientBuilder.standard()
            .withEndpointConfiguration(
                new AwsClientBuilder.EndpointConfiguration(
                    DDB.local().endpoint().toString(), LocalDynamoDb.REGION.id()))
            .withCredentials(
                new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials("ddbeclocal", "ddbeclocal")))
            .build();
    enhanced =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(DDB.local().client())
            .extensions(
                DynamoDbEncryptionExtension.create(
                    WrappedMaterialsProvider.builder()
                        .wrappingKey(new SecretKeySpec(WRAPPING_KEY, "AES"))
                        .hmacKey(new SecretKeySpec(HMAC_KEY, "HmacSHA256"))
                        .build()))
            .build();
  }

  @AfterAll
  static void shutdown() {
    if (sdkV1 != null) {
      sdkV1.shutdown();
    }
  }

  private static String table() {
    String name = LocalDynamoDb.uniqueTableName("profiles");
    DDB.local()
        .client()
        .createTable(
            r ->
                r.tableName(name)
                    .billingMode("PAY_PER_REQUEST")
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName("id")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
    return name;
  }

  private static DynamoDBMapper mapper(String table) {
    return new DynamoDBMapper(
        sdkV1,
        DynamoDBMapperConfig.builder()
            .withSaveBehavior(DynamoDBMapperConfig.SaveBehavior.PUT)
            .withConsistentReads(DynamoDBMapperConfig.ConsistentReads.CONSISTENT)
            .withTableNameOverride(
                DynamoDBMapperConfig.TableNameOverride.withTableNameReplacement(table))
            .build(),
        new AttributeEncryptor(OfficialJavaClient.wrappedAesHmac(WRAPPING_KEY, HMAC_KEY)));
  }

  private static Map<String, AttributeValue> raw(String table, String id) {
    return DDB.local()
        .client()
        .getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(id))))
        .item();
  }

  @Test
  void officialNewerModel_readByEnhancedOlderModelHandlingUnknownAttributes() {
    String table = table();
    MapperProfileV2 v2 = new MapperProfileV2();
    v2.setId("1");
    v2.setName("Ada");
    v2.setEmail("ada@example.com");
    mapper(table).save(v2);
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
    EnhancedProfileV2 v2 = new EnhancedProfileV2();
    v2.setId("2");
    v2.setName("Grace");
    v2.setEmail("grace@example.com");
    enhanced.table(table, TableSchema.fromBean(EnhancedProfileV2.class)).putItem(v2);
    assertThat(raw(table, "2").get("email").type()).isEqualTo(AttributeValue.Type.B);

    MapperProfileV1 read = mapper(table).load(MapperProfileV1.class, "2");
    assertThat(read.getName()).isEqualTo("Grace");
  }
}
