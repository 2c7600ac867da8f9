package dev.ddbec.bulk;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keys, items and table helpers for the bulk tests. */
final class BulkTestSupport {
  private static final SecureRandom RANDOM = new SecureRandom();

  private BulkTestSupport() {}

  /** A wrapped-AES provider with fresh random keys. */
  static MaterialsProvider newWrappedProvider() {
    byte[] aes = new byte[32];
    byte[] hmac = new byte[32];
    RANDOM.nextBytes(aes);
    RANDOM.nextBytes(hmac);
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(aes, "AES"))
        .hmacKey(new SecretKeySpec(hmac, "HmacSHA256"))
        .build();
  }

  static Map<String, AttributeValue> plainItem(int i) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(String.format("item-%05d", i)));
    item.put("title", AttributeValue.fromS("title " + i));
    item.put("year", AttributeValue.fromN(Integer.toString(1900 + i % 120)));
    item.put("secret", AttributeValue.fromS("secret " + i));
    return item;
  }

  static Map<String, AttributeValue> key(int i) {
    return Map.of("pk", AttributeValue.fromS(String.format("item-%05d", i)));
  }

  /** Writes the items with BatchWriteItem ({@link LocalDynamoDb#writeAll}). */
  static void writeAll(DynamoDbClient ddb, String table, List<Map<String, AttributeValue>> items) {
    LocalDynamoDb.writeAll(ddb, table, items);
  }

  static List<Map<String, AttributeValue>> scanAll(DynamoDbClient ddb, String table) {
    return LocalDynamoDb.scanAll(ddb, table);
  }
}
