package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.DirectKmsMaterialProvider;
import com.amazonaws.services.kms.AWSKMS;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.ItemProtection;
import dev.ddbec.bulk.TableRewriter;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.SampleTable;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/** A table re-encrypted by ddbec-bulk reads with the official Java client and the new keys. */
class BulkReencryptInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final String REGION_ID = "us-west-2";

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
    CryptoConfig config = CryptoConfig.of(SampleTable.context(table), before.withIndexKeys("pk"));
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
    for (Map<String, AttributeValue> s : scanned(ddb, table, n)) {
      int i = index(s);
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

  /**
   * Direct KMS to a most-recent provider over a KMS-protected MetaStore: the official Java client
   * writes the items with its {@code DirectKmsMaterialProvider}, ddbec-bulk rewrites them, and the
   * official {@code CachingMostRecentProvider} over the same MetaStore reads every one; the Direct
   * KMS provider no longer does.
   */
  @Test
  void reencrypt_directKmsToMostRecent_officialJavaClientReadsThroughTheSameMetaStore() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    KmsClient kms = MOTO.client(Region.of(REGION_ID));
    String keyArn = MotoKmsServer.createKey(kms);
    String table = local.createTable("bulk-kms-to-meta", "pk", null);
    String metaTable = LocalDynamoDb.uniqueTableName("bulk-kms-to-meta-keys");
    String material = "books";
    AttributeActions actions =
        AttributeActions.builder()
            .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
            .action("year", CryptoAction.SIGN_ONLY)
            .build();
    OfficialJavaClient.Actions official =
        OfficialJavaClient.Actions.of("encrypt").with("year", "sign");
    AWSKMS kmsV1 = SdkV1Clients.kms(MOTO.endpoint(), REGION_ID);
    AmazonDynamoDB ddbV1 = SdkV1Clients.dynamoDb(local.endpoint(), REGION_ID);
    try {
      DirectKmsMaterialProvider officialDirect = new DirectKmsMaterialProvider(kmsV1, keyArn);
      int n = 30;
      for (int i = 0; i < n; i++) {
        Map<String, AttributeValue> stored =
            OfficialJavaClient.encrypt(item(i), table, "pk", null, official, officialDirect);
        ddb.putItem(r -> r.tableName(table).item(stored));
      }

      MetaStore.createTable(ddb, metaTable);
      MetaStore store =
          MetaStore.builder()
              .dynamoDbClient(ddb)
              .tableName(metaTable)
              .materialsProvider(KmsMaterialsProvider.create(kms, keyArn))
              .build();
      store.newVersion(material);
      store.newVersion(material);
      MaterialsProvider mostRecent = SharedMetaStore.mostRecent(store, material);
      BulkResult result =
          TableRewriter.builder()
              .dynamoDbClient(ddb)
              .tableName(table)
              .source(ItemProtection.of(KmsMaterialsProvider.create(kms, keyArn), actions))
              .target(ItemProtection.of(mostRecent, actions))
              .build()
              .run();
      assertThat(result.counts().rewritten()).isEqualTo(n);
      assertThat(result.counts().failed()).isZero();

      var officialMostRecent =
          OfficialJavaClient.mostRecent(
              ddbV1, metaTable, new DirectKmsMaterialProvider(kmsV1, keyArn), material);
      for (Map<String, AttributeValue> s : scanned(ddb, table, n)) {
        int i = index(s);
        assertThat(
                ItemFormat.decodeMaterialDescription(
                        s.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
                    .get("amzn-ddb-meta-id"))
            .isEqualTo(material + "#1");
        assertThat(OfficialJavaClient.decrypt(s, table, "pk", null, official, officialMostRecent))
            .isEqualTo(item(i));
        assertThatThrownBy(
                () -> OfficialJavaClient.decrypt(s, table, "pk", null, official, officialDirect))
            .isInstanceOf(OfficialJavaClient.OfficialClientException.class);
      }
    } finally {
      kmsV1.shutdown();
      ddbV1.shutdown();
    }
  }

  /** Every item of the table, checked to be {@code n}. */
  private static List<Map<String, AttributeValue>> scanned(
      DynamoDbClient ddb, String table, int n) {
    List<Map<String, AttributeValue>> stored = ddb.scan(r -> r.tableName(table)).items();
    assertThat(stored).hasSize(n);
    return stored;
  }

  /** The index {@code i} of an item written as {@code item(i)}. */
  private static int index(Map<String, AttributeValue> stored) {
    return Integer.parseInt(stored.get("pk").s().substring(5));
  }
}
