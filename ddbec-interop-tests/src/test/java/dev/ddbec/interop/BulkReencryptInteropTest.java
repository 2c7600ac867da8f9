package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.ItemProtection;
import dev.ddbec.bulk.TableRewriter;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table re-encrypted by ddbec-bulk reads with the official Java client and the new keys. */
class BulkReencryptInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] key() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  private static MaterialsProvider wrapped(byte[] wrap, byte[] hmac) {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(wrap, "AES"))
        .hmacKey(new SecretKeySpec(hmac, "HmacSHA256"))
        .build();
  }

  private static Map<String, AttributeValue> item(int i) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("pk", AttributeValue.fromS("item-" + i));
    m.put("year", AttributeValue.fromN(Integer.toString(1950 + i)));
    m.put("secret", AttributeValue.fromS("secret " + i));
    return m;
  }

  @Test
  void reencrypt_wrappedAesToNewKeyAndYearEncrypted_officialJavaClientReadsWithTheNewKeys() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    String table = local.createTable("bulk-interop", "pk", null);
    byte[] oldWrap = key();
    byte[] oldHmac = key();
    byte[] newWrap = key();
    byte[] newHmac = key();
    AttributeActions before =
        AttributeActions.builder()
            .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
            .action("year", CryptoAction.SIGN_ONLY)
            .build();
    AttributeActions after = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);
    CryptoConfig config =
        CryptoConfig.of(
            EncryptionContext.builder().tableName(table).partitionKeyName("pk").build(),
            before.withIndexKeys("pk"));
    ItemEncryptor oldEncryptor = ItemEncryptor.create(wrapped(oldWrap, oldHmac));
    int n = 40;
    for (int i = 0; i < n; i++) {
      Map<String, AttributeValue> stored = oldEncryptor.encryptItem(item(i), config);
      ddb.putItem(r -> r.tableName(table).item(stored));
    }

    BulkResult result =
        TableRewriter.builder()
            .dynamoDbClient(ddb)
            .tableName(table)
            .source(ItemProtection.of(wrapped(oldWrap, oldHmac), before))
            .target(ItemProtection.of(wrapped(newWrap, newHmac), after))
            .build()
            .run();
    assertThat(result.counts().rewritten()).isEqualTo(n);

    OfficialJavaClient.Actions official = OfficialJavaClient.Actions.of("encrypt");
    OfficialJavaClient.Actions officialBefore =
        OfficialJavaClient.Actions.of("encrypt").with("year", "sign");
    List<Map<String, AttributeValue>> stored = ddb.scan(r -> r.tableName(table)).items();
    assertThat(stored).hasSize(n);
    for (Map<String, AttributeValue> s : stored) {
      int i = Integer.parseInt(s.get("pk").s().substring(5));
      assertThat(
              OfficialJavaClient.decrypt(
                  s,
                  table,
                  "pk",
                  null,
                  official,
                  OfficialJavaClient.wrappedAesHmac(newWrap, newHmac)))
          .isEqualTo(item(i));
      assertThatThrownBy(
              () ->
                  OfficialJavaClient.decrypt(
                      s,
                      table,
                      "pk",
                      null,
                      officialBefore,
                      OfficialJavaClient.wrappedAesHmac(oldWrap, oldHmac)))
          .isInstanceOf(OfficialJavaClient.OfficialClientException.class);
    }
  }
}
