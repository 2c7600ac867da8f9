package dev.ddbec.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkResultTest {
  @Test
  void summaryJson_everyCountSecondsAndComplete() {
    BulkResult r =
        new BulkResult(
            new BulkCounts(10, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            List.of(),
            10,
            Duration.ofMillis(1234),
            false);
    assertThat(r.summaryJson())
        .isEqualTo(
            "{\"scanned\":10,\"ok\":1,\"tampered\":2,\"plaintext\":3,\"unreadable\":4,"
                + "\"malformed\":5,\"rewritten\":6,\"skipped\":7,\"conflicts\":8,\"failed\":9,"
                + "\"seconds\":1.23,\"complete\":false}");
  }
}
