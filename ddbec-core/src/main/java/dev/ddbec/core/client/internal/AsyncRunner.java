package dev.ddbec.core.client.internal;

import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.TableKeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Runs the {@link Operations} on a {@link DynamoDbAsyncClient}, in the sequence of {@link
 * SyncRunner}: resolve the tables (describing them concurrently when needed), prepare on the
 * executor, call, complete on the executor. Every future it returns completes on the executor, also
 * when it fails, with the exception itself (not wrapped in a {@link CompletionException}); nothing
 * is thrown. Immutable and thread-safe.
 *
 * @param delegate the client that talks to DynamoDB
 * @param resolver the tables' settings and caches
 * @param executor runs encryption, decryption and materials-provider calls
 */
public record AsyncRunner(DynamoDbAsyncClient delegate, TableResolver resolver, Executor executor) {
  private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

  /**
   * Runs a protected operation.
   *
   * @param operation the operation
   * @param request the caller's request
   * @param call the delegate's method for it
   * @return the caller's response
   */
  public <Q, R> CompletableFuture<R> run(
      ProtectedOperation<Q, R> operation, Q request, Function<Q, CompletableFuture<R>> call) {
    return settle(
        tables(operation, request)
            .thenApplyAsync(tables -> prepare(operation, request, tables), executor)
            .thenCompose(
                exchange ->
                    call.apply(exchange.request())
                        .handleAsync(
                            (response, error) -> {
                              if (error != null) {
                                throw exchange.failed(propagate(unwrap(error)));
                              }
                              return exchange.complete(response);
                            },
                            executor)));
  }

  private <Q, R> Exchange<Q, R> prepare(
      ProtectedOperation<Q, R> operation, Q request, Tables tables) {
    try {
      return operation.prepare(request, tables);
    } catch (RefusedRequestException e) {
      throw resolver.refused(e);
    }
  }

  /**
   * Runs an operation that is refused on protected tables (the returned future has then already
   * failed, and nothing is sent) and passed through on others.
   *
   * @param guard the check
   * @param request the caller's request
   * @param call the delegate's method for it
   * @return the delegate's response
   */
  public <Q, R> CompletableFuture<R> run(
      RequestGuard<Q> guard, Q request, Function<Q, CompletableFuture<R>> call) {
    try {
      guard.check(request, resolver::isProtected);
    } catch (RefusedRequestException refused) {
      return CompletableFuture.failedFuture(resolver.refused(refused));
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return call.apply(request);
  }

  /**
   * Passes through a control-plane call that may change a table's key schema (UpdateTable,
   * DeleteTable), dropping what is cached about the table before and after.
   *
   * @param tableNameOrArn the table
   * @param call the delegate call
   * @return the delegate's response
   */
  public <R> CompletableFuture<R> schemaChange(
      String tableNameOrArn, Supplier<CompletableFuture<R>> call) {
    resolver.forget(tableNameOrArn);
    return call.get().whenComplete((r, e) -> resolver.forget(tableNameOrArn));
  }

  /**
   * A new pool of {@code max(2, processors)} daemon threads named {@code ddbec-crypto-…}, for a
   * client that owns its executor.
   *
   * @return the pool
   */
  public static ExecutorService defaultExecutor() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    int pool = POOL_COUNTER.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread t =
                  new Thread(runnable, "ddbec-crypto-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private <Q> CompletableFuture<Tables> tables(ProtectedOperation<Q, ?> operation, Q request) {
    Set<String> names;
    try {
      names = TableResolver.requestTables(operation.tables(request));
    } catch (RuntimeException e) { // configuration errors: a failed future, never thrown
      return CompletableFuture.failedFuture(e);
    }
    return resolve(names, 1)
        .thenCompose(
            tables -> {
              if (!operation.stale(request, tables)) {
                return CompletableFuture.completedFuture(tables);
              }
              names.forEach(resolver::forget);
              return resolve(names, 1);
            });
  }

  /** One round of {@link TableResolver#toDescribe}, concurrent DescribeTables, and resolve. */
  private CompletableFuture<Tables> resolve(Set<String> names, int attempt) {
    Map<String, TableKeySchema> described = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    try {
      for (String name : resolver.toDescribe(names, attempt)) {
        pending.add(
            delegate
                .describeTable(r -> r.tableName(name))
                .handle(
                    (d, error) -> {
                      if (error != null) {
                        throw TableResolver.describeFailed(
                            name, propagate(unwrap(error)), delegate::serviceClientConfiguration);
                      }
                      described.put(name, TableKeySchema.from(d.table()));
                      return null;
                    }));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
        .thenCompose(
            ignored ->
                resolver
                    .resolve(names, described)
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> resolve(names, attempt + 1)));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static RuntimeException propagate(Throwable t) {
    return t instanceof RuntimeException r ? r : new CompletionException(t);
  }

  /**
   * A future that completes like {@code stage}, but with unwrapped exceptions, and on the executor:
   * a failure of the delegate's future (or of a stage skipped because of it) arrives on the SDK's
   * response thread, and is handed over to the executor so that the caller's dependent stages never
   * run there. Successes already complete on the executor.
   */
  private <T> CompletableFuture<T> settle(CompletableFuture<T> stage) {
    CompletableFuture<T> out = new CompletableFuture<>();
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            out.complete(value);
            return;
          }
          Throwable cause = unwrap(error);
          try {
            executor.execute(() -> out.completeExceptionally(cause));
          } catch (RejectedExecutionException closed) { // the client was closed meanwhile
            out.completeExceptionally(cause);
          }
        });
    return out;
  }
}
