package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScalingPerItemTest {

  /**
   * An operation that waits rather than computes scales with threads whatever the machine: the
   * harness must see about twice the throughput with both workers (it would see 1× if it ran the
   * workers one after the other, or timed one worker only).
   */
  @Test
  void ratios_ofAnOperationThatWaits_areAboutTwo() throws Exception {
    try (ScalingPerItem.Workers workers = new ScalingPerItem.Workers()) {
      double[] r =
          ScalingPerItem.ratios(
              workers,
              5,
              () ->
                  () -> {
                    Thread.sleep(2);
                    return 1;
                  },
              0);

      assertThat(r).hasSize(5);
      double median = CpuPerItem.medianBounds(r)[2];
      assertThat(median).as(Arrays.toString(r)).isBetween(1.6, 2.4);
    }
  }

  @Test
  void verdict_judgesTheIntervalNotThePoint() {
    double[] above = {1.85, 1.9, 1.95, 2.0, 2.1};
    double[] below = {1.5, 1.6, 1.65, 1.7, 1.75};
    double[] straddling = {1.6, 1.7, 1.85, 1.9, 2.0};

    assertThat(CpuPerItem.verdict(above, 1.8)).isEqualTo("met");
    assertThat(CpuPerItem.verdict(below, 1.8)).isEqualTo("**not met**");
    assertThat(CpuPerItem.verdict(straddling, 1.8)).isEqualTo("undecided");
  }

  @Test
  void workers_reportAFailingOperation() throws Exception {
    try (ScalingPerItem.Workers workers = new ScalingPerItem.Workers()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  ScalingPerItem.ratios(
                      workers,
                      1,
                      () ->
                          () -> {
                            throw new java.io.IOException("boom");
                          },
                      0))
          .hasMessageContaining("boom");
    }
  }
}
