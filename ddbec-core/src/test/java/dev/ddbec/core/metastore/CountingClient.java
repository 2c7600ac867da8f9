package dev.ddbec.core.metastore;

import dev.ddbec.core.testing.Latches;
import dev.ddbec.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB client on the test DynamoDB (moto) that counts the operations it sends (an SDK
 * execution interceptor), can hold one kind of operation at a gate to make races observable, and
 * can make operations fail as in an outage.
 */
final class CountingClient implements ExecutionInterceptor, AutoCloseable {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final DynamoDbClient client;
  private final AtomicReference<String> gatedOperation = new AtomicReference<>();
  private volatile CountDownLatch gateReached;
  private volatile CountDownLatch gateOpen;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  CountingClient(LocalDynamoDb local) {
    this.client =
        DynamoDbClient.builder()
            .endpointOverride(local.endpoint())
            .region(LocalDynamoDb.REGION)
            .credentialsProvider(local.credentialsProvider())
            .httpClient(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
            .overrideConfiguration(o -> o.addExecutionInterceptor(this))
            .build();
  }

  DynamoDbClient client() {
    return client;
  }

  /** Operations sent so far, by name ("Query", "GetItem", "PutItem", ...). */
  int count(String operation) {
    AtomicInteger n = counts.get(operation);
    return n == null ? 0 : n.get();
  }

  void reset() {
    counts.clear();
  }

  /**
   * Makes the next request of an operation wait until {@link #openGate()}.
   *
   * @return a latch released when that request has reached the gate
   */
  CountDownLatch gate(String operation) {
    gateReached = new CountDownLatch(1);
    gateOpen = new CountDownLatch(1);
    gatedOperation.set(operation);
    return gateReached;
  }

  /**
   * Makes every request of the given operations fail before it is sent, as in an outage (an SDK
   * client exception, what a refused connection gives); none stops it.
   */
  void failing(String... operations) {
    failing.clear();
    failing.addAll(Set.of(operations));
  }

  void openGate() {
    gatedOperation.set(null);
    gateOpen.countDown();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String name = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
    counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    if (failing.contains(name)) {
      throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
    }
    String gated = gatedOperation.get();
    // compareAndSet compares references: use the instance that is stored.
    if (name.equals(gated) && gatedOperation.compareAndSet(gated, null)) {
      gateReached.countDown();
      Latches.await(gateOpen, 30, "test gate was never opened");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
