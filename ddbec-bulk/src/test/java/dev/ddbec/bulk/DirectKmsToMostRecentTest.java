package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.SampleTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

class DirectKmsToMostRecentTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("year", CryptoAction.SIGN_ONLY)
          .build();

  @Test
  void run_directKmsToMostRecent_oneKmsDecryptPerItemAndOnlyTheNewMaterialsRead() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    KmsCallCounter counter = new KmsCallCounter();
    KmsClient kms = MOTO.client(Region.US_WEST_2, counter);
    MaterialsProvider direct = KmsMaterialsProvider.create(kms, MotoKmsServer.createKey(kms));
    String table = local.createTable("kms-to-meta", "pk", null);
    CryptoConfig config = CryptoConfig.of(SampleTable.context(table), ACTIONS.withIndexKeys("pk"));
    int n = 50;
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(ItemEncryptor.create(direct).encryptItem(BulkTestSupport.plainItem(i), config));
    }
    BulkTestSupport.writeAll(ddb, table, items);
    String keys = LocalDynamoDb.uniqueTableName("kms-to-meta-keys");
    MetaStore.createTable(ddb, keys);
    MetaStore store =
        MetaStore.builder()
            .dynamoDbClient(ddb)
            .tableName(keys)
            .materialsProvider(BulkTestSupport.newWrappedProvider())
            .build();
    store.newVersion("books");
    MaterialsProvider mostRecent =
        CachingMostRecentProvider.builder()
            .metaStore(store)
            .materialName("books")
            .ttl(Duration.ofMinutes(5))
            .build();
    long before = counter.calls("Decrypt");

    BulkResult result =
        TableRewriter.builder()
            .dynamoDbClient(ddb)
            .tableName(table)
            .source(ItemProtection.of(direct, ACTIONS))
            .target(ItemProtection.of(mostRecent, ACTIONS))
            .build()
            .run();

    assertThat(result.counts().rewritten()).isEqualTo(n);
    // What the source provider needs per item (one Decrypt), nothing more.
    assertThat(counter.calls("Decrypt") - before).isEqualTo(n);
    assertThat(counter.calls("GenerateDataKey")).isEqualTo(n);
    ItemEncryptor now = ItemEncryptor.create(mostRecent);
    ItemEncryptor old = ItemEncryptor.create(direct);
    for (Map<String, AttributeValue> stored : BulkTestSupport.scanAll(ddb, table)) {
      int i = Integer.parseInt(stored.get("pk").s().substring(5));
      assertThat(now.decryptItem(stored, config)).isEqualTo(BulkTestSupport.plainItem(i));
      assertThatThrownBy(() -> old.decryptItem(stored, config)).isInstanceOf(DdbecException.class);
    }
  }
}
