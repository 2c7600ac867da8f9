package dev.ddbec.benchmarks;

import dev.ddbec.testing.LocalDynamoDb;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Asynchronous clients under concurrency: {@value #IN_FLIGHT} put-then-consistent-get chains in
 * flight at once through each {@link ClientKind#openAsync asynchronous client}, against the local
 * moto server (dev.ddbec.testing.LocalDynamoDb; Netty client, HTTP on loopback). The report divides
 * the encrypted client's throughput by the plain client's: encryption on the client's executor must
 * not become the bottleneck.
 *
 * <p>One invocation starts {@value #IN_FLIGHT} chains, each on its own item (its own partition
 * key), and waits for all of them; the score is put+get pairs per second.
 */
public class AsyncClientBenchmark extends BenchmarkDefaults {
  /** Requests in flight per thread. */
  public static final int IN_FLIGHT = 64;

  private static final AtomicInteger ROWS = new AtomicInteger();

  /** The moto server, its table and the asynchronous client under test. */
  @State(Scope.Benchmark)
  public static class Server extends LocalServer {
    DynamoDbAsyncClient dynamo;

    @Override
    void open(LocalDynamoDb server) {
      dynamo = client.openAsync(server.newAsyncClient(), KeyMaterial.standard());
    }
  }

  /** One thread's {@value #IN_FLIGHT} items and their requests. */
  @State(Scope.Thread)
  public static class Rows {
    final LocalServer.Row[] rows = new LocalServer.Row[IN_FLIGHT];

    /**
     * Builds this thread's requests and checks one round trip of each.
     *
     * @param server the shared server
     */
    @Setup(Level.Trial)
    public void setUp(Server server) {
      for (int i = 0; i < IN_FLIGHT; i++) {
        rows[i] = server.row("row-" + ROWS.incrementAndGet());
      }
      server.checkReadBack(rows[IN_FLIGHT - 1], putGetAll(server.dynamo, this).item());
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
      LocalServer.Row row = rows.rows[i];
      chains[i] = dynamo.putItem(row.put()).thenCompose(ignored -> dynamo.getItem(row.get()));
    }
    CompletableFuture.allOf(chains).join();
    return chains[IN_FLIGHT - 1].join();
  }
}
