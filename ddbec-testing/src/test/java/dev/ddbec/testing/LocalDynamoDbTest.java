package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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

  /**
   * DynamoDB applies each write atomically: of several conditional puts of one new key, exactly one
   * succeeds, and concurrent ADD updates lose no increment. The MetaStore's rotation and the bulk
   * jobs' conditional rewrites rely on it, and moto's threaded server did not give it without the
   * launcher's write lock.
   */
  @Test
  void concurrentWrites_areAtomic_oneConditionalPutWinsAndNoIncrementIsLost() throws Exception {
    LocalDynamoDb local = DDB.local();
    String table = local.createTable("races", "pk", null);
    DynamoDbClient client = local.client();
    int threads = 8;
    int rounds = 60;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String writer = "writer-" + t;
        results.add(
            pool.submit(
                () -> {
                  int[] won = new int[rounds];
                  for (int round = 0; round < rounds; round++) {
                    String key = "key-" + round;
                    start.await(30, TimeUnit.SECONDS);
                    try {
                      client.putItem(
                          r ->
                              r.tableName(table)
                                  .item(
                                      Map.of(
                                          "pk", AttributeValue.fromS(key),
                                          "writer", AttributeValue.fromS(writer)))
                                  .conditionExpression("attribute_not_exists(pk)"));
                      won[round] = 1;
                    } catch (ConditionalCheckFailedException lost) {
                      // another writer created the key first
                    }
                    client.updateItem(
                        r ->
                            r.tableName(table)
                                .key(Map.of("pk", AttributeValue.fromS("counter")))
                                .updateExpression("ADD n :one")
                                .expressionAttributeValues(
                                    Map.of(":one", AttributeValue.fromN("1"))));
                  }
                  return won;
                }));
      }
      int[] winners = new int[rounds];
      for (Future<int[]> f : results) {
        int[] won = f.get(120, TimeUnit.SECONDS);
        for (int round = 0; round < rounds; round++) {
          winners[round] += won[round];
        }
      }

      assertThat(winners).as("conditional puts that succeeded, per key").containsOnly(1);
      assertThat(
              client
                  .getItem(
                      r ->
                          r.tableName(table)
                              .key(Map.of("pk", AttributeValue.fromS("counter")))
                              .consistentRead(true))
                  .item()
                  .get("n")
                  .n())
          .isEqualTo(Integer.toString(threads * rounds));
    } finally {
      pool.shutdownNow();
    }
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
