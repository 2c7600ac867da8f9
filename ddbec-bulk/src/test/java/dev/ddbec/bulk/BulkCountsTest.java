package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkCountsTest {
  private static BulkCounts counts(
      long scanned, long ok, long tampered, long rewritten, long skipped, long failed) {
    return new BulkCounts(scanned, ok, tampered, 0, 0, 0, rewritten, skipped, 0, failed);
  }

  @Test
  void allOk_onlyWhenEveryScannedItemVerified() {
    assertThat(BulkCounts.ZERO.allOk()).isTrue();
    assertThat(counts(3, 3, 0, 0, 0, 0).allOk()).isTrue();
    assertThat(counts(3, 2, 1, 0, 0, 0).allOk()).isFalse();
  }

  @Test
  void allRewritten_onlyWhenNothingFailedAndEveryItemWasRewrittenOrSkipped() {
    assertThat(counts(4, 0, 0, 3, 1, 0).allRewritten()).isTrue();
    assertThat(counts(4, 0, 0, 3, 0, 0).allRewritten()).isFalse(); // one item neither
    assertThat(counts(4, 0, 0, 3, 1, 1).allRewritten()).isFalse(); // one failure
  }

  @Test
  void arrayRoundTrip_keepsEveryCount() {
    BulkCounts c = new BulkCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(BulkCounts.fromArray(c.toArray())).isEqualTo(c);
  }
}
