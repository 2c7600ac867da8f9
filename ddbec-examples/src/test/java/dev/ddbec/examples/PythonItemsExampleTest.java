package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.interop.PeerRequests;
import dev.ddbec.interop.PythonPeer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The official Python client (dynamodb-encryption-sdk 3.3.0, through the interop tests' peer
 * process in the venv of scripts/python-env.sh) writes with its EncryptedTable; the example reads.
 */
class PythonItemsExampleTest {
  @Test
  void read_itemWrittenByPythonEncryptedTable_plaintext() {
    byte[] wrappingKey = LocalAws.randomKey();
    byte[] signingKey = LocalAws.randomKey();
    String table = LocalAws.table("python-books", "isbn");
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.putObject("isbn").put("S", "978-0140449266");
    item.putObject("title").put("S", "The Count of Monte Cristo");
    item.putObject("genre").put("S", "adventure");
    item.putObject("pages").put("N", "1276");

    try (PythonPeer python = PythonPeer.start()) {
      python.callOk(
          PeerRequests.helperPut(
              PeerRequests.Helper.TABLE,
              LocalAws.localDynamoDb().endpoint().toString(),
              table,
              PeerRequests.wrappedProvider(wrappingKey, signingKey),
              PeerRequests.actions(PeerRequests.ENCRYPT, Map.of("genre", PeerRequests.SIGN)),
              item));
    }

    Map<String, AttributeValue> stored =
        LocalAws.dynamoDb()
            .getItem(
                r -> r.tableName(table).key(Map.of("isbn", AttributeValue.fromS("978-0140449266"))))
            .item();
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    Map<String, AttributeValue> read =
        PythonItemsExample.read(
            LocalAws.dynamoDb(), wrappingKey, signingKey, table, "978-0140449266");
    assertThat(read)
        .containsEntry("title", AttributeValue.fromS("The Count of Monte Cristo"))
        .containsEntry("genre", AttributeValue.fromS("adventure"))
        .containsEntry("pages", AttributeValue.fromN("1276"));
  }
}
