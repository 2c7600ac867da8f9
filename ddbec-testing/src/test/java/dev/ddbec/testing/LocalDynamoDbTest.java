package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalDynamoDbTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  @Test
  void client_putThenGet_returnsItemOverHttpOnLoopback() {
    LocalDynamoDb local = DDB.local();
    assertThat(local.endpoint().toString()).isEqualTo("http://127.0.0.1:" + local.port());
    String table = local.createTable("harness", "pk", "sk");
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("a"),
            "sk", AttributeValue.fromS("b"),
            "v", AttributeValue.fromN("1"));
    DynamoDbClient client = local.client();

    client.putItem(r -> r.tableName(table).item(item));

    assertThat(
            client
                .getItem(
                    r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))))
                .item())
        .isEqualTo(item);
  }

  @Test
  void asyncClient_listTables_seesTableCreatedBySyncClient(DynamoDbAsyncClient async) {
    String table = DDB.local().createTable("harness-async", "pk", null);

    assertThat(async.listTables().join().tableNames()).contains(table);
  }

  @Test
  void close_twice_isIdempotentRefusesClientsAndLeavesSharedServerUp() {
    LocalDynamoDb extra = LocalDynamoDb.start();
    assertThat(extra).isNotSameAs(DDB.local());
    assertThat(extra.endpoint()).isEqualTo(DDB.local().endpoint());
    String table = extra.createTable("harness-extra", "pk", null);

    extra.close();
    extra.close();

    assertThatThrownBy(extra::client).isInstanceOf(IllegalStateException.class);
    // The server stays up for the other handles. Against DDBEC_TEST_DYNAMODB_ENDPOINT, whose
    // tables outlive the JVM, closing deleted the table the handle made; moto keeps it.
    if (DDB.local().isExternal()) {
      assertThat(DDB.local().client().listTables().tableNames()).doesNotContain(table);
    } else {
      assertThat(DDB.local().client().listTables().tableNames()).contains(table);
    }
  }

  @Test
  void uniqueTableName_twice_differs() {
    assertThat(LocalDynamoDb.uniqueTableName("t")).isNotEqualTo(LocalDynamoDb.uniqueTableName("t"));
  }

  @Nested
  class NestedClass {
    @Test
    void nestedClass_sharesOuterHandle(LocalDynamoDb local) {
      assertThat(local).isSameAs(DDB.local());
    }
  }
}
