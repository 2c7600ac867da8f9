package dev.ddbec.benchmarks;

import static dev.ddbec.benchmarks.report.TargetsSection.TARGET_FLOOR_FRACTION;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CPU time per item of ddbec beside its two floors — the raw-crypto floor ({@link CryptoFloor}) and
 * the floor followed by the item's SDK values ({@link SdkItemFloor}) — measured back to back in
 * short interleaved blocks on one thread, so that the ratios hold on a machine whose speed drifts
 * from minute to minute (docs/performance.md, "CPU time per item, interleaved").
 *
 * <p>Every cell is first run once, unreported, so that none is measured while the JIT compiles. Per
 * cell (shape × provider × operation): a warm-up of every variant, then {@code rounds} rounds; each
 * round times one block of each variant in turn (the order rotates) with the thread's CPU clock
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), which leaves out time the thread did not run. A
 * ratio is computed within each round, and the table gives its median with a distribution-free 95 %
 * interval for that median (order statistics of the rounds' ratios).
 *
 * <p>Run: {@code java -cp ddbec-benchmarks/target/benchmarks.jar dev.ddbec.benchmarks.CpuPerItem
 * [rounds]} (default 41), about 2 minutes. Prints a Markdown heading, a sentence on the method and
 * the table.
 */
public final class CpuPerItem {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final long BLOCK_NANOS = 20_000_000L;
  private static final long WARMUP_NANOS = 4_000_000_000L;
  private static volatile int sink;

  private CpuPerItem() {}

  /**
   * Runs every AES cell and prints the table.
   *
   * @param args optional: the number of rounds per cell
   * @throws Exception if a variant fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
    runAll(5, false); // a first pass over every cell, so that no cell is measured while compiling
    runAll(rounds, true);
  }

  /** Every cell with {@code rounds} rounds; the table is printed only if {@code print}. */
  private static void runAll(int rounds, boolean print) throws Exception {
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "### ddbec ÷ floor, interleaved CPU time (this run)%n%n"
              + "`CpuPerItem`: CPU time per item on 1 thread, in blocks of about %d ms that"
              + " alternate; median of %d rounds' ratios with its distribution-free 95 %% interval,"
              + " judged against the target by that interval (see"
              + " [CPU time per item, interleaved](#cpu-time-per-item-interleaved)).%n%n",
          BLOCK_NANOS / 1_000_000,
          rounds);
      System.out.printf(
          Locale.ROOT,
          "| shape | provider | op | ddbec µs/item | ddbec ÷ floor | ≥ %.2f |"
              + " ddbec ÷ (floor + SDK item) | SDK item ÷ floor |%n",
          TARGET_FLOOR_FRACTION);
      System.out.println("|---|---|---|---:|---:|---|---:|---:|");
    }
    for (ItemShape shape : ItemShape.values()) {
      for (ProviderKind provider : List.of(ProviderKind.STATIC, ProviderKind.WRAPPED_AES)) {
        KeyMaterial keys = KeyMaterial.standard();
        try (Workload w = Workload.open(shape, provider, keys)) {
          CryptoFloor floor = new CryptoFloor(CryptoFloor.Plan.of(shape, provider, keys));
          SdkItemFloor sdk = SdkItemFloor.of(shape);
          CryptoFloor.Sealed sealed = floor.seal();
          Map<String, AttributeValue> plain = shape.item();
          Map<String, AttributeValue> stored = w.ddbecEncrypt(plain);
          row(
              shape,
              provider,
              "encrypt",
              rounds,
              print,
              List.of(
                  () -> floor.encrypt().length,
                  () -> sdk.encrypted(floor.ciphertexts, floor.encrypt()).size(),
                  () -> w.ddbecEncrypt(plain).size()));
          row(
              shape,
              provider,
              "decrypt",
              rounds,
              print,
              List.of(
                  () -> floor.decrypt(sealed).length,
                  () -> {
                    floor.decrypt(sealed);
                    return sdk.decrypted().size();
                  },
                  () -> w.ddbecDecrypt(stored).size()));
        }
      }
    }
  }

  /** Measures the three variants (floor, floor + SDK item, ddbec) of one cell; prints its row. */
  private static void row(
      ItemShape shape,
      ProviderKind provider,
      String op,
      int rounds,
      boolean print,
      List<Callable<Integer>> v)
      throws Exception {
    int[] perBlock = new int[v.size()];
    for (int i = 0; i < v.size(); i++) {
      perBlock[i] = calibrate(v.get(i));
    }
    long end = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < end) {
      for (int i = 0; i < v.size(); i++) {
        block(v.get(i), perBlock[i]);
      }
    }
    double[] ddbec = new double[rounds];
    double[] vsFloor = new double[rounds];
    double[] vsSdkFloor = new double[rounds];
    double[] sdkShare = new double[rounds];
    double[] t = new double[v.size()];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < v.size(); k++) {
        int i = (k + r) % v.size();
        t[i] = block(v.get(i), perBlock[i]);
      }
      ddbec[r] = t[2] / 1000;
      vsFloor[r] = t[0] / t[2];
      vsSdkFloor[r] = t[1] / t[2];
      sdkShare[r] = (t[1] - t[0]) / t[0];
    }
    if (!print) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
        shape.name().toLowerCase(Locale.ROOT),
        provider.displayName(),
        op,
        median(ddbec, "%.1f"),
        median(vsFloor, "%.2f"),
        verdict(vsFloor, TARGET_FLOOR_FRACTION),
        median(vsSdkFloor, "%.2f"),
        median(sdkShare, "%.2f"));
  }

  /** How many operations make a block of about {@link #BLOCK_NANOS} of CPU time. */
  private static int calibrate(Callable<Integer> op) throws Exception {
    int n = 1;
    while (true) {
      double perOp = block(op, n);
      if (perOp * n >= BLOCK_NANOS / 4 || n >= 1 << 20) {
        return (int) Math.max(1, Math.min(1 << 20, BLOCK_NANOS / Math.max(perOp, 1)));
      }
      n *= 2;
    }
  }

  /** CPU nanoseconds per operation over {@code n} operations. */
  private static double block(Callable<Integer> op, int n) throws Exception {
    int s = 0;
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      s += op.call();
    }
    long used = CPU.getCurrentThreadCpuTime() - start;
    sink += s;
    return (double) used / n;
  }

  /**
   * The median of {@code xs} with its distribution-free 95 % interval: the order statistics whose
   * ranks bound the median with 95 % confidence (normal approximation to the binomial).
   */
  static String median(double[] xs, String format) {
    double[] b = medianBounds(xs);
    return String.format(Locale.ROOT, format, b[2])
        + " ("
        + String.format(Locale.ROOT, format, b[0])
        + "–"
        + String.format(Locale.ROOT, format, b[1])
        + ")";
  }

  /**
   * "met", "**not met**" or "undecided": whether the 95 % interval of the median of {@code ratios}
   * lies at or above {@code target}, wholly below it, or straddles it.
   */
  static String verdict(double[] ratios, double target) {
    double[] bounds = medianBounds(ratios);
    if (bounds[0] >= target) {
      return "met";
    }
    if (bounds[1] < target) {
      return "**not met**";
    }
    return "undecided";
  }

  /**
   * The distribution-free 95 % interval of the median of {@code xs}, and the median.
   *
   * @return {lower bound, upper bound, median}
   */
  static double[] medianBounds(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    double med = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    int half = (int) Math.ceil(0.98 * Math.sqrt(n));
    int lo = Math.max(0, (n - 1) / 2 - half);
    int hi = Math.min(n - 1, n / 2 + half);
    return new double[] {s[lo], s[hi], med};
  }
}
