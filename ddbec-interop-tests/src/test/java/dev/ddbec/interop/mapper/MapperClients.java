package dev.ddbec.interop.mapper;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.AttributeEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapper;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBMapperConfig;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import dev.ddbec.interop.OfficialJavaClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClientExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The two mappers of the mapper interop tests over the same wrapped (AES key wrap + HMAC) keys: the
 * official {@code DynamoDBMapper} with {@code AttributeEncryptor}, and the Enhanced Client with
 * {@link DynamoDbEncryptionExtension}.
 */
final class MapperClients {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MapperClients() {}

  /** A fresh random 256-bit key. */
  static byte[] randomKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * An Enhanced Client on {@code ddb} whose last extension is ddbec's, with the wrapped provider of
   * the two keys; {@code before} run ahead of it.
   */
  static DynamoDbEnhancedClient enhanced(
      DynamoDbClient ddb,
      byte[] wrappingKey,
      byte[] hmacKey,
      DynamoDbEnhancedClientExtension... before) {
    List<DynamoDbEnhancedClientExtension> extensions = new ArrayList<>(List.of(before));
    extensions.add(
        DynamoDbEncryptionExtension.create(
            WrappedMaterialsProvider.builder()
                .wrappingKey(new SecretKeySpec(wrappingKey, "AES"))
                .hmacKey(new SecretKeySpec(hmacKey, "HmacSHA256"))
                .build()));
    return DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).extensions(extensions).build();
  }

  /**
   * The official mapper on {@code table} (put saves, consistent reads), encrypting with the
   * official wrapped provider of the two keys.
   */
  static DynamoDBMapper mapper(
      AmazonDynamoDB sdkV1, String table, byte[] wrappingKey, byte[] hmacKey) {
    return new DynamoDBMapper(
        sdkV1,
        DynamoDBMapperConfig.builder()
            .withSaveBehavior(DynamoDBMapperConfig.SaveBehavior.PUT)
            .withConsistentReads(DynamoDBMapperConfig.ConsistentReads.CONSISTENT)
            .withTableNameOverride(
                DynamoDBMapperConfig.TableNameOverride.withTableNameReplacement(table))
            .build(),
        new AttributeEncryptor(OfficialJavaClient.wrappedAesHmac(wrappingKey, hmacKey)));
  }
}
