package dev.ddbec.bulk;

/**
 * Receives progress reports and findings of a bulk run. Called from the run's threads: an
 * implementation must be thread-safe and quick.
 */
public interface BulkListener {
  /** A listener that ignores everything. */
  BulkListener NONE = new BulkListener() {};

  /**
   * Called periodically ({@link BulkOptions#progressInterval()}) and once at the end.
   *
   * @param progress the progress so far
   */
  default void onProgress(BulkProgress progress) {}

  /**
   * Called for every item that is not OK, as it is found.
   *
   * @param finding the item's key and class
   */
  default void onFinding(Finding finding) {}
}
