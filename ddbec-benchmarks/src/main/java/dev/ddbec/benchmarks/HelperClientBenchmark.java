package dev.ddbec.benchmarks;

import dev.ddbec.testing.LocalDynamoDb;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Put then consistent get of one item through each {@link ClientKind}, against the moto server over
 * HTTP on loopback (dev.ddbec.testing.LocalDynamoDb: a Python process on this machine, which shares
 * its CPUs with the benchmark JVM). The report divides each helper client's throughput by {@link
 * ClientKind#PLAIN}'s: the helper's overhead as a share of put+get latency.
 *
 * <p>Each thread writes and reads its own item (its own partition key); requests are built in
 * setup, the same for every client.
 */
public class HelperClientBenchmark extends BenchmarkDefaults {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The moto server, its table and the synchronous client under test. */
  @State(Scope.Benchmark)
  public static class Server extends LocalServer {
    DynamoDbClient dynamo;

    @Override
    void open(LocalDynamoDb server) {
      dynamo = client.open(server.newClient(), KeyMaterial.standard());
    }
  }

  /** One thread's requests. */
  @State(Scope.Thread)
  public static class Row {
    LocalServer.Row requests;

    /**
     * Builds this thread's requests and checks one round trip.
     *
     * @param server the shared server
     */
    @Setup(Level.Trial)
    public void setUp(Server server) {
      requests = server.row("thread-" + THREADS.incrementAndGet());
      server.dynamo.putItem(requests.put());
      server.checkReadBack(requests, server.dynamo.getItem(requests.get()).item());
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
    s.dynamo.putItem(row.requests.put());
    return s.dynamo.getItem(row.requests.get()).item();
  }
}
