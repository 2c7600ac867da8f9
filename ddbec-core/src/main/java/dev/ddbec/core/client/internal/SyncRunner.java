package dev.ddbec.core.client.internal;

import dev.ddbec.core.client.RefusedRequestException;
import dev.ddbec.core.client.TableKeySchema;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the {@link Operations} on a synchronous {@link DynamoDbClient}: resolve the tables (with
 * {@code DescribeTable} when needed), prepare, call, complete. The sequence is the one {@link
 * AsyncRunner} runs on futures. Immutable and thread-safe.
 *
 * @param delegate the client that talks to DynamoDB
 * @param resolver the tables' settings and caches
 */
public record SyncRunner(DynamoDbClient delegate, TableResolver resolver) {

  /**
   * Runs a protected operation.
   *
   * @param operation the operation
   * @param request the caller's request
   * @param call the delegate's method for it
   * @return the caller's response
   */
  public <Q, R> R run(ProtectedOperation<Q, R> operation, Q request, Function<Q, R> call) {
    Exchange<Q, R> exchange;
    try {
      exchange = operation.prepare(request, tables(operation, request));
    } catch (RefusedRequestException e) {
      throw resolver.refused(e);
    }
    R response;
    try {
      response = call.apply(exchange.request());
    } catch (RuntimeException e) {
      throw exchange.failed(e);
    }
    return exchange.complete(response);
  }

  /**
   * Runs an operation that is refused on protected tables and passed through on others.
   *
   * @param guard the check
   * @param request the caller's request
   * @param call the delegate's method for it
   * @return the delegate's response
   */
  public <Q, R> R run(RequestGuard<Q> guard, Q request, Function<Q, R> call) {
    try {
      guard.check(request, resolver::isProtected);
    } catch (RefusedRequestException e) {
      throw resolver.refused(e);
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
  public <R> R schemaChange(String tableNameOrArn, Supplier<R> call) {
    resolver.forget(tableNameOrArn);
    try {
      return call.get();
    } finally {
      resolver.forget(tableNameOrArn);
    }
  }

  /**
   * The key schema of a table, read with {@code DescribeTable}.
   *
   * @param client the client to send it with
   * @param tableNameOrArn the table, as a request names it
   * @return the key schema
   * @throws dev.ddbec.api.InvalidConfigurationException if the table does not exist (see {@link
   *     TableResolver#describeFailed})
   */
  public static TableKeySchema describe(DynamoDbClient client, String tableNameOrArn) {
    try {
      return TableKeySchema.from(client.describeTable(r -> r.tableName(tableNameOrArn)).table());
    } catch (RuntimeException e) {
      throw TableResolver.describeFailed(tableNameOrArn, e, client::serviceClientConfiguration);
    }
  }

  private <Q> Tables tables(ProtectedOperation<Q, ?> operation, Q request) {
    Set<String> names = TableResolver.requestTables(operation.tables(request));
    Tables tables = resolver.resolve(names, name -> describe(delegate, name));
    if (operation.stale(request, tables)) {
      names.forEach(resolver::forget);
      tables = resolver.resolve(names, name -> describe(delegate, name));
    }
    return tables;
  }
}
