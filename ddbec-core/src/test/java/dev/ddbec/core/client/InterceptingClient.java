package dev.ddbec.core.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A real {@link DynamoDbClient} or {@link DynamoDbAsyncClient} (talking to the moto server) behind
 * a dynamic proxy that counts calls per operation and can make batch calls partial.
 *
 * <p>Moto (like DynamoDB Local) never returns UnprocessedItems or UnprocessedKeys (it has no
 * throughput limits), so to test how the encrypted client hands them back, batch calls can be cut
 * short here exactly as DynamoDB does under load: only the first {@code n} requests of each call
 * reach the server; the rest come back unprocessed, as they were sent.
 */
final class InterceptingClient implements InvocationHandler {
  private final DynamoDbClient real;
  private final DynamoDbAsyncClient realAsync;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private volatile int batchLimit = Integer.MAX_VALUE;
  private final List<BatchWriteItemResponse> batchWriteResponses = new ArrayList<>();

  private InterceptingClient(DynamoDbClient real, DynamoDbAsyncClient realAsync) {
    this.real = real;
    this.realAsync = realAsync;
  }

  /** Wraps a client; {@code handler[0]} receives the handler for configuration and counts. */
  static DynamoDbClient wrap(DynamoDbClient real, InterceptingClient[] handler) {
    InterceptingClient h = new InterceptingClient(real, null);
    handler[0] = h;
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, h);
  }

  /**
   * Wraps an async client; batch calls are cut short on {@code syncTwin} (a client of the same
   * server) and answered with completed futures.
   */
  static DynamoDbAsyncClient wrapAsync(
      DynamoDbAsyncClient real, DynamoDbClient syncTwin, InterceptingClient[] handler) {
    InterceptingClient h = new InterceptingClient(syncTwin, real);
    handler[0] = h;
    return (DynamoDbAsyncClient)
        Proxy.newProxyInstance(
            DynamoDbAsyncClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbAsyncClient.class},
            h);
  }

  /** Lets at most {@code n} requests of each batch call through; the rest are unprocessed. */
  void limitBatches(int n) {
    this.batchLimit = n;
  }

  /** Calls of one operation (method name, e.g. {@code describeTable}) so far. */
  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  /**
   * The raw responses the delegate returned for BatchWriteItem, as the encrypted client saw them.
   */
  synchronized List<BatchWriteItemResponse> batchWriteResponses() {
    return List.copyOf(batchWriteResponses);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
    if (method.getName().equals("batchWriteItem")
        && args != null
        && args[0] instanceof BatchWriteItemRequest r) {
      BatchWriteItemResponse response = partialWrite(r);
      synchronized (this) {
        batchWriteResponses.add(response);
      }
      return realAsync == null ? response : CompletableFuture.completedFuture(response);
    }
    if (method.getName().equals("batchGetItem")
        && args != null
        && args[0] instanceof BatchGetItemRequest r) {
      BatchGetItemResponse response = partialGet(r);
      return realAsync == null ? response : CompletableFuture.completedFuture(response);
    }
    if (method.getName().equals("close") && args == null) {
      return null; // counted only: the real client is shared by the test class
    }
    if (method.getName().equals("toString") && args == null) {
      return "InterceptingClient(" + real + ")";
    }
    try {
      return method.invoke(realAsync == null ? real : realAsync, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private BatchWriteItemResponse partialWrite(BatchWriteItemRequest request) {
    Map<String, List<WriteRequest>> send = new LinkedHashMap<>();
    Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
    int budget = batchLimit;
    for (Map.Entry<String, List<WriteRequest>> e : request.requestItems().entrySet()) {
      for (WriteRequest w : e.getValue()) {
        (budget-- > 0 ? send : unprocessed)
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(w);
      }
    }
    if (!send.isEmpty()) {
      real.batchWriteItem(request.toBuilder().requestItems(send).build());
    }
    return BatchWriteItemResponse.builder().unprocessedItems(unprocessed).build();
  }

  private BatchGetItemResponse partialGet(BatchGetItemRequest request) {
    Map<String, KeysAndAttributes> send = new LinkedHashMap<>();
    Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
    int budget = batchLimit;
    for (Map.Entry<String, KeysAndAttributes> e : request.requestItems().entrySet()) {
      List<Map<String, AttributeValue>> now = new ArrayList<>();
      List<Map<String, AttributeValue>> later = new ArrayList<>();
      for (Map<String, AttributeValue> key : e.getValue().keys()) {
        (budget-- > 0 ? now : later).add(key);
      }
      if (!now.isEmpty()) {
        send.put(e.getKey(), e.getValue().toBuilder().keys(now).build());
      }
      if (!later.isEmpty()) {
        unprocessed.put(e.getKey(), e.getValue().toBuilder().keys(later).build());
      }
    }
    BatchGetItemResponse.Builder out = BatchGetItemResponse.builder().unprocessedKeys(unprocessed);
    if (!send.isEmpty()) {
      out.responses(real.batchGetItem(request.toBuilder().requestItems(send).build()).responses());
    }
    return out.build();
  }
}
