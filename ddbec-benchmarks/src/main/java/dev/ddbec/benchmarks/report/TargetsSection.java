package dev.ddbec.benchmarks.report;

import static dev.ddbec.benchmarks.report.Cells.fraction;
import static dev.ddbec.benchmarks.report.Cells.percent;
import static dev.ddbec.benchmarks.report.Cells.tableRow;
import static dev.ddbec.benchmarks.report.Cells.threadWord;
import static dev.ddbec.benchmarks.report.Cells.times;

import dev.ddbec.benchmarks.AsyncClientBenchmark;
import dev.ddbec.benchmarks.ClientKind;
import dev.ddbec.benchmarks.ItemShape;
import dev.ddbec.benchmarks.ProviderKind;
import dev.ddbec.benchmarks.report.Results.Cell;
import dev.ddbec.benchmarks.report.Results.Measure;
import dev.ddbec.benchmarks.report.Results.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The "Targets" table of the performance report: each target of issues 8 and 18, the measured value
 * and whether it is met (on the point estimate, "within noise" when the error straddles it).
 */
public final class TargetsSection {
  /** Issue 8: ddbec ÷ official throughput with AES key transport (static, wrapped AES). */
  static final double TARGET_AES_SPEEDUP = 3.0;

  /** Issue 8: ddbec ÷ official throughput with RSA key transport. */
  static final double TARGET_RSA_SPEEDUP = 1.5;

  /**
   * Issue 18: ddbec ÷ floor throughput, every shape, AES key transport (static, wrapped AES), 1
   * thread.
   */
  public static final double TARGET_FLOOR_FRACTION = 0.85;

  /** Issue 18: 2 threads ÷ 1 thread, typical item, AES key transport, ddbec and its floor. */
  public static final double TARGET_SCALING = 1.8;

  /** Issue 18: ddbec's allocation per item ÷ the official client's, every measured cell. */
  static final double TARGET_ALLOC_FRACTION = 0.5;

  /** The providers the floor and scaling targets apply to (RSA is bounded by the RSA operation). */
  static final List<ProviderKind> AES_PROVIDERS =
      List.of(ProviderKind.STATIC, ProviderKind.WRAPPED_AES);

  /** Issue 8: helper-client overhead over plain put+get. */
  static final double TARGET_HELPER_OVERHEAD = 0.15;

  /** Issue 18: encrypted ÷ plain asynchronous client throughput, 64 requests in flight. */
  static final double TARGET_ASYNC_FRACTION = 0.95;

  private final Results results;

  TargetsSection(Results results) {
    this.results = results;
  }

  /** Appends the targets table. */
  void render(StringBuilder md) {
    String typical = ItemShape.TYPICAL.name();
    md.append("### Targets\n\n");
    md.append(
        "Met or not on the point estimate; \"within noise\" when the 99.9% interval of the"
            + " ratio straddles the target.\n\n");
    md.append("| target | measured | status |\n|---|---|---|\n");
    Map<ProviderKind, Double> speedups = new LinkedHashMap<>();
    speedups.put(ProviderKind.STATIC, TARGET_AES_SPEEDUP);
    speedups.put(ProviderKind.WRAPPED_AES, TARGET_AES_SPEEDUP);
    speedups.put(ProviderKind.WRAPPED_RSA, TARGET_RSA_SPEEDUP);
    for (Map.Entry<ProviderKind, Double> target : speedups.entrySet()) {
      ProviderKind p = target.getKey();
      double want = target.getValue();
      for (String op : Results.OPS) {
        Ratio r =
            Ratio.of(
                results.item(1, typical, p.name(), op, Results.DDBEC),
                results.item(1, typical, p.name(), op, Results.OFFICIAL));
        targetRow(
            md,
            "ddbec ≥ " + times(want) + " official, " + p.displayName() + ", " + op,
            r,
            Cells::ratio,
            want);
      }
    }
    floorRows(md, "ddbec ÷ floor", "", results::floor, true);
    floorRows(
        md,
        "ddbec ÷ (floor + SDK item)",
        " (the floor target through the SDK's types: not the issue's target)",
        results::sdkFloor,
        false);
    for (int t : results.threads()) {
      if (t == 1) {
        continue;
      }
      for (String impl : List.of(Results.DDBEC, Results.FLOOR)) {
        for (ProviderKind p : AES_PROVIDERS) {
          for (String op : Results.OPS) {
            Ratio r = results.scaling(t, typical, p.name(), op, impl);
            targetRow(
                md,
                impl
                    + ' '
                    + threadWord(t)
                    + " ÷ 1 thread ≥ "
                    + times(TARGET_SCALING)
                    + ", typical, "
                    + p.displayName()
                    + ", "
                    + op,
                r,
                Cells::ratio,
                TARGET_SCALING);
          }
        }
      }
    }
    int cells = 0;
    List<String> worse = new ArrayList<>();
    for (int t : results.threads()) {
      for (Cell c : results.cells()) {
        Measure d = results.item(t, c.shape(), c.provider(), c.op(), Results.DDBEC);
        Measure o = results.item(t, c.shape(), c.provider(), c.op(), Results.OFFICIAL);
        if (d == null || o == null || Double.isNaN(d.alloc()) || Double.isNaN(o.alloc())) {
          continue;
        }
        cells++;
        if (!(d.alloc() <= TARGET_ALLOC_FRACTION * o.alloc())) {
          worse.add(
              Results.shapeName(c.shape())
                  + "/"
                  + c.provider()
                  + "/"
                  + c.op()
                  + "/"
                  + t
                  + "t "
                  + times(d.alloc() / o.alloc()));
        }
      }
    }
    md.append("| allocation per item ≤ ")
        .append(times(TARGET_ALLOC_FRACTION))
        .append(" the official client's, every measured cell | ")
        .append(cells == 0 ? "—" : (cells - worse.size()) + " of " + cells + " cells")
        .append(worse.isEmpty() ? "" : " (not: " + String.join(", ", worse) + ")")
        .append(" | ")
        .append(cells == 0 ? "not measured" : worse.isEmpty() ? "met" : "**not met**")
        .append(" |\n");
    boolean anyHelper = false;
    for (String client : results.clients()) {
      if (client.equals(ClientKind.PLAIN.name())) {
        continue;
      }
      anyHelper = true;
      Ratio r =
          Ratio.of(
              results.helper(1, typical, ClientKind.PLAIN.name()),
              results.helper(1, typical, client));
      tableRow(
          md,
          Results.clientName(client)
              + " overhead < "
              + percent(TARGET_HELPER_OVERHEAD)
              + " of plain put+get",
          r == null ? "—" : Cells.overhead(r),
          r == null ? "not measured" : overheadStatus(r));
    }
    if (!anyHelper) {
      md.append("| helper-client overhead < ")
          .append(percent(TARGET_HELPER_OVERHEAD))
          .append(" of plain put+get | — (no helper client in this run) | not measured |\n");
    }
    for (ClientKind client : ClientKind.values()) {
      if (client == ClientKind.PLAIN) {
        continue;
      }
      Ratio r =
          Ratio.of(
              results.async(1, typical, client.name()),
              results.async(1, typical, ClientKind.PLAIN.name()));
      targetRow(
          md,
          client.asyncDisplayName()
              + " ÷ plain async throughput ≥ "
              + fraction(TARGET_ASYNC_FRACTION)
              + ", "
              + AsyncClientBenchmark.IN_FLIGHT
              + " requests in flight",
          r,
          Cells::fractionWithError,
          TARGET_ASYNC_FRACTION);
    }
    md.append('\n');
  }

