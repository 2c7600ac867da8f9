package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
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

  static final AttributeActions ACTIONS = BulkTestSupport.SIGN_YEAR;

  @Test
  void run_directKmsToMostRecent_oneKmsDecryptPerItemAndOnlyTheNewMaterialsRead() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    KmsCallCounter counter = new KmsCallCounter();
    KmsClient kms = MOTO.client(Region.US_WEST_2, counter);
    MaterialsProvider direct = KmsMaterialsProvider.create(kms, MotoKmsServer.createKey(kms));
    int n = 50;
    String table = BulkTestSupport.encryptedTable(local, "kms-to-meta", direct, ACTIONS, n);
    CryptoConfig config = BulkTestSupport.config(table, ACTIONS);
    MaterialsProvider mostRecent =
        BulkTestSupport.mostRecentBooks(BulkTestSupport.booksMetaStore(ddb, "kms-to-meta-keys"));
    long before = counter.calls("Decrypt");

    BulkResult result =
        BulkTestSupport.rewriter(
                ddb,
                table,
                ItemProtection.of(direct, ACTIONS),
                ItemProtection.of(mostRecent, ACTIONS))
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
