package dev.ddbec.benchmarks.report;

import dev.ddbec.benchmarks.report.Results.Measure;
import dev.ddbec.benchmarks.report.Results.Ratio;
import java.util.Locale;

/** How the performance report writes its table cells: numbers, ratios, sizes and rows. */
final class Cells {
  private Cells() {}

  /** Appends one table row: {@code | a | b | c |}. */
  static void tableRow(StringBuilder md, Object... cells) {
    md.append("| ");
    for (int i = 0; i < cells.length; i++) {
      md.append(i == 0 ? "" : " | ").append(cells[i]);
    }
    md.append(" |\n");
  }

  static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  static String threadWord(int t) {
    return t + (t == 1 ? " thread" : " threads");
  }

  static String times(double v) {
    return String.format(Locale.ROOT, "%.2f×", v);
  }

  static String ratio(Ratio r) {
    return withError(r, "×");
  }

  static String fraction(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String fractionWithError(Ratio r) {
    return withError(r, "");
  }

  /** {@code 1.23UNIT ± 0.04}, or without the error when it is unknown. */
  private static String withError(Ratio r, String unit) {
    String value = fraction(r.value()) + unit;
    return Double.isNaN(r.error())
        ? value
        : value + String.format(Locale.ROOT, " ± %.2f", r.error());
  }

  static String percent(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  /** A helper client's overhead from plain ÷ helper throughput: {@code 12% ± 3%}. */
  static String overhead(Ratio plainOverHelper) {
    return percent(plainOverHelper.value() - 1) + " ± " + percent(plainOverHelper.error());
  }

  static String ops(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  static String opsWithError(Measure m) {
    if (Double.isNaN(m.error())) {
      return ops(m.score());
    }
    String error =
        m.score() >= 100
            ? String.format(Locale.ROOT, "%,.0f", m.error())
            : String.format(Locale.ROOT, "%.1f", m.error());
    return ops(m.score()) + " ± " + error;
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "—";
    }
    if (b >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
    }
    if (b >= 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B", b);
  }
}
