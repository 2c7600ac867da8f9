package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.DirectKmsMaterialProvider;
import com.amazonaws.services.kms.AWSKMS;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.interop.OfficialJavaClient.OfficialClientException;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Direct KMS items cross the language and SDK boundaries through one moto KMS server: the official
 * Python {@code AwsKmsCryptographicMaterialsProvider} (via {@link PythonPeer}) and the official
 * Java {@code DirectKmsMaterialProvider} (SDK v1 {@code AWSKMS} on the same endpoint) write items
 * that ddbec's {@link KmsMaterialsProvider} reads, and the reverse, for {@value #ITEMS} randomized
 * items with a partition and a sort key per direction.
 *
 * <p>All three use the same key ARN in {@value #REGION_ID}: moto keeps keys per region, the Python
 * client takes the region from the ARN, and the SDK clients sign for that region. The seed is
 * printed and can be fixed with {@code -Dddbec.kms.seed=N}. ddbec's provider runs in its default
 * strict key id mode ({@code Decrypt} names the key), which reads every official item written under
 * that key.
 *
 * <p>Number keys go through a real table (the tests' moto server, which stores numbers
 * canonicalised as DynamoDB does: its launcher patches moto, which keeps the text as sent).
 */
class DirectKmsInteropTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static final int ITEMS = 200;
  static final String REGION_ID = "us-west-2";
  private static final Region REGION = Region.of(REGION_ID);
  private static final String TABLE = "KmsInterop";
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final KmsCallCounter COUNTER = new KmsCallCounter();

  private static final AttributeActions DDBEC_ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("signed", CryptoAction.SIGN_ONLY)
          .action("plain", CryptoAction.DO_NOTHING)
          .build()
          .withIndexKeys(PK, SK);
  private static final CryptoConfig DDBEC_CONFIG = config(TABLE);
  private static final Map<String, String> OVERRIDES =
      Map.of("signed", PeerRequests.SIGN, "plain", PeerRequests.NOTHING);
  private static final Actions OFFICIAL_ACTIONS = new Actions(PeerRequests.ENCRYPT, OVERRIDES);
  private static final ObjectNode PYTHON_ACTIONS =
      PeerRequests.actions(PeerRequests.ENCRYPT, OVERRIDES);

  private static String keyArn;
  private static KmsMaterialsProvider ddbecProvider;
  private static ItemEncryptor ddbec;
  @AutoClose private static PythonPeer peer;
  private static ObjectNode pythonProvider;

  @AutoClose("shutdown")
  private static AWSKMS kmsV1;

  private static DirectKmsMaterialProvider javaProvider;
  private static long seed;

  @BeforeAll
  static void setUp() {
    KmsClient kms = MOTO.client(REGION, COUNTER);
    keyArn = MotoKmsServer.createKey(kms);
    ddbecProvider = KmsMaterialsProvider.create(kms, keyArn);
    assertThat(ddbecProvider.strictKeyId()).isTrue();
    ddbec = ItemEncryptor.create(ddbecProvider);
    peer = PythonPeer.start();
    pythonProvider = PeerRequests.awsKmsProvider(keyArn, MOTO.endpoint().toString(), REGION_ID);
    kmsV1 = SdkV1Clients.kms(MOTO.endpoint(), REGION_ID);
    javaProvider = new DirectKmsMaterialProvider(kmsV1, keyArn);
    seed = Long.getLong("ddbec.kms.seed", System.nanoTime());
    System.out.println("[DirectKmsInteropTest] seed " + seed + " (-Dddbec.kms.seed=" + seed + ")");
  }

  @BeforeEach
  void resetCounter() {
    COUNTER.reset();
  }

  /** Who writes and who reads; ddbec is on one side of each. */
  enum Direction {
    PYTHON_TO_DDBEC,
    DDBEC_TO_PYTHON,
    OFFICIAL_JAVA_TO_DDBEC,
    DDBEC_TO_OFFICIAL_JAVA;

    /** The KMS call each item takes: Decrypt when ddbec reads, GenerateDataKey when it writes. */
    String kmsCall() {
      return name().startsWith("DDBEC") ? "GenerateDataKey" : "Decrypt";
    }
  }

  /**
   * {@value #ITEMS} random items (seed + the direction's ordinal) written by one client and read by
   * the other; ddbec makes exactly one KMS call per item.
   */
  @ParameterizedTest
  @EnumSource(Direction.class)
  void randomItems_readByTheOtherClient_oneKmsCallPerItem(Direction direction) {
    Random r = new Random(seed + direction.ordinal());
    for (int i = 0; i < ITEMS; i++) {
      roundTrip(direction, randomItem(r, i), i);
    }
    assertThat(COUNTER.calls(direction.kmsCall())).isEqualTo(ITEMS);
    assertThat(COUNTER.totalCalls()).isEqualTo(ITEMS);
  }

  private void roundTrip(Direction direction, Map<String, AttributeValue> item, int i) {
    PeerRequests.ItemTable python =
        new PeerRequests.ItemTable(TABLE, PK, SK, pythonProvider, PYTHON_ACTIONS);
    switch (direction) {
      case PYTHON_TO_DDBEC -> {
        Map<String, AttributeValue> stored = peer.encrypt(python, item);
        assertDirectKmsDescription(stored, i);
        assertSameItem(ddbec.decryptItem(stored, DDBEC_CONFIG), item, i);
      }
      case DDBEC_TO_PYTHON ->
          assertSameItem(peer.decrypt(python, ddbec.encryptItem(item, DDBEC_CONFIG)), item, i);
      case OFFICIAL_JAVA_TO_DDBEC -> {
        Map<String, AttributeValue> stored =
            OfficialJavaClient.encrypt(item, TABLE, PK, SK, OFFICIAL_ACTIONS, javaProvider);
        assertDirectKmsDescription(stored, i);
        assertSameItem(ddbec.decryptItem(stored, DDBEC_CONFIG), item, i);
      }
      case DDBEC_TO_OFFICIAL_JAVA -> {
        Map<String, AttributeValue> stored = ddbec.encryptItem(item, DDBEC_CONFIG);
        assertSameItem(
            OfficialJavaClient.decrypt(stored, TABLE, PK, SK, OFFICIAL_ACTIONS, javaProvider),
            item,
            i);
      }
    }
  }

  // --- number keys through a real table ----------------------------------------------------------

  /**
   * Why ddbec refuses non-canonical key numbers on write: the official Java client binds {@code
   * 10.50} into the KMS context as written (so does the Python one), DynamoDB returns {@code 10.5},
   * and the item is then lost for every client. Before DynamoDB, a reader that takes the value as
   * found (the official clients and ddbec) can still read it, which canonicalising on one side only
   * would break.
   */
  @Test
  void officialJavaEncrypts_nonCanonicalNumberKeys_unreadableByEveryoneAfterDynamoDb() {
    String table = numberKeyTable();
    Map<String, AttributeValue> item = numberKeyItem("10.50", "007");
    Map<String, AttributeValue> written =
        OfficialJavaClient.encrypt(item, table, PK, SK, OFFICIAL_ACTIONS, javaProvider);
    assertSameItem(ddbec.decryptItem(written, config(table)), item, 0);

    raw().putItem(r -> r.tableName(table).item(written));
    Map<String, AttributeValue> stored = rawGet(table, "10.5", "7");
    assertThat(stored.get(PK).n()).as("DynamoDB stores numbers canonicalised").isEqualTo("10.5");
    assertThat(stored.get(SK).n()).isEqualTo("7");
    assertThatThrownBy(
            () -> OfficialJavaClient.decrypt(stored, table, PK, SK, OFFICIAL_ACTIONS, javaProvider))
        .isInstanceOf(OfficialClientException.class);
    assertThatThrownBy(() -> ddbec.decryptItem(stored, config(table)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("InvalidCiphertextException");
  }

  @Test
  void encryptedClient_nonCanonicalNumberKey_refusedBeforeAnythingIsStored() {
    String table = numberKeyTable();
    EncryptedDynamoDbClient client = encryptedClient();
    for (String[] keys : new String[][] {{"10.50", "7"}, {"10.5", "007"}, {"1E+2", "7"}}) {
      assertThatThrownBy(
              () -> client.putItem(r -> r.tableName(table).item(numberKeyItem(keys[0], keys[1]))))
          .as("%s/%s", keys[0], keys[1])
          .isInstanceOf(InvalidItemException.class)
          .hasMessageContaining("canonical form");
    }
    assertThat(raw().scan(r -> r.tableName(table)).items()).isEmpty();
    assertThat(COUNTER.totalCalls()).as("refused before KMS").isZero();
  }

  @Test
  void canonicalNumberKeys_roundTripThroughTableWithOfficialJavaBothWays() {
    String table = numberKeyTable();
    EncryptedDynamoDbClient client = encryptedClient();

    // ddbec writes through the table, the official client reads what DynamoDB returns.
    Map<String, AttributeValue> mine = numberKeyItem("10.5", "-0.25");
    client.putItem(r -> r.tableName(table).item(mine));
    assertSameItem(client.getItem(r -> r.tableName(table).key(keyOf(mine))).item(), mine, 0);
    assertSameItem(
        OfficialJavaClient.decrypt(
            rawGet(table, "10.5", "-0.25"), table, PK, SK, OFFICIAL_ACTIONS, javaProvider),
        mine,
        1);

    // The official client writes, ddbec (strict by default) reads through the table.
    Map<String, AttributeValue> theirs = numberKeyItem("100", "0.001");
    raw()
        .putItem(
            r ->
                r.tableName(table)
                    .item(
                        OfficialJavaClient.encrypt(
                            theirs, table, PK, SK, OFFICIAL_ACTIONS, javaProvider)));
    assertSameItem(client.getItem(r -> r.tableName(table).key(keyOf(theirs))).item(), theirs, 2);
  }

  private static CryptoConfig config(String table) {
    return CryptoConfig.of(
        EncryptionContext.builder().tableName(table).partitionKeyName(PK).sortKeyName(SK).build(),
        DDBEC_ACTIONS);
  }

  private static DynamoDbClient raw() {
    return DDB.local().client();
  }

  private static EncryptedDynamoDbClient encryptedClient() {
    // Not closed: the delegate is the harness's shared client.
    return EncryptedDynamoDbClient.builder()
        .delegate(raw())
        .materialsProvider(ddbecProvider)
        .attributeActions(DDBEC_ACTIONS)
        .build();
  }

  /** A table whose partition and sort keys are numbers. */
  private static String numberKeyTable() {
    String table = LocalDynamoDb.uniqueTableName("kms-numbers");
    raw()
        .createTable(
            r ->
                r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName(PK)
                            .attributeType(ScalarAttributeType.N)
                            .build(),
                        AttributeDefinition.builder()
                            .attributeName(SK)
                            .attributeType(ScalarAttributeType.N)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder()
                            .attributeName(SK)
                            .keyType(KeyType.RANGE)
                            .build()));
    return table;
  }

  private static Map<String, AttributeValue> numberKeyItem(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, AttributeValue.fromN(pk));
    item.put(SK, AttributeValue.fromN(sk));
    item.put("secret", AttributeValue.fromS("text for " + pk));
    item.put("signed", AttributeValue.fromN("12.5"));
    return item;
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of(PK, item.get(PK), SK, item.get(SK));
  }

  private static Map<String, AttributeValue> rawGet(String table, String pk, String sk) {
    return DDB.local()
        .rawItem(table, Map.of(PK, AttributeValue.fromN(pk), SK, AttributeValue.fromN(sk)));
  }

  // --- checks ------------------------------------------------------------------------------------

  private static void assertSameItem(
      Map<String, AttributeValue> actual, Map<String, AttributeValue> expected, int index) {
    assertThat(AttributeEquality.itemsEqual(actual, expected))
        .as(
            "item %d (seed %d)%n expected %s%n actual   %s",
            index, seed, DynamoDbJson.toJson(expected), DynamoDbJson.toJson(actual))
        .isTrue();
  }

  /** The writer's description carries the Direct KMS entries (docs/format.md §5.3). */
  private static void assertDirectKmsDescription(Map<String, AttributeValue> stored, int index) {
    String description =
        new String(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(description)
        .as("item %d description", index)
        .contains("amzn-ddb-env-key", "amzn-ddb-wrap-alg", "kms", "aws-kms-ec-attr", "*keys*")
        .contains("amzn-ddb-env-alg", "AES/256", "amzn-ddb-sig-alg", "HmacSHA256/256");
  }

  // --- randomized items (seeded) -----------------------------------------------------------------

  private static final String CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/#@!?*+=~"
          + "\u00e9\u00df\u00fc\u00f1\u20ac\u03a9\u4e2d\u6587\u00a0\u2603";

  /** An item with a partition and a sort key of random type and 1..5 other attributes. */
  static Map<String, AttributeValue> randomItem(Random r, int index) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, keyValue(r, "item-" + index));
    item.put(SK, keyValue(r, "sort-" + index));
    int attributes = 1 + r.nextInt(5);
    for (int j = 0; j < attributes; j++) {
      item.put("a" + j, value(r, 2));
    }
    if (r.nextBoolean()) {
      // SIGN_ONLY values avoid the known Python/Java set-order divergences (interop.md).
      item.put("signed", r.nextBoolean() ? AttributeValue.fromS(text(r)) : number(r));
    }
    if (r.nextBoolean()) {
      item.put("plain", value(r, 1));
    }
    return item;
  }

  private static AttributeValue keyValue(Random r, String prefix) {
    return switch (r.nextInt(3)) {
      case 0 -> AttributeValue.fromS(prefix + "-" + text(r));
      case 1 -> number(r);
      default -> AttributeValue.fromB(SdkBytes.fromByteArray(bytes(r, 1 + r.nextInt(16))));
    };
  }

  private static AttributeValue value(Random r, int depth) {
    int kinds = depth > 0 ? 10 : 8;
    return switch (r.nextInt(kinds)) {
      case 0 -> AttributeValue.fromS(text(r));
      case 1 -> number(r);
      case 2 -> AttributeValue.fromB(SdkBytes.fromByteArray(bytes(r, 1 + r.nextInt(40))));
      case 3 -> AttributeValue.fromBool(r.nextBoolean());
      case 4 -> AttributeValue.fromNul(true);
      case 5 -> {
        Set<String> ss = new HashSet<>();
        for (int n = 1 + r.nextInt(4); ss.size() < n; ) {
          ss.add(text(r));
        }
        yield AttributeValue.fromSs(new ArrayList<>(ss));
      }
      case 6 -> {
        Set<BigDecimal> seen = new HashSet<>();
        List<String> ns = new ArrayList<>();
        for (int n = 1 + r.nextInt(4); ns.size() < n; ) {
          String v = number(r).n();
          if (seen.add(new BigDecimal(v).stripTrailingZeros())) {
            ns.add(v);
          }
        }
        yield AttributeValue.fromNs(ns);
      }
      case 7 -> {
        Set<String> seen = new HashSet<>();
        List<SdkBytes> bs = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); bs.size() < n; ) {
          byte[] b = bytes(r, 1 + r.nextInt(8));
          if (seen.add(java.util.Base64.getEncoder().encodeToString(b))) {
            bs.add(SdkBytes.fromByteArray(b));
          }
        }
        yield AttributeValue.fromBs(bs);
      }
      case 8 -> {
        List<AttributeValue> l = new ArrayList<>();
        for (int n = r.nextInt(4); n > 0; n--) {
          l.add(value(r, depth - 1));
        }
        yield AttributeValue.fromL(l);
      }
      default -> {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int n = r.nextInt(4); n > 0; n--) {
          m.put(text(r), value(r, depth - 1));
        }
        yield AttributeValue.fromM(m);
      }
    };
  }

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int n = 1 + r.nextInt(12); n > 0; n--) {
      b.append(CHARS.charAt(r.nextInt(CHARS.length())));
    }
    return b.toString();
  }

  /** A canonical DynamoDB number (as DynamoDB returns it) of at most 18 significant digits. */
  private static AttributeValue number(Random r) {
    BigInteger unscaled = BigInteger.valueOf(r.nextLong() % 1_000_000_000_000_000L);
    if (r.nextInt(4) == 0) {
      unscaled = BigInteger.valueOf(r.nextInt(1000) - 500);
    }
    BigDecimal d = new BigDecimal(unscaled, r.nextInt(8)).stripTrailingZeros();
    return AttributeValue.fromN(d.signum() == 0 ? "0" : d.toPlainString());
  }

  private static byte[] bytes(Random r, int length) {
    byte[] b = new byte[length];
    r.nextBytes(b);
    return b;
  }
}
