package dev.ddbec.benchmarks.report;

import static dev.ddbec.benchmarks.report.Cells.bytes;
import static dev.ddbec.benchmarks.report.Cells.fractionWithError;
import static dev.ddbec.benchmarks.report.Cells.opsWithError;
import static dev.ddbec.benchmarks.report.Cells.ratio;
import static dev.ddbec.benchmarks.report.Cells.tableRow;
import static dev.ddbec.benchmarks.report.Cells.threadWord;
import static dev.ddbec.benchmarks.report.Cells.times;
import static dev.ddbec.benchmarks.report.TargetsSection.AES_PROVIDERS;
import static dev.ddbec.benchmarks.report.TargetsSection.TARGET_SCALING;
import static dev.ddbec.benchmarks.report.TargetsSection.status;

import dev.ddbec.benchmarks.AsyncClientBenchmark;
import dev.ddbec.benchmarks.ClientKind;
import dev.ddbec.benchmarks.ItemShape;
import dev.ddbec.benchmarks.report.Results.Cell;
import dev.ddbec.benchmarks.report.Results.Measure;
import dev.ddbec.benchmarks.report.Results.Ratio;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The comparison tables of the performance report: ddbec against the official client and the floor
 * per thread count, scaling with threads, and the helper and asynchronous clients against plain
 * DynamoDB.
 */
final class ComparisonTables {
  private final Results results;

  ComparisonTables(Results results) {
    this.results = results;
  }

  void ratios(StringBuilder out, int threads) {
    StringBuilder md = new StringBuilder();
    for (Cell c : results.cells()) {
      Measure d = results.item(threads, c.shape(), c.provider(), c.op(), Results.DDBEC);
      Measure o = results.item(threads, c.shape(), c.provider(), c.op(), Results.OFFICIAL);
      Measure f = results.floor(threads, c.shape(), c.provider(), c.op());
      Measure sdk = results.sdkFloor(threads, c.shape(), c.provider(), c.op());
      if (d == null && o == null) {
        continue;
      }
      Ratio vsOfficial = Ratio.of(d, o);
      Ratio vsFloor = Ratio.of(d, f);
      Ratio vsSdkFloor = Ratio.of(d, sdk);
      tableRow(
          md,
          Results.shapeName(c.shape()),
          Results.providerName(c.provider()),
          c.op(),
          vsOfficial == null ? "—" : "**" + ratio(vsOfficial) + "**",
          vsFloor == null ? "—" : fractionWithError(vsFloor),
          vsSdkFloor == null ? "—" : fractionWithError(vsSdkFloor),
          d == null ? "—" : bytes(d.alloc()),
          o == null ? "—" : bytes(o.alloc()),
          d == null || o == null || Double.isNaN(d.alloc()) || Double.isNaN(o.alloc())
              ? "—"
              : times(d.alloc() / o.alloc()));
    }
    section(
        out,
        "ddbec vs the official client and the floor, " + threadWord(threads),
        "ddbec ÷ official: throughput ratio (higher is better). ddbec ÷ floor: share of the"
            + " raw-crypto limit reached (1.00 would be no overhead at all). ddbec ÷ (floor + SDK"
            + " item): the same against the floor followed by building the item's SDK values, the"
            + " least any API returning `Map<String, AttributeValue>` does. Allocation: bytes per"
            + " operation from `-prof gc`.",
        "| shape | provider | op | ddbec ÷ official | ddbec ÷ floor | ddbec ÷ (floor + SDK item)"
            + " | alloc/op ddbec | alloc/op official | alloc ddbec ÷ official |\n"
            + "|---|---|---|---:|---:|---:|---:|---:|---:|",
        md);
  }

