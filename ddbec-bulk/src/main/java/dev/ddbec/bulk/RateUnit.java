package dev.ddbec.bulk;

/** What the read and write rate limits of {@link BulkOptions} count. */
public enum RateUnit {
  /**
   * Capacity units as DynamoDB reports them ({@code ReturnConsumedCapacity}); items where the
   * server reports none. What a provisioned table's budget is made of.
   */
  CAPACITY_UNITS,
  /** Items read (scanned, or re-read after a conflict) and items written. */
  ITEMS
}
