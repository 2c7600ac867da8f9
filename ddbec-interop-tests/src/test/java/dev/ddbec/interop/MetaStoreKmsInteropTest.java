package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.DirectKmsMaterialProvider;
import com.amazonaws.services.kms.AWSKMS;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.SampleTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A MetaStore whose rows are protected by KMS (moto's KMS server on loopback), shared on DynamoDB
 * Local by ddbec, the official Python client (its MetaStore with {@code
 * AwsKmsCryptographicMaterialsProvider} as meta provider) and the official Java client (its
 * MetaStore with {@code DirectKmsMaterialProvider}): the KMS encryption context of every row (the
 * MetaStore table name and the row's {@code N} and {@code V}) must agree across the three.
 */
class MetaStoreKmsInteropTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final String REGION_ID = "us-west-2";
  private static final String MATERIAL = "kms-material";
  private static final String DATA_TABLE = "Payments";
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context(DATA_TABLE), SampleTable.actions());
  private static final Actions JAVA_ACTIONS = Actions.of("encrypt");
  private static final ObjectNode PYTHON_ACTIONS = PeerRequests.actions("encrypt");
  private static final KmsCallCounter KMS_CALLS = new KmsCallCounter();

  private static String keyArn;
  @AutoClose private static PythonPeer python;

  @AutoClose("shutdown")
  private static AWSKMS kmsV1;

  @AutoClose("shutdown")
  private static AmazonDynamoDB ddbV1;

  @BeforeAll
  static void start() {
    keyArn = MotoKmsServer.createKey(MOTO.client(Region.of(REGION_ID)));
    python = PythonPeer.start();
    kmsV1 = SdkV1Clients.kms(MOTO.endpoint(), REGION_ID);
    ddbV1 = SdkV1Clients.dynamoDb(DDB.local().endpoint(), REGION_ID);
  }

  private static ObjectNode pythonProvider(String metaTable) {
    return PeerRequests.mostRecentProvider(
        DDB.local().endpoint().toString(),
        REGION_ID,
        metaTable,
        MATERIAL,
        300.0,
        PeerRequests.awsKmsProvider(keyArn, MOTO.endpoint().toString(), REGION_ID));
  }

  private static com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
          .CachingMostRecentProvider
      javaProvider(String metaTable) {
    return OfficialJavaClient.mostRecent(
        ddbV1, metaTable, new DirectKmsMaterialProvider(kmsV1, keyArn), MATERIAL);
  }

  private static Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("amount", AttributeValue.fromN("1999"));
    item.put("card", AttributeValue.fromS("4111-xxxx"));
    return item;
  }

  private static String metaId(Map<String, AttributeValue> stored) {
    return ItemFormat.decodeMaterialDescription(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
        .get("amzn-ddb-meta-id");
  }

  /** Both official clients decrypt ddbec's items; each writes one that ddbec decrypts. */
  private static void officialClientsReadAndWrite(
      String metaTable,
      List<Map<String, AttributeValue>> plain,
      List<Map<String, AttributeValue>> stored,
      MaterialsProvider ddbecReader) {
    ObjectNode py = pythonProvider(metaTable);
    var java = javaProvider(metaTable);
    for (int i = 0; i < stored.size(); i++) {
      Map<String, AttributeValue> byPython =
          python.decrypt(
              new PeerRequests.ItemTable(DATA_TABLE, "pk", null, py, PYTHON_ACTIONS),
              stored.get(i));
      assertThat(AttributeEquality.itemsEqual(plain.get(i), byPython)).isTrue();
      Map<String, AttributeValue> byJava =
          OfficialJavaClient.decrypt(stored.get(i), DATA_TABLE, "pk", null, JAVA_ACTIONS, java);
      assertThat(AttributeEquality.itemsEqual(plain.get(i), byJava)).isTrue();
    }
    ItemEncryptor reader = ItemEncryptor.create(ddbecReader);
    Map<String, AttributeValue> fromPython =
        python.encrypt(
            new PeerRequests.ItemTable(DATA_TABLE, "pk", null, py, PYTHON_ACTIONS), item("py"));
    Map<String, AttributeValue> fromJava =
        OfficialJavaClient.encrypt(item("java"), DATA_TABLE, "pk", null, JAVA_ACTIONS, java);
    assertThat(metaId(fromPython)).isEqualTo(metaId(stored.get(stored.size() - 1)));
    assertThat(metaId(fromJava)).isEqualTo(metaId(stored.get(stored.size() - 1)));
    assertThat(AttributeEquality.itemsEqual(item("py"), reader.decryptItem(fromPython, CONFIG)))
        .isTrue();
    assertThat(AttributeEquality.itemsEqual(item("java"), reader.decryptItem(fromJava, CONFIG)))
        .isTrue();
  }

  @Test
  void kmsProtectedMetaStore_rotatedByDdbec_officialClientsShareItAndKmsIsCalledPerVersion() {
    String metaTable = LocalDynamoDb.uniqueTableName("kms-meta");
    MetaStore.createTable(DDB.local().client(), metaTable);
    MetaStore store =
        MetaStore.builder()
            .dynamoDbClient(DDB.local().client())
            .tableName(metaTable)
            .materialsProvider(
                KmsMaterialsProvider.create(MOTO.client(Region.of(REGION_ID), KMS_CALLS), keyArn))
            .build();
    CachingMostRecentProvider provider = mostRecent(store);
    store.newVersion(MATERIAL);
    store.newVersion(MATERIAL);
    KMS_CALLS.reset();

    List<Map<String, AttributeValue>> plain = new ArrayList<>();
    List<Map<String, AttributeValue>> stored = new ArrayList<>();
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    for (int i = 0; i < 30; i++) {
      plain.add(item("p" + i));
      stored.add(encryptor.encryptItem(plain.get(i), CONFIG));
      assertThat(metaId(stored.get(i))).isEqualTo(MATERIAL + "#1");
    }
    // 30 items, one KMS Decrypt: the row of version 1, once per TTL.
    assertThat(KMS_CALLS.calls("Decrypt")).isEqualTo(1);
    assertThat(KMS_CALLS.totalCalls()).isEqualTo(1);

    officialClientsReadAndWrite(metaTable, plain, stored, provider);
  }

  /**
   * Why the meta provider's strict key id mode matters: whoever can write the MetaStore table and
   * use another KMS key the reader may decrypt with adds a newer version whose keys they know,
   * wrapped under their own key and validly signed. A strict meta provider (the default for a key
   * ARN) has KMS refuse that row; a lenient one (what the official clients do) adopts it for every
   * later write, and the forger reads those items.
   */
  @Test
  void forgedRowUnderAnotherKmsKey_refusedByStrictMetaProvider_adoptedByLenientOne() {
    String metaTable = LocalDynamoDb.uniqueTableName("kms-meta");
    MetaStore.createTable(DDB.local().client(), metaTable);
    KmsClient kms = MOTO.client(Region.of(REGION_ID));
    MetaStore owner = metaStore(metaTable, KmsMaterialsProvider.create(kms, keyArn));
    assertThat(owner.newVersion(MATERIAL)).isZero();

    String forgerKey = MotoKmsServer.createKey(kms);
    MetaStore forger = metaStore(metaTable, KmsMaterialsProvider.create(kms, forgerKey));
    assertThat(forger.newVersion(MATERIAL)).isEqualTo(1);

    assertThatThrownBy(() -> ItemEncryptor.create(mostRecent(owner)).encryptItem(item("s"), CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("strict key id mode");

    MetaStore lenient =
        metaStore(
            metaTable,
            KmsMaterialsProvider.builder().kmsClient(kms).keyId(keyArn).strictKeyId(false).build());
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(mostRecent(lenient)).encryptItem(item("l"), CONFIG);
    assertThat(metaId(stored)).isEqualTo(MATERIAL + "#1");
    assertThat(
            AttributeEquality.itemsEqual(
                item("l"), ItemEncryptor.create(mostRecent(forger)).decryptItem(stored, CONFIG)))
        .isTrue();
  }

  private static MetaStore metaStore(String table, MaterialsProvider metaProvider) {
    return MetaStore.builder()
        .dynamoDbClient(DDB.local().client())
        .tableName(table)
        .materialsProvider(metaProvider)
        .build();
  }

  private static CachingMostRecentProvider mostRecent(MetaStore store) {
    return CachingMostRecentProvider.builder()
        .metaStore(store)
        .materialName(MATERIAL)
        .ttl(Duration.ofMinutes(5))
        .build();
  }

  @Test
  void mostRecentConfiguredByNameWithKmsMetaProvider_officialClientsShareTheMetaStore()
      throws Exception {
    String metaTable = LocalDynamoDb.uniqueTableName("kms-meta");
    Map<String, String> options = new HashMap<>();
    options.put("provider", "most-recent");
    options.put("table", metaTable);
    options.put("material-name", MATERIAL);
    options.put("ttl", "5m");
    options.put("endpoint", DDB.local().endpoint().toString());
    options.put("region", REGION_ID);
    options.put("meta.provider", "kms");
    options.put("meta.key-id", keyArn);
    options.put("meta.endpoint", MOTO.endpoint().toString());
    options.put("meta.region", REGION_ID);
    MetaStore.createTable(DDB.local().client(), metaTable);

    MaterialsProvider provider = MaterialsProviders.load(options);
    try {
      assertThat(provider).isInstanceOf(CachingMostRecentProvider.class);
      List<Map<String, AttributeValue>> plain = List.of(item("a"), item("b"));
      List<Map<String, AttributeValue>> stored = new ArrayList<>();
      for (Map<String, AttributeValue> p : plain) {
        stored.add(ItemEncryptor.create(provider).encryptItem(p, CONFIG));
      }
      assertThat(metaId(stored.get(0))).isEqualTo(MATERIAL + "#0"); // created on first use

      officialClientsReadAndWrite(metaTable, plain, stored, provider);
    } finally {
      ((AutoCloseable) provider).close();
    }
  }
}
