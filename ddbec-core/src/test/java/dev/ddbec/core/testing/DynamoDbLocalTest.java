package dev.ddbec.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLocalTest {
  @RegisterExtension static final DynamoDbLocalExtension DDB = new DynamoDbLocalExtension();

  @Test
  void client_putThenGet_returnsItemOverHttpOnLoopback() {
    DynamoDbLocal local = DDB.local();
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
  void close_twice_isIdempotentAndClientsAreRefused() {
    DynamoDbLocal extra = DynamoDbLocal.start();
    assertThat(extra.port()).isNotEqualTo(DDB.local().port());
    extra.client().listTables();

    extra.close();
    extra.close();

    assertThatThrownBy(extra::client).isInstanceOf(IllegalStateException.class);
  }

  @Nested
  class NestedClass {
    @Test
    void nestedClass_sharesOuterServer(DynamoDbLocal local) {
      assertThat(local).isSameAs(DDB.local());
    }
  }
}