  void scaling(StringBuilder out) {
    if (!results.threads().contains(1)) {
      return;
    }
    for (int t : results.threads()) {
      if (t == 1) {
        continue;
      }
      StringBuilder md = new StringBuilder();
      for (Cell c : results.cells()) {
        Ratio d = results.scaling(t, c.shape(), c.provider(), c.op(), Results.DDBEC);
        Ratio f = results.scaling(t, c.shape(), c.provider(), c.op(), Results.FLOOR);
        Ratio o = results.scaling(t, c.shape(), c.provider(), c.op(), Results.OFFICIAL);
        if (d == null && o == null && f == null) {
          continue;
        }
        boolean target =
            c.shape().equals(ItemShape.TYPICAL.name())
                && AES_PROVIDERS.stream().anyMatch(p -> p.name().equals(c.provider()));
        tableRow(
            md,
            Results.shapeName(c.shape()),
            Results.providerName(c.provider()),
            c.op(),
            d == null ? "—" : ratio(d),
            f == null ? "—" : ratio(f),
            o == null ? "—" : ratio(o),
            target
                ? "≥ "
                    + times(TARGET_SCALING)
                    + ": ddbec "
                    + status(d, TARGET_SCALING)
                    + ", floor "
                    + status(f, TARGET_SCALING)
                : "");
      }
      section(
          out,
          "Scaling: " + threadWord(t) + " ÷ 1 thread (throughput)",
          "Measured in one run; ± is the propagated 99.9% interval. The target applies to ddbec"
              + " and its floor (the official client is shown for comparison).",
          "| shape | provider | op | ddbec | floor | official | target |\n"
              + "|---|---|---|---:|---:|---:|---|",
          md);
    }
  }

  void helpers(StringBuilder out) {
    section(
        out,
        "Helper clients: put + consistent get against a local moto server",
        "Overhead = plain throughput ÷ helper throughput − 1, i.e. the extra put+get latency as"
            + " a share of the plain client's.",
        "| threads | shape | client | put+get ops/s | overhead vs plain |\n|---:|---|---|---:|---:|",
        clientRows(
            results::helper,
            Results::clientName,
            (m, plain) -> Ratio.of(plain, m),
            Cells::overhead));
    section(
        out,
        "Asynchronous clients: "
            + AsyncClientBenchmark.IN_FLIGHT
            + " put + consistent get chains in flight per thread",
        "Throughput ÷ the plain asynchronous client's on the same requests: encryption runs on"
            + " the encrypted client's executor and must not become the bottleneck.",
        "| threads | shape | client | put+get pairs/s | ÷ plain |\n|---:|---|---|---:|---:|",
        clientRows(results::async, Results::asyncClientName, Ratio::of, Cells::fractionWithError));
  }

  /**
   * Appends a table section (a heading, a paragraph, the table's header and separator lines, its
   * rows), or nothing when there are no rows.
   */
  private static void section(
      StringBuilder out, String heading, String paragraph, String header, CharSequence rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("### ").append(heading).append("\n\n");
    out.append(paragraph).append("\n\n");
    out.append(header).append('\n');
    out.append(rows).append('\n');
  }

  /** A client benchmark's measure: {@code Results::helper} or {@code Results::async}. */
  private interface ClientMeasure {
    Measure at(int threads, String shape, String client);
  }

  /**
   * One row per thread count, shape and client: the client's throughput and, but for the plain
   * client (the baseline), the {@code vsPlain} ratio of its measure and the plain client's, {@code
   * format}ted.
   */
  private String clientRows(
      ClientMeasure measure,
      Function<String, String> clientName,
      BiFunction<Measure, Measure, Ratio> vsPlain,
      Function<Ratio, String> format) {
    StringBuilder md = new StringBuilder();
    for (int t : results.threads()) {
      for (String shape : results.shapes()) {
        Measure plain = measure.at(t, shape, ClientKind.PLAIN.name());
        for (String client : results.clients()) {
          Measure m = measure.at(t, shape, client);
          if (m == null) {
            continue;
          }
          tableRow(
              md,
              t,
              Results.shapeName(shape),
              clientName.apply(client),
              opsWithError(m),
              client.equals(ClientKind.PLAIN.name())
                  ? "(baseline)"
                  : vsPlainCell(vsPlain, m, plain, format));
        }
      }
    }
    return md.toString();
  }

  /** The {@code vsPlain} ratio of a client's measure and the plain client's, or a dash. */
  private static String vsPlainCell(
      BiFunction<Measure, Measure, Ratio> vsPlain,
      Measure m,
      Measure plain,
      Function<Ratio, String> format) {
    Ratio r = vsPlain.apply(m, plain);
    return r == null ? "—" : format.apply(r);
  }
}
