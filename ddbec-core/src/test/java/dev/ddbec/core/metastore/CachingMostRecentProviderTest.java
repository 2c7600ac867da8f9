package dev.ddbec.core.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.testing.CapturedLog;
import dev.ddbec.core.testing.RecordingLogHandler;
import dev.ddbec.testing.MaterialsProviderContract;
import dev.ddbec.testing.SampleTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CachingMostRecentProviderTest extends CountingStoreTestBase {
  private static final Duration GRACE = CachingMostRecentProvider.GRACE_PERIOD;
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("Orders"), SampleTable.actions());

  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  /** After the base class's fresh store: no operation fails. */
  @BeforeEach
  void healthy() {
    ddb.failing();
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private CachingMostRecentProvider provider(String materialName) {
    return CachingMostRecentProvider.builder()
        .metaStore(store)
        .materialName(materialName)
        .ttl(TTL)
        .nanoTime(now::get)
        .build();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static Map<String, AttributeValue> item(String pk) {
    return SampleTable.item(pk, "s-" + pk);
  }

  @Test
  void encrypt_firstUse_createsVersionZeroAndReusesItsKeysWithoutAnotherRead() {
    ItemEncryptor encryptor = ItemEncryptor.create(provider("orders"));

    for (int i = 0; i < 50; i++) {
      assertThat(metaId(encryptor.encryptItem(item("o" + i), CONFIG))).isEqualTo("orders#0");
    }

    assertThat(store.versions("orders")).containsExactly(0L);
    assertThat(ddb.count("PutItem")).isEqualTo(1);
    assertThat(ddb.count("Query")).isEqualTo(2); // the provider's, and versions() above
    assertThat(ddb.count("GetItem")).isZero();
  }

  @Test
  void encrypt_manyItemsPerTtlPeriod_oneQueryAndOneGetItemPerPeriodNotPerItem() {
    store.newVersion("orders");
    ddb.reset();
    ItemEncryptor encryptor = ItemEncryptor.create(provider("orders"));

    for (int period = 1; period <= 3; period++) {
      for (int i = 0; i < 100; i++) {
        encryptor.encryptItem(item("o" + i), CONFIG);
      }
      assertThat(ddb.count("Query")).as("queries after period " + period).isEqualTo(period);
      assertThat(ddb.count("GetItem")).as("reads after period " + period).isEqualTo(period);
      advance(TTL.plus(GRACE).plusMillis(1));
    }
    assertThat(ddb.count("PutItem")).isZero();
  }

  @Test
  void decrypt_itemsOfTwoVersions_oneGetItemPerVersionAndNoQuery() {
    store.newVersion("orders");
    CachingMostRecentProvider writer = provider("orders");
    List<Map<String, AttributeValue>> stored = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      stored.add(ItemEncryptor.create(writer).encryptItem(item("a" + i), CONFIG));
    }
    store.newVersion("orders");
    writer.refresh();
    for (int i = 0; i < 40; i++) {
      stored.add(ItemEncryptor.create(writer).encryptItem(item("b" + i), CONFIG));
    }
    assertThat(stored)
        .extracting(CachingMostRecentProviderTest::metaId)
        .contains("orders#0", "orders#1");
    ddb.reset();

    ItemEncryptor reader = ItemEncryptor.create(provider("orders"));
    for (Map<String, AttributeValue> s : stored) {
      reader.decryptItem(s, CONFIG);
    }

    assertThat(ddb.count("GetItem")).isEqualTo(2);
    assertThat(ddb.count("Query")).isZero();
    assertThat(ddb.count("PutItem")).isZero();
  }

  @Test
  void rotation_newVersion_encryptionSwitchesAfterTtlAndOldItemsStillDecrypt() {
    CachingMostRecentProvider p = provider("orders");
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    Map<String, AttributeValue> v0 = encryptor.encryptItem(item("old"), CONFIG);

    assertThat(store.newVersion("orders")).isEqualTo(1);
    advance(TTL.minusSeconds(1));
    Map<String, AttributeValue> stillV0 = encryptor.encryptItem(item("mid"), CONFIG);
    advance(Duration.ofSeconds(1).plusMillis(100)); // now in the grace period
    Map<String, AttributeValue> v1 = encryptor.encryptItem(item("new"), CONFIG);

    assertThat(metaId(v0)).isEqualTo("orders#0");
    assertThat(metaId(stillV0)).isEqualTo("orders#0");
    assertThat(metaId(v1)).isEqualTo("orders#1");
    assertThat(p.cachedCurrentVersion()).hasValue(1);
    ItemEncryptor fresh = ItemEncryptor.create(provider("orders"));
    assertThat(fresh.decryptItem(v0, CONFIG)).isEqualTo(item("old"));
    assertThat(fresh.decryptItem(stillV0, CONFIG)).isEqualTo(item("mid"));
    assertThat(fresh.decryptItem(v1, CONFIG)).isEqualTo(item("new"));
  }

  @Test
  void encrypt_inGracePeriodWhileOneCallerReloads_othersKeepCachedVersionWithoutWaiting()
      throws Exception {
    ItemEncryptor encryptor = ItemEncryptor.create(provider("orders"));
    encryptor.encryptItem(item("warm"), CONFIG);
    store.newVersion("orders");
    advance(TTL.plusMillis(100));
    ddb.reset();

    CountDownLatch reloading = ddb.gate("Query");
    Future<Map<String, AttributeValue>> reloader =
        pool.submit(() -> encryptor.encryptItem(item("reloader"), CONFIG));
    assertThat(reloading.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<Map<String, AttributeValue>>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String pk = "other" + i;
      others.add(pool.submit(() -> encryptor.encryptItem(item(pk), CONFIG)));
    }
    for (Future<Map<String, AttributeValue>> f : others) {
      assertThat(metaId(f.get(10, TimeUnit.SECONDS))).isEqualTo("orders#0");
    }
    ddb.openGate();

    assertThat(metaId(reloader.get(10, TimeUnit.SECONDS))).isEqualTo("orders#1");
    assertThat(ddb.count("Query")).isEqualTo(1);
  }

  @Test
  void encrypt_afterTtlPlusGraceWithSixteenCallers_oneReloadForAll() throws Exception {
    ItemEncryptor encryptor = ItemEncryptor.create(provider("orders"));
    encryptor.encryptItem(item("warm"), CONFIG);
    advance(TTL.plus(GRACE).plusMillis(1));
    ddb.reset();

    CountDownLatch loading = ddb.gate("Query");
    List<Future<Map<String, AttributeValue>>> callers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String pk = "c" + i;
      callers.add(pool.submit(() -> encryptor.encryptItem(item(pk), CONFIG)));
    }
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(callers).noneMatch(Future::isDone); // expired: everyone waits for the one load
    ddb.openGate();
    for (Future<Map<String, AttributeValue>> f : callers) {
      assertThat(metaId(f.get(10, TimeUnit.SECONDS))).isEqualTo("orders#0");
    }

    assertThat(ddb.count("Query")).isEqualTo(1);
    assertThat(ddb.count("GetItem")).isEqualTo(1);
  }

  @Test
  void refreshFailures_metaStoreOutage_loggedOncePerStreakWithoutStackTraceAndRecoveryOnce() {
    int mark = CapturedLog.mark();
    String logger = CachingMostRecentProvider.class.getName();
    // INFO and above; the rest of a streak goes to DEBUG.
    Supplier<List<ILoggingEvent>> log =
        () ->
            CapturedLog.since(mark, logger).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .toList();
    try (RecordingLogHandler guava = RecordingLogHandler.attach("com.google.common.cache")) {
      ItemEncryptor encryptor = ItemEncryptor.create(provider("orders"));
      encryptor.encryptItem(item("o0"), CONFIG);
      advance(TTL.plusMillis(100)); // in the grace period: every caller retries the refresh

      ddb.failing("Query", "GetItem");
      for (int i = 0; i < 100; i++) {
        assertThat(metaId(encryptor.encryptItem(item("o" + i), CONFIG))).isEqualTo("orders#0");
      }
      assertThat(ddb.count("Query")).isGreaterThan(100); // each call retried, and failed

      assertThat(log.get()).hasSize(1);
      ILoggingEvent warning = log.get().get(0);
      assertThat(warning.getLevel()).isEqualTo(Level.WARN);
      assertThat(warning.getThrowableProxy()).isNull();
      assertThat(warning.getFormattedMessage())
          .contains("'orders'")
          .contains(store.tableName())
          .contains("Connection refused");

      ddb.failing();
      encryptor.encryptItem(item("ok"), CONFIG);
      assertThat(log.get()).hasSize(2);
      assertThat(log.get().get(1).getLevel()).isEqualTo(Level.INFO);
      assertThat(log.get().get(1).getFormattedMessage()).contains("works again");

      // A new outage is a new streak: logged once more.
      advance(TTL.plusMillis(100));
      ddb.failing("Query", "GetItem");
      for (int i = 0; i < 10; i++) {
        encryptor.encryptItem(item("o" + i), CONFIG);
      }
      assertThat(log.get()).hasSize(3);
      assertThat(log.get().get(2).getLevel()).isEqualTo(Level.WARN);
      assertThat(CapturedLog.since(mark, logger)).anyMatch(e -> e.getLevel() == Level.DEBUG);
      assertThat(guava.records()).isEmpty();
    } finally {
      ddb.failing();
    }
  }

  @Test
  void encrypt_newestRowDeleted_neverGoesBackToAnOlderVersion() {
    store.newVersion("orders");
    store.newVersion("orders");
    store.newVersion("orders");
    CachingMostRecentProvider p = provider("orders");
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    assertThat(metaId(encryptor.encryptItem(item("a"), CONFIG))).isEqualTo("orders#2");

    deleteRow(store, "orders", 2);
    advance(TTL.plus(GRACE).plusMillis(1));

    assertThatThrownBy(() -> encryptor.encryptItem(item("b"), CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("no longer has version 2")
        .hasMessageContaining("does not go back");
    p.refresh();
    assertThatThrownBy(() -> encryptor.encryptItem(item("c"), CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class);
    // Rotation carries on from what is left; encryption moves forward to it.
    assertThat(store.newVersion("orders")).isEqualTo(2);
    assertThat(metaId(encryptor.encryptItem(item("d"), CONFIG))).isEqualTo("orders#2");
  }

  @Test
  void encrypt_rowsPlantedFarAboveTheCurrentVersion_ignoredAndRotationContinues() {
    store.newVersion("orders");
    store.newVersion("orders");
    plantRow(store, "orders", 1, Integer.toString(Integer.MAX_VALUE));
    plantRow(store, "orders", 1, "1000000000000000000000000000000"); // beyond a long
    CachingMostRecentProvider p = provider("orders");
    ItemEncryptor encryptor = ItemEncryptor.create(p);

    assertThat(metaId(encryptor.encryptItem(item("a"), CONFIG))).isEqualTo("orders#1");
    assertThat(store.currentVersion("orders")).hasValue(1);
    assertThat(store.newVersion("orders")).isEqualTo(2);
    advance(TTL.plus(GRACE).plusMillis(1));
    assertRoundTripsUnder(encryptor, "b", "orders#2");
  }

  @Test
  void decrypt_itemUnderRetiredVersion_refusedWithItemIntegrity() {
    MaterialsProvider meta = MetaStoreTest.metaProvider();
    String table = MetaStoreTest.newStore(ddb.client(), meta).tableName();
    MetaStore open = store(table, meta, 0);
    Map<String, AttributeValue> underV0 =
        ItemEncryptor.create(providerOver(open)).encryptItem(item("old"), CONFIG);
    open.newVersion("orders");

    MetaStore retiring = store(table, meta, 1);
    ItemEncryptor encryptor = ItemEncryptor.create(providerOver(retiring));

    assertThatThrownBy(() -> encryptor.decryptItem(underV0, CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("Version 0 of material 'orders' is retired")
        .hasMessageContaining("minimum version 1");
    assertRoundTripsUnder(encryptor, "new", "orders#1");
  }

  @Test
  void encrypt_minimumVersionAboveExistingVersions_createsTheMinimumAndRotatesFromIt() {
    MaterialsProvider meta = MetaStoreTest.metaProvider();
    String table = MetaStoreTest.newStore(ddb.client(), meta).tableName();
    store(table, meta, 0).newVersion("orders"); // version 0, now retired
    MetaStore raised = store(table, meta, 5);

    assertThat(metaId(ItemEncryptor.create(providerOver(raised)).encryptItem(item("a"), CONFIG)))
        .isEqualTo("orders#5");
    assertThat(raised.newVersion("orders")).isEqualTo(6);
  }

  private MetaStore store(String table, MaterialsProvider meta, long minimumVersion) {
    return MetaStoreTest.builder(ddb.client(), table, meta).minimumVersion(minimumVersion).build();
  }

  private CachingMostRecentProvider providerOver(MetaStore metaStore) {
    return CachingMostRecentProvider.builder()
        .metaStore(metaStore)
        .materialName("orders")
        .ttl(TTL)
        .nanoTime(now::get)
        .build();
  }

  private static void deleteRow(MetaStore store, String name, long version) {
    ddb.client()
        .deleteItem(
            r ->
                r.tableName(store.tableName())
                    .key(
                        Map.of(
                            "N", AttributeValue.fromS(name),
                            "V", AttributeValue.fromN(Long.toString(version)))));
  }

  /** Item {@code pk} is written under material version {@code metaId} and reads back. */
  private static void assertRoundTripsUnder(ItemEncryptor encryptor, String pk, String metaId) {
    Map<String, AttributeValue> stored = encryptor.encryptItem(item(pk), CONFIG);
    assertThat(metaId(stored)).isEqualTo(metaId);
    assertThat(encryptor.decryptItem(stored, CONFIG)).isEqualTo(item(pk));
  }

  /**
   * Copies the row of {@code version} under another version number (its signature is then wrong).
   */
  private static void plantRow(MetaStore store, String name, long version, String plantedVersion) {
    Map<String, AttributeValue> row =
        new HashMap<>(MetaStoreTest.rawRow(ddb.client(), store, name, version));
    row.put("V", AttributeValue.fromN(plantedVersion));
    ddb.client().putItem(r -> r.tableName(store.tableName()).item(row));
  }

  @Test
  void decrypt_versionThatDoesNotExist_throwsAndCreatesNothing() {
    store.newVersion("orders");
    MaterialsProvider p = provider("orders");
    EncryptionContext ctx =
        CONFIG.context().withMaterialDescription(Map.of("amzn-ddb-meta-id", "orders#9"));

    assertThatThrownBy(() -> p.decryptionMaterials(ctx))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("no version 9");
    assertThat(ddb.count("PutItem")).isEqualTo(1); // the newVersion above
    assertThat(store.versions("orders")).containsExactly(0L);
  }

  @Test
  void decrypt_withoutMetaId_throwsItemIntegrity() {
    MaterialsProvider p = provider("orders");
    assertThatThrownBy(() -> p.decryptionMaterials(CONFIG.context()))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("amzn-ddb-meta-id");
    assertThat(ddb.count("PutItem")).isZero();
  }

  @Test
  void decrypt_itemOfAnotherMaterial_looksUpTheConfiguredNameAndFailsVerification() {
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(provider("a")).encryptItem(item("x"), CONFIG);
    store.newVersion("b");

    assertThat(metaId(stored)).isEqualTo("a#0");
    assertThatThrownBy(() -> ItemEncryptor.create(provider("b")).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void refresh_afterRotation_nextEncryptUsesNewVersionAtOnce() {
    CachingMostRecentProvider p = provider("orders");
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    encryptor.encryptItem(item("a"), CONFIG);
    store.newVersion("orders");

    p.refresh();

    assertThat(p.cachedCurrentVersion()).isEmpty();
    assertThat(metaId(encryptor.encryptItem(item("b"), CONFIG))).isEqualTo("orders#1");
  }

  @Test
  void maxCacheSize_two_keepsTwoVersionsAndRereadsTheEvictedOne() {
    List<Map<String, AttributeValue>> stored = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      store.newVersion("orders");
      stored.add(
          ItemEncryptor.create(store.provider("orders", v)).encryptItem(item("v" + v), CONFIG));
    }
    CachingMostRecentProvider p =
        CachingMostRecentProvider.builder()
            .metaStore(store)
            .materialName("orders")
            .ttl(TTL)
            .maxCacheSize(2)
            .nanoTime(now::get)
            .build();
    ItemEncryptor reader = ItemEncryptor.create(p);
    ddb.reset();

    stored.forEach(s -> reader.decryptItem(s, CONFIG)); // 0, 1, 2: 0 is evicted
    assertThat(p.cachedProviderCount()).isEqualTo(2);
    reader.decryptItem(stored.get(2), CONFIG);
    reader.decryptItem(stored.get(0), CONFIG);

    assertThat(ddb.count("GetItem")).isEqualTo(4);
  }

  @Test
  void builder_invalidSettings_throwInvalidConfiguration() {
    assertThatThrownBy(
            () -> CachingMostRecentProvider.builder().metaStore(store).materialName("m").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("time to live");
    assertThatThrownBy(
            () ->
                CachingMostRecentProvider.builder()
                    .metaStore(store)
                    .materialName("m#1")
                    .ttl(TTL)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'#'");
    assertThatThrownBy(
            () ->
                CachingMostRecentProvider.builder()
                    .metaStore(store)
                    .materialName("m")
                    .ttl(Duration.ZERO)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                CachingMostRecentProvider.builder()
                    .metaStore(store)
                    .materialName("m")
                    .ttl(TTL)
                    .maxCacheSize(0)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> CachingMostRecentProvider.builder().materialName("m").ttl(TTL).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void concurrency_sixteenThreadsRotatingAndEncrypting_noDuplicateVersionAndEveryItemDecrypts()
      throws Exception {
    // Real clock and a short TTL, so that rotations are picked up while the threads run.
    CachingMostRecentProvider shared =
        CachingMostRecentProvider.builder()
            .metaStore(store)
            .materialName("orders")
            .ttl(Duration.ofMillis(20))
            .build();
    ItemEncryptor encryptor = ItemEncryptor.create(shared);
    Map<String, Map<String, AttributeValue>> written = new ConcurrentHashMap<>();
    Set<Long> rotatedTo = ConcurrentHashMap.newKeySet();
    CyclicBarrier start = new CyclicBarrier(16);
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int thread = t;
      threads.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 12; i++) {
                  if ((i + thread) % 4 == 0) {
                    rotatedTo.add(store.newVersion("orders"));
                  }
                  String pk = "t" + thread + "-" + i;
                  written.put(pk, encryptor.encryptItem(item(pk), CONFIG));
                }
                return null;
              }));
    }
    for (Future<?> f : threads) {
      f.get(120, TimeUnit.SECONDS);
    }

    List<Long> versions = store.versions("orders");
    long max = versions.get(versions.size() - 1);
    assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(0, max).boxed().toList());
    assertThat(versions).containsAll(rotatedTo);
    assertThat(versions.size()).isLessThanOrEqualTo(16 * 3 + 1).isGreaterThan(1);
    Map<String, Integer> perVersion = new HashMap<>();
    ItemEncryptor reader =
        ItemEncryptor.create(
            CachingMostRecentProvider.builder()
                .metaStore(store)
                .materialName("orders")
                .ttl(TTL)
                .build());
    assertThat(written).hasSize(16 * 12);
    written.forEach(
        (pk, s) -> {
          assertThat(reader.decryptItem(s, CONFIG)).isEqualTo(item(pk));
          perVersion.merge(metaId(s), 1, Integer::sum);
        });
    assertThat(perVersion.size()).as("versions used by the encryptors").isGreaterThan(1);
  }

  @Nested
  class Contract extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return CachingMostRecentProvider.builder()
          .metaStore(MetaStoreTest.newStore(DDB.local().client(), MetaStoreTest.metaProvider()))
          .materialName("contract")
          .ttl(Duration.ofMinutes(5))
          .build();
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      Map<String, String> d = new HashMap<>(stored);
      d.put("amzn-ddb-meta-id", "contract#99");
      return Optional.of(d);
    }
  }
}
