package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading (and writing) items of a table that a Python service protects with the official {@code
 * dynamodb-encryption-sdk} ({@code EncryptedTable} / {@code EncryptedClient} with a {@code
 * WrappedCryptographicMaterialsProvider}): the same key bytes and the same attribute actions are
 * all it takes. The Python side, for reference:
 *
 * <pre>{@code
 * wrapping_key = JceNameLocalDelegatedKey(key=wrapping_key_bytes, algorithm="AES",
 *     key_type=EncryptionKeyType.SYMMETRIC, key_encoding=KeyEncodingType.RAW)
 * signing_key = JceNameLocalDelegatedKey(key=signing_key_bytes, algorithm="HmacSHA256",
 *     key_type=EncryptionKeyType.SYMMETRIC, key_encoding=KeyEncodingType.RAW)
 * provider = WrappedCryptographicMaterialsProvider(wrapping_key=wrapping_key,
 *     unwrapping_key=wrapping_key, signing_key=signing_key)
 * actions = AttributeActions(default_action=CryptoAction.ENCRYPT_AND_SIGN,
 *     attribute_actions={"genre": CryptoAction.SIGN_ONLY})
 * table = EncryptedTable(table=boto3.resource("dynamodb").Table("Books"),
 *     materials_provider=provider, attribute_actions=actions)
 * }</pre>
 */
public final class PythonItemsExample {
  private PythonItemsExample() {}

  /**
   * Reads one item written by the Python service.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param wrappingKey the AES key bytes the Python provider wraps with
   * @param signingKey the HMAC key bytes the Python provider signs with
   * @param table the shared table (partition key {@code isbn})
   * @param isbn the item's key
   * @return the item as read
   */
  public static Map<String, AttributeValue> read(
      DynamoDbClient dynamoDb, byte[] wrappingKey, byte[] signingKey, String table, String isbn) {
    // snippet:python-items
    MaterialsProvider keys = // WrappedCryptographicMaterialsProvider's keys, the same bytes
        WrappedMaterialsProvider.builder()
            .wrappingKey(new SecretKeySpec(wrappingKey, "AES")) // wraps and unwraps
            .hmacKey(new SecretKeySpec(signingKey, "HmacSHA256"))
            .build();
    DynamoDbClient books =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(
                AttributeActions.builder() // Python's AttributeActions, action for action
                    .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
                    .action("genre", CryptoAction.SIGN_ONLY)
                    .build())
            .build();
    Map<String, AttributeValue> book =
        books
            .getItem(r -> r.tableName(table).key(Map.of("isbn", AttributeValue.fromS(isbn))))
            .item();
    // end-snippet
    return book;
  }
}
