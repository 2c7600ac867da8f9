package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CpuPerItemTest {

  /**
   * 41 rounds: the median is the 21st value, its 95 % interval (conservative) the 14th and 28th.
   */
  @Test
  void median_ofFortyOneRounds_givesTheOrderStatisticsAroundIt() {
    double[] xs = IntStream.rangeClosed(1, 41).map(i -> 42 - i).asDoubleStream().toArray();

    assertThat(CpuPerItem.median(xs, "%.0f")).isEqualTo("21 (14–28)");
  }

  @Test
  void median_ofAnEvenCount_averagesTheMiddlePair() {
    assertThat(CpuPerItem.median(new double[] {4, 1, 3, 2}, "%.1f")).isEqualTo("2.5 (1.0–4.0)");
  }
}
