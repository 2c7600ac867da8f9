package dev.ddbec.bulk;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a bulk run.
 *
 * @param counts the counts (including those of a resumed checkpoint)
 * @param findings the items of this run that are not OK (keys and classes only; copied)
 * @param estimatedTotal the table's item count as {@code DescribeTable} reported it (an estimate)
 * @param elapsed the duration of this run
 * @param complete true when every segment was scanned to its end; false when the run was stopped
 */
public record BulkResult(
    BulkCounts counts,
    List<Finding> findings,
    long estimatedTotal,
    Duration elapsed,
    boolean complete) {
  /**
   * Copies.
   *
   * @param counts the counts
   * @param findings the findings
   * @param estimatedTotal the estimate
   * @param elapsed the duration
   * @param complete whether every segment finished
   */
  public BulkResult {
    findings = List.copyOf(findings);
  }

  /**
   * The one-line JSON summary {@code ddbec table} prints: every count, the seconds of this run and
   * whether it completed, e.g. {@code {"scanned":10,"ok":10,...,"seconds":1.25,"complete":true}}.
   * Counts only, never a key or value.
   *
   * @return the JSON object, on one line
   */
  public String summaryJson() {
    BulkCounts c = counts;
    return "{\"scanned\":"
        + c.scanned()
        + ",\"ok\":"
        + c.ok()
        + ",\"tampered\":"
        + c.tampered()
        + ",\"plaintext\":"
        + c.plaintext()
        + ",\"unreadable\":"
        + c.unreadable()
        + ",\"malformed\":"
        + c.malformed()
        + ",\"rewritten\":"
        + c.rewritten()
        + ",\"skipped\":"
        + c.skipped()
        + ",\"conflicts\":"
        + c.conflicts()
        + ",\"failed\":"
        + c.failed()
        + ",\"seconds\":"
        + Math.round(elapsed.toMillis() / 10.0) / 100.0
        + ",\"complete\":"
        + complete
        + "}";
  }
}
