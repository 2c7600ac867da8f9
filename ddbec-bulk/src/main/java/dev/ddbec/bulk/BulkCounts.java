package dev.ddbec.bulk;

import java.io.Serializable;

/**
 * Counts of a bulk run (or of one segment of it).
 *
 * <p>For a verify run the classes count what each item is. For a rewrite run they count what each
 * item was when read: {@code ok} for items readable under the source (or already under the target)
 * configuration, {@code plaintext} for unprotected items (protect), the other classes for items
 * that could not be read and were therefore {@code failed}.
 *
 * @param scanned items read by the scan
 * @param ok items that verify
 * @param tampered items whose signature fails
 * @param plaintext items without ddbec attributes
 * @param unreadable items whose keys the provider could not supply
 * @param malformed items with a malformed signature or description
 * @param rewritten items rewritten under the target configuration (would be, in a dry run)
 * @param skipped items already in the target configuration, or deleted concurrently
 * @param conflicts conditional writes that failed because the item changed since it was read
 * @param failed items that could not be rewritten
 */
public record BulkCounts(
    long scanned,
    long ok,
    long tampered,
    long plaintext,
    long unreadable,
    long malformed,
    long rewritten,
    long skipped,
    long conflicts,
    long failed)
    implements Serializable {

  /** All zero. */
  public static final BulkCounts ZERO = new BulkCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * The sum of two counts.
   *
   * @param other the counts to add
   * @return the sums
   */
  public BulkCounts plus(BulkCounts other) {
    return new BulkCounts(
        scanned + other.scanned,
        ok + other.ok,
        tampered + other.tampered,
        plaintext + other.plaintext,
        unreadable + other.unreadable,
        malformed + other.malformed,
        rewritten + other.rewritten,
        skipped + other.skipped,
        conflicts + other.conflicts,
        failed + other.failed);
  }

  /**
   * The count of one class.
   *
   * @param itemClass the class
   * @return its count ({@code failed} for {@link ItemClass#CONFLICT})
   */
  public long count(ItemClass itemClass) {
    return switch (itemClass) {
      case OK -> ok;
      case TAMPERED -> tampered;
      case PLAINTEXT -> plaintext;
      case UNREADABLE -> unreadable;
      case MALFORMED -> malformed;
      case CONFLICT -> failed;
    };
  }

  /**
   * Whether a verification succeeded: every item scanned verified and decrypted ({@link
   * ItemClass#OK}). The success rule of the CLI's {@code table verify} and the Spark job's {@code
   * verify}.
   *
   * @return true if every scanned item is OK
   */
  public boolean allOk() {
    return ok == scanned;
  }

  /**
   * Whether a rewrite succeeded: nothing failed, and every item scanned was rewritten or skipped
   * (already as wanted). The success rule of the CLI's and the Spark job's re-encrypting and
   * migrating commands.
   *
   * @return true if no item failed and each was rewritten or skipped
   */
  public boolean allRewritten() {
    return failed == 0 && rewritten + skipped == scanned;
  }

  /**
   * The counts as an array in component order (for checkpoints).
   *
   * @return a new array of ten values
   */
  public long[] toArray() {
    return new long[] {
      scanned, ok, tampered, plaintext, unreadable, malformed, rewritten, skipped, conflicts, failed
    };
  }

  /**
   * The counts from an array in component order.
   *
   * @param v ten values
   * @return the counts
   * @throws IllegalArgumentException if {@code v} does not hold ten values
   */
  public static BulkCounts fromArray(long[] v) {
    if (v.length != 10) {
      throw new IllegalArgumentException("expected 10 counts, got " + v.length);
    }
    return new BulkCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }
}
