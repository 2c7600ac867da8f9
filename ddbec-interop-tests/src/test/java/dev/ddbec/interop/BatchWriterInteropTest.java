package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.BatchWriter;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.interop.PeerRequests.Helper;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ddbec's {@link BatchWriter} and the official Python client's {@code EncryptedTable.batch_writer}
 * on one moto table: what either writes in batches (with {@code overwrite_by_pkeys} / {@code
 * overwriteByKeys}) the other reads. (The official Java client has no batch writer.)
 */
class BatchWriterInteropTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
  @RegisterExtension static final PythonPeerExtension PEER = new PythonPeerExtension();

  private static final MaterialsProvider JAVA = InteropProvider.WRAPPED_AES.ddbec();
  private static final ObjectNode PYTHON = InteropProvider.WRAPPED_AES.peer();
  private static final AttributeActions JAVA_ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("genre", CryptoAction.SIGN_ONLY)
          .build();
  private static final ObjectNode PYTHON_ACTIONS =
      PeerRequests.actions(PeerRequests.ENCRYPT, Map.of("genre", PeerRequests.SIGN));

  private String table;
  private EncryptedDynamoDbClient client;

  @BeforeEach
  void setUp() {
    table = DDB.local().createTable("batch", "pk", "sk");
    client =
        EncryptedDynamoDbClient.builder()
            .delegate(DDB.local().client())
            .materialsProvider(JAVA)
            .attributeActions(JAVA_ACTIONS)
            .build();
  }

  private static Map<String, AttributeValue> item(int i, String title) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("p" + (i % 3)));
    item.put("sk", AttributeValue.fromS("s" + i));
    item.put("title", AttributeValue.fromS(title));
    item.put("genre", AttributeValue.fromS("sf"));
    item.put("price", AttributeValue.fromN(Integer.toString(i)));
    return item;
  }

  private List<Map<String, AttributeValue>> expected(int n) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(item(i, "final " + i));
    }
    return out;
  }

  @Test
  void pythonBatchWriter_readByEncryptedDynamoDbClient() {
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 30; i++) {
      items.add(DynamoDbJson.toJson(item(i, "draft " + i)));
      items.add(DynamoDbJson.toJson(item(i, "final " + i))); // overwrites the draft in the buffer
    }
    ObjectNode request = pythonTable().request("helper_batch_put");
    request.set("items", items);
    request.set("overwrite_by_pkeys", JsonNodeFactory.instance.arrayNode().add("pk").add("sk"));

    PEER.peer().callOk(request);

    List<Map<String, AttributeValue>> read =
        client.scan(r -> r.tableName(table).consistentRead(true)).items();
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected(30));
    Map<String, AttributeValue> raw =
        DDB.local()
            .client()
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Map.of("pk", item(4, "").get("pk"), "sk", item(4, "").get("sk"))))
            .item();
    assertThat(raw).containsKey(FormatNames.SIGNATURE_ATTRIBUTE);
    assertThat(raw.get("title").type()).isEqualTo(AttributeValue.Type.B);
  }

  @Test
  void ddbecBatchWriter_readByPythonEncryptedTable() {
    try (BatchWriter writer =
        BatchWriter.builder(client).tableName(table).overwriteByKeys("pk", "sk").build()) {
      for (int i = 0; i < 30; i++) {
        writer.putItem(item(i, "draft " + i));
        writer.putItem(item(i, "final " + i));
      }
    }

    JsonNode answer = PEER.peer().callOk(pythonTable().scan());
    List<Map<String, AttributeValue>> read = new ArrayList<>();
    answer.get("items").forEach(n -> read.add(DynamoDbJson.item(n)));
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected(30));
  }

  private PeerRequests.HelperTable pythonTable() {
    return new PeerRequests.HelperTable(
        Helper.TABLE, DDB.local().endpoint().toString(), table, PYTHON, PYTHON_ACTIONS);
  }
}
