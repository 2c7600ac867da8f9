package dev.ddbec.core.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.ProviderResolutionException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.SampleTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class MostRecentMaterialsProviderFactoryTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("Orders"), SampleTable.actions());
  private static final Map<String, AttributeValue> ITEM = SampleTable.item("o-1", "s");

  @TempDir Path dir;

  private Map<String, String> options(String table) throws Exception {
    byte[] wrap = MetaStoreTest.bytes(32);
    byte[] sign = MetaStoreTest.bytes(32);
    Path wrapFile = Files.write(dir.resolve("wrap.key"), wrap);
    Map<String, String> o = new HashMap<>();
    o.put("provider", "most-recent");
    o.put("table", table);
    o.put("material-name", "orders");
    o.put("ttl", "5m");
    o.put("endpoint", DDB.local().endpoint().toString());
    o.put("region", LocalDynamoDb.REGION.id());
    o.put("meta.provider", "wrapped");
    o.put("meta.wrapping-key", "file:" + wrapFile);
    o.put("meta.signing-key", "env:META_SIGNING_KEY");
    environment.put("META_SIGNING_KEY", Base64.getEncoder().encodeToString(sign));
    metaKeys = new byte[][] {wrap, sign};
    return o;
  }

  private final Map<String, String> environment = new HashMap<>();
  private byte[][] metaKeys;

  private MaterialsProvider load(Map<String, String> options) {
    return MaterialsProviders.load(
        options, MaterialsProviders.factories(getClass().getClassLoader()), environment::get);
  }

  private static String newTable() {
    String table = LocalDynamoDb.uniqueTableName("meta");
    MetaStore.createTable(DDB.local().client(), table);
    return table;
  }

  @Test
  void serviceLoader_findsMostRecent() {
    assertThat(MaterialsProviders.installed()).contains("most-recent", "static", "wrapped");
  }

  @Test
  void load_wrappedMetaProviderOnLocalDynamoDb_roundTripsAndRowsUseTheMetaKeys() throws Exception {
    String table = newTable();
    MaterialsProvider p = load(options(table));
    try {
      assertThat(p).isInstanceOf(CachingMostRecentProvider.class);
      Map<String, AttributeValue> stored = ItemEncryptor.create(p).encryptItem(ITEM, CONFIG);
      assertThat(ItemEncryptor.create(p).decryptItem(stored, CONFIG)).isEqualTo(ITEM);

      // The row was protected by the configured meta keys (file: and env: references).
      MetaStore sameKeys =
          MetaStore.builder()
              .dynamoDbClient(DDB.local().client())
              .tableName(table)
              .materialsProvider(
                  WrappedMaterialsProvider.builder()
                      .wrappingKey(new SecretKeySpec(metaKeys[0], "AES"))
                      .hmacKey(new SecretKeySpec(metaKeys[1], "HmacSHA256"))
                      .build())
              .build();
      assertThat(ItemEncryptor.create(sameKeys.provider("orders", 0)).decryptItem(stored, CONFIG))
          .isEqualTo(ITEM);
      CachingMostRecentProvider c = (CachingMostRecentProvider) p;
      assertThat(c.ttl()).isEqualTo(Duration.ofMinutes(5));
      assertThat(c.maxCacheSize()).isEqualTo(1000);
      assertThat(c.metaStore().minimumVersion()).isZero();
      assertThat(c.metaStore().maxVersionGap()).isEqualTo(MetaStore.DEFAULT_MAX_VERSION_GAP);
    } finally {
      ((AutoCloseable) p).close();
    }
  }

  @Test
  void load_versionBounds_passedToTheMetaStore() throws Exception {
    Map<String, String> o = options(newTable());
    o.put("min-version", "3");
    o.put("max-version-gap", "20");
    MaterialsProvider p = load(o);
    try {
      MetaStore store = ((CachingMostRecentProvider) p).metaStore();
      assertThat(store.minimumVersion()).isEqualTo(3);
      assertThat(store.maxVersionGap()).isEqualTo(20);
      assertThat(ItemEncryptor.create(p).encryptItem(ITEM, CONFIG).get("*amzn-ddb-map-desc*"))
          .isNotNull();
      assertThat(store.versions("orders")).containsExactly(3L); // first use: the minimum
    } finally {
      ((AutoCloseable) p).close();
    }
  }

  @Test
  void close_releasesTheOwnedClient() throws Exception {
    MaterialsProvider p = load(options(newTable()));
    ((AutoCloseable) p).close();
    ((AutoCloseable) p).close(); // idempotent

    assertThatThrownBy(() -> ItemEncryptor.create(p).encryptItem(ITEM, CONFIG))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void load_withoutMetaProvider_throwsNamingMetaProvider() throws Exception {
    Map<String, String> o = options("t");
    o.keySet().removeIf(k -> k.startsWith("meta."));
    assertThatThrownBy(() -> load(o))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'meta.provider'");
  }

  @Test
  void load_unknownMetaOption_throwsNamingTheMetaPrefix() throws Exception {
    Map<String, String> o = options("t");
    o.put("meta.wraping-key", "file:/x");
    assertThatThrownBy(() -> load(o))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("meta provider (meta.* options)")
        .hasMessageContaining("wraping-key");
  }

  @Test
  void load_unknownMetaProvider_throwsProviderResolution() throws Exception {
    Map<String, String> o = options("t");
    o.keySet().removeIf(k -> k.startsWith("meta."));
    o.put("meta.provider", "hsm-of-the-future");
    assertThatThrownBy(() -> load(o))
        .isInstanceOf(ProviderResolutionException.class)
        .hasMessageContaining("hsm-of-the-future");
  }

  @Test
  void load_badOptions_throwInvalidConfigurationNamingTheOption() throws Exception {
    for (String[] bad :
        List.of(
            new String[] {"ttl", "5 minutes", "'ttl'"},
            new String[] {"ttl", "0s", "positive"},
            new String[] {"material-name", "a#b", "'material-name'"},
            new String[] {"max-cache-size", "0", "'max-cache-size'"},
            new String[] {"min-version", "-1", "'min-version'"},
            new String[] {"min-version", "1e3", "'min-version'"},
            new String[] {"max-version-gap", "0", "'max-version-gap'"},
            new String[] {"endpoint", "ftp://x", "'endpoint'"},
            new String[] {"region", "Not A Region", "'region'"},
            new String[] {"tabel", "x", "tabel"})) {
      Map<String, String> o = options("t");
      o.put(bad[0], bad[1]);
      assertThatThrownBy(() -> load(o))
          .as(bad[0] + "=" + bad[1])
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining(bad[2]);
    }
  }

  @Test
  void duration_acceptedSpellings_parse() {
    Map<String, Duration> cases =
        Map.of(
            "500ms", Duration.ofMillis(500),
            "30s", Duration.ofSeconds(30),
            "5m", Duration.ofMinutes(5),
            "2h", Duration.ofHours(2),
            "PT1M30S", Duration.ofSeconds(90));
    cases.forEach(
        (text, expected) ->
            assertThat(
                    MostRecentMaterialsProviderFactory.duration(
                        new ProviderConfig("most-recent", Map.of("ttl", text), v -> null), "ttl"))
                .as(text)
                .isEqualTo(expected));
  }
}
