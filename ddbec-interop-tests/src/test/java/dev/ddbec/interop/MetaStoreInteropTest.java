package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.TestKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One MetaStore table on the test DynamoDB (moto), shared by ddbec, the official Java client
 * ({@code MetaStore} + {@code CachingMostRecentProvider} on an SDK v1 {@code AmazonDynamoDB}
 * client) and the official Python client (its {@code MetaStore} + {@code CachingMostRecentProvider}
 * on a boto3 table, through {@code ddbec_peer.py}). In each direction one client creates the table,
 * creates versions 0, 1 and 2 and writes items with each; the other decrypts every item and writes
 * one with the newest version, which the first decrypts. The meta provider is a wrapped AES + HMAC
 * provider with the same keys on every side.
 */
class MetaStoreInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final String MATERIAL = "orders material";
  private static final String DATA_TABLE = "Orders";
  private static final String REGION = LocalDynamoDb.REGION.id();
  private static final CryptoConfig CONFIG = InteropItems.pkSkConfig(DATA_TABLE, "note");
  private static final Actions JAVA_ACTIONS = new Actions("encrypt", Map.of("note", "sign"));
  private static final ObjectNode PYTHON_ACTIONS =
      PeerRequests.actions("encrypt", Map.of("note", "sign"));

  @AutoClose private static PythonPeer python;

  @AutoClose("shutdown")
  private static AmazonDynamoDB sdkV1;

  private SharedMetaStore meta;

  @BeforeAll
  static void start() {
    python = PythonPeer.start();
    sdkV1 = SdkV1Clients.dynamoDb(DDB.local().endpoint(), REGION);
  }

  @BeforeEach
  void freshKeysAndTable() {
    meta = SharedMetaStore.fresh(DDB.local().client(), "shared-meta");
  }

  // --- the three clients' views of the same MetaStore ---------------------------------------

  private CachingMostRecentProvider ddbecProvider() {
    return SharedMetaStore.mostRecent(meta.ddbec(), MATERIAL);
  }

  private com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore
      javaStore() {
    return OfficialJavaClient.metaStore(sdkV1, meta.table(), meta.javaMeta());
  }

  private com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
          .CachingMostRecentProvider
      javaProvider() {
    return OfficialJavaClient.mostRecent(sdkV1, meta.table(), meta.javaMeta(), MATERIAL);
  }

  private ObjectNode pythonProvider() {
    return PeerRequests.mostRecentProvider(
        DDB.local().endpoint().toString(),
        REGION,
        meta.table(),
        MATERIAL,
        300.0,
        meta.pythonMeta());
  }

  private JsonNode pythonMetaStore(String action) {
    return python.callOk(PeerRequests.metastore(action, pythonProvider()));
  }

  // --- items ---------------------------------------------------------------------------------

  private static Map<String, AttributeValue> item(String writer, int version, int i) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(writer + "-v" + version));
    item.put("sk", AttributeValue.fromN(Integer.toString(i)));
    item.put("note", AttributeValue.fromS("signed, not encrypted"));
    item.put("total", AttributeValue.fromN("12.50"));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(TestKeys.randomBytes(20))));
    item.put("tags", AttributeValue.fromSs(List.of("b", "a", "\u00e9")));
    item.put(
        "nested",
        AttributeValue.fromM(
            Map.of("n", AttributeValue.fromN("1"), "l", AttributeValue.fromL(List.of()))));
    return item;
  }

  private static String metaId(Map<String, AttributeValue> stored) {
    return ItemFormat.decodeMaterialDescription(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
        .get("amzn-ddb-meta-id");
  }

  private record Written(Map<String, AttributeValue> plain, Map<String, AttributeValue> stored) {}

  private static void assertSameItem(Map<String, AttributeValue> actual, Written w) {
    assertThat(AttributeEquality.itemsEqual(w.plain(), actual))
        .as("decrypted %s", w.plain().get("pk"))
        .isTrue();
  }

  // --- ddbec writes, the official clients read ------------------------------------------------

  /** ddbec creates the table and versions 0..2 and writes three items with each. */
  private List<Written> ddbecWritesThreeVersions() {
    MetaStore.createTable(DDB.local().client(), meta.table());
    MetaStore store = meta.ddbec();
    CachingMostRecentProvider provider = ddbecProvider();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    List<Written> written = new ArrayList<>();
    for (int version = 0; version < 3; version++) {
      if (version > 0) {
        assertThat(store.newVersion(MATERIAL)).isEqualTo(version);
        provider.refresh();
      }
      for (int i = 0; i < 3; i++) {
        Map<String, AttributeValue> plain = item("ddbec", version, i);
        Map<String, AttributeValue> stored = encryptor.encryptItem(plain, CONFIG);
        assertThat(metaId(stored)).isEqualTo(MATERIAL + "#" + version);
        written.add(new Written(plain, stored));
      }
    }
    return written;
  }

  @Test
  void ddbecMetaStore_rotatedTwice_officialJavaDecryptsEveryVersionAndWritesWithTheNewest() {
    List<Written> written = ddbecWritesThreeVersions();
    var java = javaProvider();

    for (Written w : written) {
      assertSameItem(
          OfficialJavaClient.decrypt(w.stored(), DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java), w);
    }
    assertThat(javaStore().getMaxVersion(MATERIAL)).isEqualTo(2);

    Map<String, AttributeValue> plain = item("java", 2, 0);
    Map<String, AttributeValue> stored =
        OfficialJavaClient.encrypt(plain, DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java);
    assertThat(metaId(stored)).isEqualTo(MATERIAL + "#2");
    assertSameItem(
        ItemEncryptor.create(ddbecProvider()).decryptItem(stored, CONFIG),
        new Written(plain, stored));
  }

  @Test
  void ddbecMetaStore_rotatedTwice_officialPythonDecryptsEveryVersionAndWritesWithTheNewest() {
    List<Written> written = ddbecWritesThreeVersions();
    ObjectNode provider = pythonProvider();

    for (Written w : written) {
      Map<String, AttributeValue> decrypted = python.decrypt(pythonTable(provider), w.stored());
      assertSameItem(decrypted, w);
    }
    assertThat(pythonMetaStore("max_version").get("version").asLong()).isEqualTo(2);

    Map<String, AttributeValue> plain = item("python", 2, 0);
    Map<String, AttributeValue> stored = python.encrypt(pythonTable(provider), plain);
    assertThat(metaId(stored)).isEqualTo(MATERIAL + "#2");
    assertSameItem(
        ItemEncryptor.create(ddbecProvider()).decryptItem(stored, CONFIG),
        new Written(plain, stored));
  }

  /** The data table as the official Python client protects it with {@code provider}. */
  private static PeerRequests.ItemTable pythonTable(ObjectNode provider) {
    return new PeerRequests.ItemTable(DATA_TABLE, "pk", "sk", provider, PYTHON_ACTIONS);
  }

  // --- the official clients write, ddbec reads ------------------------------------------------

  /** ddbec decrypts every item, sees versions 0..2, writes with version 2; returns that item. */
  private Written ddbecReadsAllAndWritesWithNewest(List<Written> written) {
    assertThat(meta.ddbec().versions(MATERIAL)).containsExactly(0L, 1L, 2L);
    CachingMostRecentProvider provider = ddbecProvider();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    for (Written w : written) {
      assertSameItem(encryptor.decryptItem(w.stored(), CONFIG), w);
    }
    Map<String, AttributeValue> plain = item("ddbec", 2, 9);
    Map<String, AttributeValue> stored = encryptor.encryptItem(plain, CONFIG);
    assertThat(metaId(stored)).isEqualTo(MATERIAL + "#2");
    return new Written(plain, stored);
  }

  @Test
  void officialJavaMetaStore_createdAndRotated_ddbecDecryptsAndWritesWithTheNewest() {
    com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore.createTable(
        sdkV1,
        meta.table(),
        new com.amazonaws.services.dynamodbv2.model.ProvisionedThroughput(5L, 5L));
    var store = javaStore();
    var java = javaProvider();
    List<Written> written = new ArrayList<>();
    for (int version = 0; version < 3; version++) {
      if (version > 0) {
        store.newProvider(MATERIAL);
        java.refresh();
      }
      for (int i = 0; i < 3; i++) {
        Map<String, AttributeValue> plain = item("java", version, i);
        Map<String, AttributeValue> stored =
            OfficialJavaClient.encrypt(plain, DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java);
        assertThat(metaId(stored)).isEqualTo(MATERIAL + "#" + version);
        written.add(new Written(plain, stored));
      }
    }

    Written back = ddbecReadsAllAndWritesWithNewest(written);

    assertSameItem(
        OfficialJavaClient.decrypt(back.stored(), DATA_TABLE, "pk", "sk", JAVA_ACTIONS, java),
        back);
  }

  @Test
  void officialPythonMetaStore_createdAndRotated_ddbecDecryptsAndWritesWithTheNewest() {
    pythonMetaStore("create_table");
    ObjectNode provider = pythonProvider();
    List<Written> written = new ArrayList<>();
    for (int version = 0; version < 3; version++) {
      if (version > 0) {
        assertThat(pythonMetaStore("new_version").get("version").asLong()).isEqualTo(version);
        python.callOk(PeerRequests.refresh(provider));
      }
      for (int i = 0; i < 3; i++) {
        Map<String, AttributeValue> plain = item("python", version, i);
        Map<String, AttributeValue> stored = python.encrypt(pythonTable(provider), plain);
        assertThat(metaId(stored)).isEqualTo(MATERIAL + "#" + version);
        written.add(new Written(plain, stored));
      }
    }

    Written back = ddbecReadsAllAndWritesWithNewest(written);

    Map<String, AttributeValue> decrypted = python.decrypt(pythonTable(provider), back.stored());
    assertSameItem(decrypted, back);
  }
}
