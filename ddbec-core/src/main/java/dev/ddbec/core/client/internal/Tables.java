package dev.ddbec.core.client.internal;

/** The resolved tables of one request, by name (or ARN). */
@FunctionalInterface
public interface Tables {
  /**
   * The state of a table of the request.
   *
   * @param tableName the table name or ARN, as a request or response names it
   * @return its state
   */
  TableState get(String tableName);
}
