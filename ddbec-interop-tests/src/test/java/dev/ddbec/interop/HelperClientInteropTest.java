package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.interop.PeerRequests.Helper;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Cross-client round trips on one table of the test DynamoDB (moto): items put by the official
 * Python helpers ({@code EncryptedTable}, {@code EncryptedClient}; boto3 pointed at the same
 * server) are read by {@link EncryptedDynamoDbClient}, and the reverse. Both sides discover the
 * keys with DescribeTable and use the same keys and attribute actions.
 */
class HelperClientInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
  @RegisterExtension static final PythonPeerExtension PEER = new PythonPeerExtension();

  private static final MaterialsProvider JAVA_WRAPPED = InteropProvider.WRAPPED_AES.ddbec();
  private static final ObjectNode PYTHON_WRAPPED = InteropProvider.WRAPPED_AES.peer();
  private static final MaterialsProvider JAVA_STATIC = InteropProvider.STATIC.ddbec();
  private static final ObjectNode PYTHON_STATIC = InteropProvider.STATIC.peer();

  /** Encrypt by default; genre signed only; views untouched (both sides say the same). */
  private static final AttributeActions JAVA_ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("genre", CryptoAction.SIGN_ONLY)
          .action("views", CryptoAction.DO_NOTHING)
          .build();

  private static final ObjectNode PYTHON_ACTIONS =
      PeerRequests.actions(
          PeerRequests.ENCRYPT, Map.of("genre", PeerRequests.SIGN, "views", PeerRequests.NOTHING));

  private String table;
  private String endpoint;
  private EncryptedDynamoDbClient client;

  @BeforeEach
  void setUp() {
    table = DDB.local().createTable("interop", "pk", "sk");
    endpoint = DDB.local().endpoint().toString();
    client = javaClient(JAVA_WRAPPED);
  }

  @ParameterizedTest
  @EnumSource(Helper.class)
  void pythonHelperPut_readByEncryptedDynamoDbClient(Helper helper) {
    Map<String, AttributeValue> item = book("p1", "s1");

    pythonPut(helper, PYTHON_WRAPPED, item);

    Map<String, AttributeValue> stored = raw(key("p1", "s1"));
    assertThat(stored)
        .containsKeys(ReservedAttributes.SIGNATURE, ReservedAttributes.MATERIAL_DESCRIPTION);
    assertThat(stored.get("pk")).isEqualTo(item.get("pk"));
    assertThat(stored.get("genre")).isEqualTo(item.get("genre"));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(client.getItem(r -> r.tableName(table).key(key("p1", "s1"))).item()).isEqualTo(item);
    assertThat(
            client
                .query(
                    r ->
                        r.tableName(table)
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", s("p1"))))
                .items())
        .containsExactly(item);
  }

  @ParameterizedTest
  @EnumSource(Helper.class)
  void encryptedDynamoDbClientPut_readByPythonHelper(Helper helper) {
    Map<String, AttributeValue> item = book("p1", "s1");

    client.putItem(r -> r.tableName(table).item(item));

    assertThat(pythonGet(helper, PYTHON_WRAPPED, key("p1", "s1"))).isEqualTo(item);
  }

  @Test
  void encryptedDynamoDbClientBatchWrite_scannedByPythonEncryptedTable() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Map<String, AttributeValue> item = book("p" + (i % 2), "s" + i);
      items.add(item);
      writes.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }

    assertThat(client.batchWriteItem(r -> r.requestItems(Map.of(table, writes))).unprocessedItems())
        .isEmpty();

    JsonNode scanned =
        PEER.peer().callOk(pythonTable(Helper.TABLE, PYTHON_WRAPPED).scan()).get("items");
    List<Map<String, AttributeValue>> read = new ArrayList<>();
    scanned.forEach(node -> read.add(DynamoDbJson.item(node)));
    assertThat(read).containsExactlyInAnyOrderElementsOf(items);
  }

  @ParameterizedTest
  @EnumSource(Helper.class)
  void staticProvider_bothDirections(Helper helper) {
    EncryptedDynamoDbClient staticClient = javaClient(JAVA_STATIC);
    Map<String, AttributeValue> fromPython = book("py", "1");
    Map<String, AttributeValue> fromJava = book("java", "1");

    pythonPut(helper, PYTHON_STATIC, fromPython);
    staticClient.putItem(r -> r.tableName(table).item(fromJava));

    assertThat(staticClient.getItem(r -> r.tableName(table).key(key("py", "1"))).item())
        .isEqualTo(fromPython);
    assertThat(pythonGet(helper, PYTHON_STATIC, key("java", "1"))).isEqualTo(fromJava);
  }

  @Test
  void tamperedItems_rejectedByBothClients() {
    pythonPut(Helper.TABLE, PYTHON_WRAPPED, book("py", "1"));
    client.putItem(r -> r.tableName(table).item(book("java", "1")));
    for (String pk : List.of("py", "java")) {
      Map<String, AttributeValue> stored = new HashMap<>(raw(key(pk, "1")));
      stored.put("genre", s("romance"));
      rawClient().putItem(r -> r.tableName(table).item(stored));
    }

    assertThatThrownBy(() -> client.getItem(r -> r.tableName(table).key(key("py", "1"))))
        .isInstanceOf(ItemIntegrityException.class);
    assertThatThrownBy(
            () ->
                PEER.peer()
                    .callOk(
                        pythonTable(Helper.TABLE, PYTHON_WRAPPED)
                            .get(DynamoDbJson.toJson(key("java", "1")))))
        .isInstanceOfSatisfying(
            PythonPeer.PeerError.class,
            e -> assertThat(e.type()).isEqualTo("SignatureVerificationError"));
  }

  // ---------------------------------------------------------------------------------------------

  private EncryptedDynamoDbClient javaClient(MaterialsProvider provider) {
    // Not closed: the delegate is the harness's shared client.
    return EncryptedDynamoDbClient.builder()
        .delegate(rawClient())
        .materialsProvider(provider)
        .attributeActions(JAVA_ACTIONS)
        .build();
  }

  private static DynamoDbClient rawClient() {
    return DDB.local().client();
  }

  private Map<String, AttributeValue> raw(Map<String, AttributeValue> key) {
    return DDB.local().rawItem(table, key);
  }

  /** Every attribute type; set members in the same order in Java and Python (ASCII, sorted). */
  private static Map<String, AttributeValue> book(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", s(pk));
    item.put("sk", s(sk));
    item.put("title", s("Dune, by F. Herbert"));
    item.put("genre", s("sf"));
    item.put("price", AttributeValue.fromN("9.99"));
    item.put("tags", AttributeValue.fromSs(List.of("desert", "dune")));
    item.put("cover", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xfe})));
    item.put("inStock", AttributeValue.fromBool(true));
    item.put("retired", AttributeValue.fromNul(true));
    item.put(
        "meta",
        AttributeValue.fromM(
            Map.of("publisher", s("Chilton"), "pages", AttributeValue.fromN("412"))));
    item.put("editions", AttributeValue.fromL(List.of(AttributeValue.fromN("1965"), s("first"))));
    item.put("views", AttributeValue.fromN("0"));
    return item;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /** Puts {@code item} with the Python helper client and {@code provider}. */
  private void pythonPut(Helper helper, ObjectNode provider, Map<String, AttributeValue> item) {
    PEER.peer().callOk(pythonTable(helper, provider).put(DynamoDbJson.toJson(item)));
  }

  /** The item the Python helper client reads under {@code key} with {@code provider}. */
  private Map<String, AttributeValue> pythonGet(
      Helper helper, ObjectNode provider, Map<String, AttributeValue> key) {
    return PEER.peer().item(pythonTable(helper, provider).get(DynamoDbJson.toJson(key)));
  }

  private PeerRequests.HelperTable pythonTable(Helper helper, ObjectNode provider) {
    return new PeerRequests.HelperTable(helper, endpoint, table, provider, PYTHON_ACTIONS);
  }
}
