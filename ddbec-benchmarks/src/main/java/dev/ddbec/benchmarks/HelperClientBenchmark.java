package dev.ddbec.benchmarks;

import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.testing.LocalDynamoDb;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Put then consistent get of one item through each {@link ClientKind}, against the moto server over
 * HTTP on loopback (dev.ddbec.testing.LocalDynamoDb: a Python process on this machine, which shares
 * its CPUs with the benchmark JVM). The report divides each helper client's throughput by {@link
 * ClientKind#PLAIN}'s: the helper's overhead as a share of put+get latency.
 *
 * <p>Each thread writes and reads its own item (its own partition key); requests are built in
 * setup, the same for every client.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HelperClientBenchmark {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The moto server, its table and the client under test, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Server {
    /** Item shape. */
    @Param({"SMALL", "TYPICAL", "LARGE"})
    public ItemShape shape;

    /** Client under test (every {@link ClientKind} by default). */
    @Param public ClientKind client;

    LocalDynamoDb local;
    String table;
    DynamoDbClient dynamo;

    /** Starts the moto server (once per JVM) and creates the table. */
    @Setup(Level.Trial)
    public void setUp() {
      local = LocalDynamoDb.start();
      table = local.createTable("bench", ItemShape.PARTITION_KEY, ItemShape.SORT_KEY);
      dynamo = client.open(local.newClient(), KeyMaterial.standard());
    }

    /** Closes the clients; the moto server stops when the JVM exits. */
    @TearDown(Level.Trial)
    public void tearDown() {
      local.close();
    }
  }

  /** One thread's requests. */
  @State(Scope.Thread)
  public static class Row {
    PutItemRequest put;
    GetItemRequest get;

    /**
     * Builds this thread's requests and checks one round trip.
     *
     * @param server the shared server
     */
    @Setup(Level.Trial)
    public void setUp(Server server) {
      Map<String, AttributeValue> item = server.shape.item();
      item.put(
          ItemShape.PARTITION_KEY, AttributeValue.fromS("thread-" + THREADS.incrementAndGet()));
      put = PutItemRequest.builder().tableName(server.table).item(item).build();
      get =
          GetItemRequest.builder()
              .tableName(server.table)
              .key(
                  Map.of(
                      ItemShape.PARTITION_KEY, item.get(ItemShape.PARTITION_KEY),
                      ItemShape.SORT_KEY, item.get(ItemShape.SORT_KEY)))
              .consistentRead(true)
              .build();
      server.dynamo.putItem(put);
      Map<String, AttributeValue> read = server.dynamo.getItem(get).item();
      if (!AttributeEquality.itemsEqual(read, item)) {
        throw new IllegalStateException(
            server.client + " did not read back the item it wrote (" + server.shape + ")");
      }
    }
  }

  /**
   * PutItem, then GetItem with a consistent read.
   *
   * @param s the server
   * @param row this thread's requests
   * @return the item read
   */
  @Benchmark
  public Map<String, AttributeValue> putGet(Server s, Row row) {
    s.dynamo.putItem(row.put);
    return s.dynamo.getItem(row.get).item();
  }
}
