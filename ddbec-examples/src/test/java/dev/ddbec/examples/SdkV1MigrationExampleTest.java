package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.datamodeling.AttributeEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapperConfig;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The official Java client (aws-dynamodb-encryption-java 2.0.3 on SDK v1) saves a book; the
 * Enhanced Client of {@link SdkV1MigrationExample} reads and saves it; the v1 mapper reads that.
 */
class SdkV1MigrationExampleTest {
  private final byte[] wrappingKeyBytes = LocalAws.randomKey();
  private final byte[] signingKeyBytes = LocalAws.randomKey();
  private final String table = LocalAws.table("v1-books", "isbn");
  private final AmazonDynamoDB sdkV1 =
      AmazonDynamoDBClientBuilder.standard()
          .withEndpointConfiguration(
              new AwsClientBuilder.EndpointConfiguration(
                  LocalAws.localDynamoDb().endpoint().toString(), LocalDynamoDb.REGION.id()))
          .withCredentials(
              new AWSStaticCredentialsProvider(new BasicAWSCredentials("ddbeclocal", "ddbeclocal")))
          .build();

  @AfterEach
  void shutdown() {
    sdkV1.shutdown();
  }

  @Test
  void enhancedClient_readsAndWritesWhatTheV1MapperDoes() {
    DynamoDBMapper mapper = mapper(sdkV1, table);
    LegacyBook saved = new LegacyBook();
    saved.setIsbn("978-0451524935");
    saved.setTitle("Nineteen Eighty-Four");
    saved.setGenre("dystopia");
    saved.setTags(Set.of("classic", "politics"));
    saved.setViews(41L);
    mapper.save(saved);

    DynamoDbTable<Book> books =
        SdkV1MigrationExample.books(LocalAws.dynamoDb(), wrappingKeyBytes, signingKeyBytes, table);
    Book read = SdkV1MigrationExample.countView(books, "978-0451524935");

    assertThat(read.title()).isEqualTo("Nineteen Eighty-Four");
    assertThat(read.genre()).isEqualTo("dystopia");
    assertThat(read.tags()).containsExactlyInAnyOrder("classic", "politics");
    assertThat(read.views()).isEqualTo(42L);
    assertThat(read.version()).isEqualTo(2L);
    Map<String, AttributeValue> stored =
        LocalAws.stored(table, "isbn", AttributeValue.fromS(read.isbn()));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    LegacyBook back = mapper.load(LegacyBook.class, "978-0451524935");
    assertThat(back.getViews()).isEqualTo(42L);
    assertThat(back.getVersion()).isEqualTo(2L);
    assertThat(back.getTitle()).isEqualTo("Nineteen Eighty-Four");
  }

  /** The v1 code being replaced (the table name override stands in for @DynamoDBTable). */
  private DynamoDBMapper mapper(AmazonDynamoDB dynamoDb, String tableName) {
    SecretKeySpec wrappingKey = new SecretKeySpec(wrappingKeyBytes, "AES");
    SecretKeySpec signingKey = new SecretKeySpec(signingKeyBytes, "HmacSHA256");
    // snippet:sdk-v1-before-mapper
    DynamoDBMapper mapper =
        new DynamoDBMapper(
            dynamoDb,
            DynamoDBMapperConfig.builder()
                .withSaveBehavior(DynamoDBMapperConfig.SaveBehavior.PUT)
                .withTableNameOverride(
                    DynamoDBMapperConfig.TableNameOverride.withTableNameReplacement(tableName))
                .build(),
            new AttributeEncryptor(
                new WrappedMaterialsProvider(wrappingKey, wrappingKey, signingKey)));
    // end-snippet
    return mapper;
  }
}
