package dev.ddbec.benchmarks;

import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.testing.LocalDynamoDb;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Asynchronous clients under concurrency: {@value #IN_FLIGHT} put-then-consistent-get chains in
 * flight at once through each {@link ClientKind#openAsync asynchronous client}, against an the
 * local moto server (dev.ddbec.testing.LocalDynamoDb; Netty client, HTTP on loopback). The report
 * divides the encrypted client's throughput by the plain client's: encryption on the client's
 * executor must not become the bottleneck.
 *
 * <p>One invocation starts {@value #IN_FLIGHT} chains, each on its own item (its own partition
 * key), and waits for all of them; the score is put+get pairs per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AsyncClientBenchmark {
  /** Requests in flight per thread. */
  public static final int IN_FLIGHT = 64;

  private static final AtomicInteger ROWS = new AtomicInteger();

  /** The local server, its table and the asynchronous client under test, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Server {
    /** Item shape. */
    @Param({"SMALL", "TYPICAL", "LARGE"})
    public ItemShape shape;

    /** Client under test (every {@link ClientKind} by default). */
    @Param public ClientKind client;

    LocalDynamoDb local;
    String table;
    DynamoDbAsyncClient dynamo;

    /** Starts the local server and creates the table. */
    @Setup(Level.Trial)
    public void setUp() {
      local = LocalDynamoDb.start();
      table = local.createTable("bench", ItemShape.PARTITION_KEY, ItemShape.SORT_KEY);
      dynamo = client.openAsync(local.newAsyncClient(), KeyMaterial.standard());
    }

    /** Stops the local server and closes its clients. */
    @TearDown(Level.Trial)
    public void tearDown() {
      local.close();
    }
  }

  /** One thread's {@value #IN_FLIGHT} items and their requests. */
  @State(Scope.Thread)
  public static class Rows {
    final PutItemRequest[] puts = new PutItemRequest[IN_FLIGHT];
    final GetItemRequest[] gets = new GetItemRequest[IN_FLIGHT];

    /**
     * Builds this thread's requests and checks one round trip of each.
     *
     * @param server the shared server
     */
    @Setup(Level.Trial)
    public void setUp(Server server) {
      for (int i = 0; i < IN_FLIGHT; i++) {
        Map<String, AttributeValue> item = server.shape.item();
        item.put(ItemShape.PARTITION_KEY, AttributeValue.fromS("row-" + ROWS.incrementAndGet()));
        puts[i] = PutItemRequest.builder().tableName(server.table).item(item).build();
        gets[i] =
            GetItemRequest.builder()
                .tableName(server.table)
                .key(
                    Map.of(
                        ItemShape.PARTITION_KEY, item.get(ItemShape.PARTITION_KEY),
                        ItemShape.SORT_KEY, item.get(ItemShape.SORT_KEY)))
                .consistentRead(true)
                .build();
      }
      Map<String, AttributeValue> read = putGetAll(server.dynamo, this).item();
      Map<String, AttributeValue> expected = puts[IN_FLIGHT - 1].item();
      if (!AttributeEquality.itemsEqual(read, expected)) {
        throw new IllegalStateException(
            server.client + " (async) did not read back the item it wrote (" + server.shape + ")");
      }
    }
  }

  /**
   * {@value #IN_FLIGHT} chains of PutItem then GetItem with a consistent read, all in flight at
   * once.
   *
   * @param s the server
   * @param rows this thread's requests
   * @return the last chain's response
   */
  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public GetItemResponse putGet64(Server s, Rows rows) {
    return putGetAll(s.dynamo, rows);
  }

  private static GetItemResponse putGetAll(DynamoDbAsyncClient dynamo, Rows rows) {
    @SuppressWarnings("unchecked")
    CompletableFuture<GetItemResponse>[] chains = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      GetItemRequest get = rows.gets[i];
      chains[i] = dynamo.putItem(rows.puts[i]).thenCompose(ignored -> dynamo.getItem(get));
    }
    CompletableFuture.allOf(chains).join();
    return chains[IN_FLIGHT - 1].join();
  }
}
