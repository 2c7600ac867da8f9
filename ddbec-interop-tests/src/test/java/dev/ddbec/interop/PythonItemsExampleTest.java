package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.examples.PythonItemsExample;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The test of ddbec-examples' {@link PythonItemsExample} (docs/migration.md), here beside the
 * Python peer it needs: the official Python client (dynamodb-encryption-sdk 3.3.0, through the peer
 * process in the venv of scripts/python-env.sh) writes with its EncryptedTable; the example reads.
 */
class PythonItemsExampleTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void read_itemWrittenByPythonEncryptedTable_plaintext() {
    byte[] wrappingKey = randomKey();
    byte[] signingKey = randomKey();
    String table = DDB.local().createTable("python-books", "isbn", null);
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.putObject("isbn").put("S", "978-0140449266");
    item.putObject("title").put("S", "The Count of Monte Cristo");
    item.putObject("genre").put("S", "adventure");
    item.putObject("pages").put("N", "1276");

    try (PythonPeer python = PythonPeer.start()) {
      python.callOk(
          new PeerRequests.HelperTable(
                  PeerRequests.Helper.TABLE,
                  DDB.local().endpoint().toString(),
                  table,
                  PeerRequests.wrappedProvider(wrappingKey, signingKey),
                  PeerRequests.actions(PeerRequests.ENCRYPT, Map.of("genre", PeerRequests.SIGN)))
              .put(item));
    }

    Map<String, AttributeValue> stored =
        DDB.local()
            .client()
            .getItem(
                r -> r.tableName(table).key(Map.of("isbn", AttributeValue.fromS("978-0140449266"))))
            .item();
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    Map<String, AttributeValue> read =
        PythonItemsExample.read(
            DDB.local().client(), wrappingKey, signingKey, table, "978-0140449266");
    assertThat(read)
        .containsEntry("title", AttributeValue.fromS("The Count of Monte Cristo"))
        .containsEntry("genre", AttributeValue.fromS("adventure"))
        .containsEntry("pages", AttributeValue.fromN("1276"));
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }
}
