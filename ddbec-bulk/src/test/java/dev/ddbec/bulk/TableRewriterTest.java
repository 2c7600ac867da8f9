package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.WriterRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableRewriterTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static final AttributeActions SIGN_YEAR = BulkTestSupport.SIGN_YEAR;
  static final AttributeActions ENCRYPT_YEAR = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);

  /** Every item decrypts with {@code p}, {@code a} to its plaintext; none with {@code old}. */
  private static void assertRewritten(
      DynamoDbClient ddb,
      String table,
      int n,
      MaterialsProvider p,
      AttributeActions a,
      MaterialsProvider oldP,
      AttributeActions oldA) {
    List<Map<String, AttributeValue>> stored = BulkTestSupport.scanAll(ddb, table);
    assertThat(stored).hasSize(n);
    ItemEncryptor now = ItemEncryptor.create(p);
    ItemEncryptor before = ItemEncryptor.create(oldP);
    for (Map<String, AttributeValue> item : stored) {
      int i = Integer.parseInt(item.get("pk").s().substring(5));
      assertThat(now.decryptItem(item, BulkTestSupport.config(table, a)))
          .isEqualTo(BulkTestSupport.plainItem(i));
      assertThatThrownBy(() -> before.decryptItem(item, BulkTestSupport.config(table, oldA)))
          .isInstanceOf(ItemIntegrityException.class);
    }
  }

  /** A rewriter of {@code table} on the shared client, from one provider and actions to another. */
  private static TableRewriter.Builder rewriter(
      String table,
      MaterialsProvider fromProvider,
      AttributeActions fromActions,
      MaterialsProvider toProvider,
      AttributeActions toActions) {
    return BulkTestSupport.rewriter(
        DDB.local().client(),
        table,
        ItemProtection.of(fromProvider, fromActions),
        ItemProtection.of(toProvider, toActions));
  }

  @Test
  void run_wrappedAesToNewKey_newMaterialsReadEveryItemAndOldOnesFail() {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider oldP = BulkTestSupport.newWrappedProvider();
    MaterialsProvider newP = BulkTestSupport.newWrappedProvider();
    String table = BulkTestSupport.encryptedTable(local, "rotate", oldP, SIGN_YEAR, 300);
    TableRewriter rewriter =
        rewriter(table, oldP, SIGN_YEAR, newP, SIGN_YEAR)
            .options(BulkOptions.builder().totalSegments(4).pageSize(25).build())
            .build();

    BulkResult first = rewriter.run();

    assertThat(first.counts().rewritten()).isEqualTo(300);
    assertThat(first.counts().failed()).isZero();
    assertRewritten(local.client(), table, 300, newP, SIGN_YEAR, oldP, SIGN_YEAR);
    BulkResult rerun = rewriter.run();
    assertThat(rerun.counts().rewritten()).isZero();
    assertThat(rerun.counts().skipped()).isEqualTo(300);
  }

  @Test
  void run_signOnlyToEncryptForOneAttribute_targetActionsReadEveryItem() {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider p = BulkTestSupport.newWrappedProvider();
    String table = BulkTestSupport.encryptedTable(local, "actions", p, SIGN_YEAR, 120);

    BulkResult result = rewriter(table, p, SIGN_YEAR, p, ENCRYPT_YEAR).build().run();

    assertThat(result.counts().rewritten()).isEqualTo(120);
    ItemEncryptor e = ItemEncryptor.create(p);
    for (Map<String, AttributeValue> item : BulkTestSupport.scanAll(local.client(), table)) {
      assertThat(item.get("year").type()).isEqualTo(AttributeValue.Type.B);
      int i = Integer.parseInt(item.get("pk").s().substring(5));
      assertThat(e.decryptItem(item, BulkTestSupport.config(table, ENCRYPT_YEAR)))
          .isEqualTo(BulkTestSupport.plainItem(i));
    }
    assertThat(rewriter(table, p, SIGN_YEAR, p, ENCRYPT_YEAR).build().run().counts().skipped())
        .isEqualTo(120);
  }

  @Test
  void run_protectPlaintextTable_strictPolicyReadsEverything() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    String table = BulkTestSupport.plaintextTable(local, "protect", 200);
    MaterialsProvider p = BulkTestSupport.newWrappedProvider();
    DynamoDbClient strict =
        EncryptedDynamoDbClient.builder()
            .delegate(ddb)
            .materialsProvider(p)
            .attributeActions(SIGN_YEAR)
            .plaintextPolicy(PlaintextPolicy.REJECT)
            .build();
    assertThatThrownBy(() -> strict.getItem(r -> r.tableName(table).key(BulkTestSupport.key(3))))
        .isInstanceOf(ItemIntegrityException.class);

    BulkResult result =
        BulkTestSupport.rewriter(
                ddb, table, ItemProtection.plaintext(), ItemProtection.of(p, SIGN_YEAR))
            .build()
            .run();

    assertThat(result.counts().rewritten()).isEqualTo(200);
    assertThat(result.counts().plaintext()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      int k = i;
      assertThat(strict.getItem(r -> r.tableName(table).key(BulkTestSupport.key(k))).item())
          .isEqualTo(BulkTestSupport.plainItem(i));
    }
  }

  @Test
  void run_dryRun_countsButWritesNothing() {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider oldP = BulkTestSupport.newWrappedProvider();
    String table = BulkTestSupport.encryptedTable(local, "dry", oldP, SIGN_YEAR, 50);
    List<Map<String, AttributeValue>> before = BulkTestSupport.scanAll(local.client(), table);
    BulkResult result =
        rewriter(table, oldP, SIGN_YEAR, BulkTestSupport.newWrappedProvider(), SIGN_YEAR)
            .options(BulkOptions.builder().dryRun(true).build())
            .build()
            .run();
    assertThat(result.counts().rewritten()).isEqualTo(50);
    assertThat(BulkTestSupport.scanAll(local.client(), table)).hasSameElementsAs(before);
  }

  @Test
  void run_concurrentWriter_noLostUpdate() throws Exception {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider oldP = BulkTestSupport.newWrappedProvider();
    MaterialsProvider newP = BulkTestSupport.newWrappedProvider();
    int n = 300;
    String table = BulkTestSupport.encryptedTable(local, "concurrent", oldP, SIGN_YEAR, n);
    // The application writes with a client that already writes under the target materials.
    DynamoDbClient app =
        EncryptedDynamoDbClient.builder()
            .delegate(local.newClient())
            .materialsProvider(newP)
            .attributeActions(SIGN_YEAR)
            .build();
    WriterRace<BulkResult> race =
        WriterRace.run(
            n,
            BulkTestSupport::plainItem,
            "secret",
            item -> app.putItem(r -> r.tableName(table).item(item)),
            () ->
                rewriter(table, oldP, SIGN_YEAR, newP, SIGN_YEAR)
                    .options(BulkOptions.builder().totalSegments(4).pageSize(10).build())
                    .build()
                    .run());
    BulkResult result = race.result();
    assertThat(race.writes()).isPositive();
    assertThat(result.counts().failed()).isZero();
    assertThat(result.counts().rewritten() + result.counts().skipped()).isEqualTo(n);
    ItemEncryptor e = ItemEncryptor.create(newP);
    for (Map<String, AttributeValue> stored : BulkTestSupport.scanAll(local.client(), table)) {
      int i = Integer.parseInt(stored.get("pk").s().substring(5));
      Map<String, AttributeValue> plain =
          e.decryptItem(stored, BulkTestSupport.config(table, SIGN_YEAR));
      String want = race.latest(i, "secret " + i);
      assertThat(plain.get("secret").s()).as("item %d", i).isEqualTo(want);
    }
  }

  @Test
  void run_stoppedAndResumedFromCheckpoint_everyItemRewrittenOnceAndTotalsRight(@TempDir Path dir)
      throws Exception {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider oldP = BulkTestSupport.newWrappedProvider();
    MaterialsProvider newP = BulkTestSupport.newWrappedProvider();
    int n = 400;
    String table = BulkTestSupport.encryptedTable(local, "resume", oldP, SIGN_YEAR, n);
    Path checkpoint = dir.resolve("run.checkpoint");
    AtomicLong seen = new AtomicLong();
    BulkOptions options =
        BulkOptions.builder()
            .totalSegments(4)
            .pageSize(20)
            .checkpointFile(checkpoint)
            .progressInterval(java.time.Duration.ofMillis(20))
            .listener(
                new BulkListener() {
                  @Override
                  public void onProgress(BulkProgress p) {
                    seen.set(p.counts().scanned());
                  }
                })
            .build();
    TableRewriter rewriter =
        rewriter(table, oldP, SIGN_YEAR, newP, SIGN_YEAR).options(options).build();

    BulkResult first = rewriter.run(() -> seen.get() >= 100);

    assertThat(first.complete()).isFalse();
    assertThat(first.counts().rewritten()).isBetween(100L, (long) n - 1);
    assertThat(Files.exists(checkpoint)).isTrue();
    BulkResult second = rewriter.run();
    assertThat(second.complete()).isTrue();
    assertThat(second.counts().scanned()).isEqualTo(n);
    assertThat(second.counts().rewritten()).isEqualTo(n);
    assertThat(second.counts().skipped()).isZero();
    assertRewritten(local.client(), table, n, newP, SIGN_YEAR, oldP, SIGN_YEAR);
  }

  @Test
  void run_maxReadRate_isHonoured() {
    LocalDynamoDb local = DDB.local();
    MaterialsProvider p = BulkTestSupport.newWrappedProvider();
    int n = 600;
    String table = BulkTestSupport.encryptedTable(local, "rate", p, SIGN_YEAR, n);
    double rate = 300;
    BulkResult result =
        TableVerifier.builder()
            .dynamoDbClient(local.client())
            .tableName(table)
            .protection(ItemProtection.of(p, SIGN_YEAR))
            .options(fourSegmentsInItems().pageSize(25).maxReadRate(rate).build())
            .build()
            .run();
    assertThat(result.counts().ok()).isEqualTo(n);
    double seconds = assertAtMost(result, n, rate);
    // The first page is free (the limiter starts without debt); the rest is paced.
    assertThat(seconds).isGreaterThanOrEqualTo((n - 4 * 25) / rate);
  }

  @Test
  void run_maxWriteRate_isHonoured() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    int n = 300;
    String table = BulkTestSupport.plaintextTable(local, "write-rate", n);
    double rate = 150;
    BulkResult result =
        BulkTestSupport.rewriter(
                ddb,
                table,
                ItemProtection.plaintext(),
                ItemProtection.of(BulkTestSupport.newWrappedProvider(), SIGN_YEAR))
            .options(fourSegmentsInItems().maxWriteRate(rate).build())
            .build()
            .run();
    assertThat(result.counts().rewritten()).isEqualTo(n);
    assertAtMost(result, n, rate);
  }

  /** Options for a rate-limit test: four segments, rates in items per second. */
  private static BulkOptions.Builder fourSegmentsInItems() {
    return BulkOptions.builder().totalSegments(4).rateUnit(RateUnit.ITEMS);
  }

  /** Asserts that the run handled its {@code n} items at no more than {@code rate} (+15%). */
  private static double assertAtMost(BulkResult result, int n, double rate) {
    double seconds = result.elapsed().toNanos() / 1e9;
    assertThat(n / seconds).isLessThanOrEqualTo(rate * 1.15);
    return seconds;
  }

  @Test
  void run_metaStoreRotatedThenReencryptWithTheSameProvider_movesEveryItemToTheNewVersion() {
    LocalDynamoDb local = DDB.local();
    DynamoDbClient ddb = local.client();
    MetaStore store = BulkTestSupport.booksMetaStore(ddb, "bulk-keys");
    MaterialsProvider before = BulkTestSupport.mostRecentBooks(store);
    String table = BulkTestSupport.encryptedTable(local, "metastore", before, SIGN_YEAR, 60);
    assertThat(store.newVersion("books")).isEqualTo(1);
    // What `ddbec table reencrypt` does with the same most-recent configuration on both sides.
    MaterialsProvider after = BulkTestSupport.mostRecentBooks(store);
    TableRewriter rewriter = rewriter(table, after, SIGN_YEAR, after, SIGN_YEAR).build();

    assertThat(rewriter.run().counts().rewritten()).isEqualTo(60);
    for (Map<String, AttributeValue> item : BulkTestSupport.scanAll(ddb, table)) {
      String description = item.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asUtf8String();
      assertThat(description).contains("books#1").doesNotContain("books#0");
    }
    BulkResult rerun = rewriter.run();
    assertThat(rerun.counts().skipped()).isEqualTo(60);
    assertThat(rerun.counts().rewritten()).isZero();
  }
}
