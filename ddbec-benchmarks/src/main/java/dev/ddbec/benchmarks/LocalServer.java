package dev.ddbec.benchmarks;

import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.testing.LocalDynamoDb;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The shared state of the client benchmarks ({@link HelperClientBenchmark}, {@link
 * AsyncClientBenchmark}): the local moto server (dev.ddbec.testing.LocalDynamoDb), its table, and
 * the client under test, opened by the subclass. Shared by all threads.
 */
@State(Scope.Benchmark)
public abstract class LocalServer {
  /** Item shape. */
  @Param({"SMALL", "TYPICAL", "LARGE"})
  public ItemShape shape;

  /** Client under test (every {@link ClientKind} by default). */
  @Param public ClientKind client;

  LocalDynamoDb local;
  String table;

  /** For the JMH state subclasses. */
  protected LocalServer() {}

  /** Starts the local server, creates the table and opens the client under test. */
  @Setup(Level.Trial)
  public void start() {
    local = LocalDynamoDb.start();
    table = local.createTable("bench", ItemShape.PARTITION_KEY, ItemShape.SORT_KEY);
    open(local);
  }

  /** Stops the local server and closes its clients. */
  @TearDown(Level.Trial)
  public void stop() {
    local.close();
  }

  /**
   * Opens the client under test over one of the server's plain clients.
   *
   * @param server the started server
   */
  abstract void open(LocalDynamoDb server);

  /**
   * A put of a new item of this shape under its own partition key, and the consistent get of it.
   *
   * @param partitionKey the item's partition key value
   * @return the two requests
   */
  Row row(String partitionKey) {
    Map<String, AttributeValue> item = shape.item();
    item.put(ItemShape.PARTITION_KEY, AttributeValue.fromS(partitionKey));
    PutItemRequest put = PutItemRequest.builder().tableName(table).item(item).build();
    GetItemRequest get =
        GetItemRequest.builder()
            .tableName(table)
            .key(
                Map.of(
                    ItemShape.PARTITION_KEY, item.get(ItemShape.PARTITION_KEY),
                    ItemShape.SORT_KEY, item.get(ItemShape.SORT_KEY)))
            .consistentRead(true)
            .build();
    return new Row(put, get);
  }

  /**
   * Fails a trial whose client did not read back what it wrote, rather than measuring less work.
   *
   * @param row the requests
   * @param read the item the get returned
   */
  void checkReadBack(Row row, Map<String, AttributeValue> read) {
    if (!AttributeEquality.itemsEqual(read, row.put().item())) {
      throw new IllegalStateException(
          client + " did not read back the item it wrote (" + shape + ")");
    }
  }

  /**
   * A put and the consistent get of the same item.
   *
   * @param put the put
   * @param get the get
   */
  record Row(PutItemRequest put, GetItemRequest get) {}
}
