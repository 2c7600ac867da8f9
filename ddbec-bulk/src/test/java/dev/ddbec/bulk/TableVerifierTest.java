package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableVerifierTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static final AttributeActions ACTIONS = BulkTestSupport.SIGN_YEAR;

  @Test
  void run_fourSegments_findsExactlyTheTamperedStrippedPlaintextAndMalformedItems() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    String table = local.createTable("verify", "pk", null);
    MaterialsProvider provider = BulkTestSupport.newWrappedProvider();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    CryptoConfig config = BulkTestSupport.config(table, ACTIONS);
    int n = 2000;
    Map<Integer, ItemClass> expected = new TreeMap<>();
    for (int i = 7; i < n; i += 97) {
      expected.put(i, ItemClass.TAMPERED); // a signed attribute changed
    }
    for (int i = 11; i < n; i += 211) {
      expected.put(i, ItemClass.TAMPERED); // signature stripped
    }
    for (int i = 13; i < n; i += 331) {
      expected.put(i, ItemClass.PLAINTEXT);
    }
    expected.put(1999, ItemClass.MALFORMED); // signature not binary
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, AttributeValue> plain = BulkTestSupport.plainItem(i);
      if (expected.get(i) == ItemClass.PLAINTEXT) {
        items.add(plain);
        continue;
      }
      Map<String, AttributeValue> stored = new HashMap<>(encryptor.encryptItem(plain, config));
      if (i == 1999) {
        stored.put(ReservedAttributes.SIGNATURE, AttributeValue.fromS("not binary"));
      } else if ((i - 11) % 211 == 0) {
        stored.remove(ReservedAttributes.SIGNATURE);
      } else if ((i - 7) % 97 == 0) {
        stored.put("year", AttributeValue.fromN("2999"));
      }
      items.add(stored);
    }
    BulkTestSupport.writeAll(ddb, table, items);

    List<Finding> streamed = new ArrayList<>();
    BulkResult result =
        TableVerifier.builder()
            .dynamoDbClient(ddb)
            .tableName(table)
            .protection(ItemProtection.of(provider, ACTIONS))
            .options(
                BulkOptions.builder()
                    .totalSegments(4)
                    .listener(
                        new BulkListener() {
                          @Override
                          public synchronized void onFinding(Finding f) {
                            streamed.add(f);
                          }
                        })
                    .build())
            .build()
            .run();

    Map<String, ItemClass> found =
        result.findings().stream()
            .collect(Collectors.toMap(f -> f.key().get("pk").s(), Finding::itemClass));
    Map<String, ItemClass> want =
        expected.entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> BulkTestSupport.key(e.getKey()).get("pk").s(), Map.Entry::getValue));
    assertThat(found).isEqualTo(want);
    assertThat(streamed).hasSameElementsAs(result.findings());
    assertThat(result.findings())
        .allSatisfy(f -> assertThat(f.key().keySet()).isEqualTo(Set.of("pk")));
    BulkCounts c = result.counts();
    assertThat(c.scanned()).isEqualTo(n);
    assertThat(c.ok()).isEqualTo(n - expected.size());
    assertThat(c.tampered())
        .isEqualTo(expected.values().stream().filter(ItemClass.TAMPERED::equals).count());
    assertThat(c.plaintext())
        .isEqualTo(expected.values().stream().filter(ItemClass.PLAINTEXT::equals).count());
    assertThat(c.malformed()).isEqualTo(1);
    assertThat(c.unreadable()).isZero();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void run_providerCannotSupplyKeys_classifiesUnreadable() {
    LocalDynamoDb local = DDB.local();
    String table =
        BulkTestSupport.encryptedTable(
            local, "verify-unreadable", BulkTestSupport.newWrappedProvider(), ACTIONS, 1);
    MaterialsProvider unavailable =
        new MaterialsProvider() {
          @Override
          public dev.ddbec.api.spi.EncryptionMaterials encryptionMaterials(EncryptionContext c) {
            throw new dev.ddbec.api.MaterialsUnavailableException("key disabled");
          }

          @Override
          public dev.ddbec.api.spi.DecryptionMaterials decryptionMaterials(EncryptionContext c) {
            throw new dev.ddbec.api.MaterialsUnavailableException("key disabled");
          }
        };
    BulkResult result =
        TableVerifier.builder()
            .dynamoDbClient(local.client())
            .tableName(table)
            .protection(ItemProtection.of(unavailable, ACTIONS))
            .build()
            .run();
    assertThat(result.counts().unreadable()).isEqualTo(1);
    assertThat(result.findings())
        .containsExactly(new Finding(BulkTestSupport.key(0), ItemClass.UNREADABLE));
  }
}
