package dev.ddbec.core.client;

import dev.ddbec.core.internal.TableNames;
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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A real {@link DynamoDbClient} or {@link DynamoDbAsyncClient} (talking to the moto server) behind
 * a dynamic proxy that counts calls per operation and can make batch calls partial.
 *
 * <p>Moto (like DynamoDB Local) never returns UnprocessedItems or UnprocessedKeys (it has no
 * throughput limits), so to test how the encrypted client hands them back, batch calls can be cut
 * short here exactly as DynamoDB does under load: only the first {@code n} requests of each call
 * reach the server; the rest come back unprocessed, as they were sent.
 *
 * <p>It can also make up for two other gaps of a local server: delayed async responses on a thread
 * of their own, and table ARNs in transactions.
 */
final class InterceptingClient implements InvocationHandler {
  private final DynamoDbClient real;
  private final DynamoDbAsyncClient realAsync;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private volatile int batchLimit = Integer.MAX_VALUE;
  private volatile long responseDelayMillis;
  private volatile boolean transactionArnsAsNames;
  private final List<String> transactionTableNames = new ArrayList<>();
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

  /**
   * Completes every future of the async delegate {@code millis} later, on a thread named {@code
   * sdk-response-sim}: the SDK completes its futures on its own response threads, and the delay
   * makes sure a test's dependent stages are registered before that happens.
   */
  void delayAsyncResponses(long millis) {
    this.responseDelayMillis = millis;
  }

  /**
   * A local server may not accept a table ARN as TableName in the two transaction operations, as
   * DynamoDB does: this sends the table name in its place there, after recording the table names
   * the client under test sent ({@link #transactionTableNames()}).
   */
  void transactionArnsAsNames() {
    this.transactionArnsAsNames = true;
  }

  /** The TableName of every transaction item the client under test sent, in order. */
  synchronized List<String> transactionTableNames() {
    return List.copyOf(transactionTableNames);
  }

  private Object[] rewriteTransactionArns(Object[] args) {
    if (args != null && args[0] instanceof TransactWriteItemsRequest w) {
      List<TransactWriteItem> items = new ArrayList<>();
      for (TransactWriteItem item : w.transactItems()) {
        TransactWriteItem.Builder b = item.toBuilder();
        if (item.put() != null) {
          b.put(item.put().toBuilder().tableName(name(item.put().tableName())).build());
        }
        if (item.update() != null) {
          b.update(item.update().toBuilder().tableName(name(item.update().tableName())).build());
        }
        if (item.delete() != null) {
          b.delete(item.delete().toBuilder().tableName(name(item.delete().tableName())).build());
        }
        if (item.conditionCheck() != null) {
          b.conditionCheck(
              item.conditionCheck().toBuilder()
                  .tableName(name(item.conditionCheck().tableName()))
                  .build());
        }
        items.add(b.build());
      }
      return new Object[] {w.toBuilder().transactItems(items).build()};
    }
    if (args != null && args[0] instanceof TransactGetItemsRequest g) {
      List<TransactGetItem> items = new ArrayList<>();
      for (TransactGetItem item : g.transactItems()) {
        items.add(
            item.toBuilder()
                .get(item.get().toBuilder().tableName(name(item.get().tableName())).build())
                .build());
      }
      return new Object[] {g.toBuilder().transactItems(items).build()};
    }
    return args;
  }

  private synchronized String name(String tableNameOrArn) {
    transactionTableNames.add(tableNameOrArn);
    return TableNames.fromNameOrArn(tableNameOrArn);
  }

  private static final Executor RESPONSE_THREAD =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sdk-response-sim");
            t.setDaemon(true);
            return t;
          });

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
    if (transactionArnsAsNames) {
      args = rewriteTransactionArns(args);
    }
    Object result;
    try {
      result = method.invoke(realAsync == null ? real : realAsync, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    long delay = responseDelayMillis;
    if (delay > 0 && result instanceof CompletableFuture<?> future) {
      return future.whenCompleteAsync(
          (r, e) -> {},
          CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, RESPONSE_THREAD));
    }
    return result;
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
