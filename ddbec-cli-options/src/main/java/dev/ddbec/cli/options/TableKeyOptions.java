package dev.ddbec.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --table}, {@code --partition-key} and {@code --sort-key}: the table and key attribute
 * names that item encryption binds into signatures ({@code ddbec encrypt}, {@code ddbec decrypt},
 * the Spark job's {@code decrypt-export}).
 */
public final class TableKeyOptions {
  /** The partition key option's name, for messages. */
  public static final String PARTITION_KEY = "--partition-key";

  /** The sort key option's name, for messages. */
  public static final String SORT_KEY = "--sort-key";

  @Option(names = "--table", required = true, description = "Table name (bound into signatures).")
  private String table;

  @Option(names = PARTITION_KEY, required = true, description = "Partition key attribute.")
  private String partitionKey;

  @Option(names = SORT_KEY, description = "Sort key attribute, if the table has one.")
  private String sortKey;

  /** Options not yet parsed; picocli sets them from the command line. */
  public TableKeyOptions() {}

  /**
   * The {@code --table}.
   *
   * @return the table name
   */
  public String table() {
    return table;
  }

  /**
   * The {@code --partition-key}.
   *
   * @return the partition key attribute name
   */
  public String partitionKey() {
    return partitionKey;
  }

  /**
   * The {@code --sort-key}.
   *
   * @return the sort key attribute name; null if the table has none
   */
  public String sortKey() {
    return sortKey;
  }
}