  /** What a floor measure is looked up by: threads, shape, provider, operation. */
  @FunctionalInterface
  interface FloorMeasure {
    Measure get(int threads, String shape, String provider, String op);
  }

  /**
   * Appends the rows of {@link #TARGET_FLOOR_FRACTION} against one floor: every shape, static and
   * wrapped AES, encrypt and decrypt, 1 thread; cells not measured are listed as such only if
   * {@code listMissing}.
   */
  private void floorRows(
      StringBuilder md, String what, String note, FloorMeasure floor, boolean listMissing) {
    for (ItemShape itemShape : ItemShape.values()) {
      String shape = itemShape.name();
      for (ProviderKind p : AES_PROVIDERS) {
        for (String op : Results.OPS) {
          Ratio r =
              Ratio.of(
                  results.item(1, shape, p.name(), op, Results.DDBEC),
                  floor.get(1, shape, p.name(), op));
          if (r == null && !listMissing) {
            continue;
          }
          targetRow(
              md,
              what
                  + " ≥ "
                  + fraction(TARGET_FLOOR_FRACTION)
                  + ", 1 thread, "
                  + Results.shapeName(shape)
                  + ", "
                  + p.displayName()
                  + ", "
                  + op
                  + note,
              r,
              Cells::fractionWithError,
              TARGET_FLOOR_FRACTION);
        }
      }
    }
  }

  /**
   * Appends a target's row: what it asks, the measured ratio ({@code format}ted) and its status.
   */
  private static void targetRow(
      StringBuilder md, String target, Ratio r, Function<Ratio, String> format, double want) {
    tableRow(md, target, r == null ? "—" : format.apply(r), status(r, want));
  }

  static String status(Ratio r, double want) {
    if (r == null) {
      return "not measured";
    }
    boolean met = r.value() >= want;
    boolean noisy =
        !Double.isNaN(r.error())
            && (met ? r.value() - r.error() < want : r.value() + r.error() >= want);
    return (met ? "met" : "**not met**") + (noisy ? " (within noise)" : "");
  }

  static String overheadStatus(Ratio plainOverHelper) {
    double overhead = plainOverHelper.value() - 1;
    boolean met = overhead < TARGET_HELPER_OVERHEAD;
    boolean noisy =
        !Double.isNaN(plainOverHelper.error())
            && (met
                ? overhead + plainOverHelper.error() >= TARGET_HELPER_OVERHEAD
                : overhead - plainOverHelper.error() < TARGET_HELPER_OVERHEAD);
    return (met ? "met" : "**not met**") + (noisy ? " (within noise)" : "");
  }
}
