package dev.ddbec.benchmarks;

import static dev.ddbec.benchmarks.report.TargetsSection.TARGET_SCALING;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scaling from 1 to 2 threads (throughput with 2 threads ÷ throughput with 1) of ddbec and of its
 * raw-crypto floor, measured in short interleaved blocks, so that the ratio holds on a machine
 * whose speed drifts from minute to minute (docs/performance.md, "Scaling, interleaved").
 *
 * <p>Two worker threads live for the whole run. Per cell (typical item × provider × operation ×
 * ddbec or floor): a warm-up, then {@code rounds} rounds; each round runs one block with worker 0
 * alone and one block with both workers (the order alternates), each block about {@value
 * #BLOCK_MILLIS} ms of wall-clock time. A worker counts its operations and times them with the wall
 * clock; a block's throughput is the sum of its workers' operations per second. A ratio is computed
 * within each round, and the table gives its median with a distribution-free 95 % interval (as
 * {@link CpuPerItem}). The subject is shared by both threads (as an application shares its
 * encryptor); each thread has its own items and, for the floor, its own JCA objects, as in the JMH
 * benchmarks.
 *
 * <p>Run: {@code java -cp ddbec-benchmarks/target/benchmarks.jar
 * dev.ddbec.benchmarks.ScalingPerItem [rounds]} (default 161), about 6 minutes. Prints the
 * machine's own scaling (work that shares nothing) and a Markdown table.
 */
public final class ScalingPerItem {
  static final long BLOCK_MILLIS = 100;
  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final long BARRIER_TIMEOUT_SECONDS = 60;

  private ScalingPerItem() {}

  /**
   * Runs every cell and prints the table.
   *
   * @param args optional: the number of rounds per cell
   * @throws Exception if an operation fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 161;
    try (Workers workers = new Workers()) {
      runAll(workers, 3, false); // a first pass, so that no cell is measured while compiling
      runAll(workers, rounds, true);
    }
  }

  private static void runAll(Workers workers, int rounds, boolean print) throws Exception {
    double[] machine = ratios(workers, rounds, ScalingPerItem::machineReference);
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "### Scaling, interleaved (this run)%n%n"
              + "`ScalingPerItem`: throughput with 2 threads ÷ with 1, typical item, in blocks of"
              + " %d ms that alternate; median of %d rounds' ratios with its distribution-free 95 %%"
              + " interval, judged against the target by that interval (see"
              + " [Scaling, interleaved](#scaling-interleaved)). Work that shares nothing between"
              + " threads (SHA-256 of 4 KiB) scales %s on this machine.%n%n",
          BLOCK_MILLIS,
          rounds,
          CpuPerItem.median(machine, "%.2f"));
      System.out.printf(
          Locale.ROOT,
          "| provider | op | ddbec 2 threads ÷ 1 | floor 2 threads ÷ 1 | ≥ %.2f |%n",
          TARGET_SCALING);
      System.out.println("|---|---|---:|---:|---|");
    }
    ItemShape shape = ItemShape.TYPICAL;
    for (ProviderKind provider : List.of(ProviderKind.STATIC, ProviderKind.WRAPPED_AES)) {
      KeyMaterial keys = KeyMaterial.standard();
      CryptoFloor.Plan plan = CryptoFloor.Plan.of(shape, provider, keys);
      try (Workload w = Workload.open(shape, provider, keys)) {
        for (String op : List.of("encrypt", "decrypt")) {
          boolean enc = op.equals("encrypt");
          double[] ddbec =
              ratios(
                  workers,
                  rounds,
                  () -> {
                    Map<String, AttributeValue> plain = shape.item();
                    Map<String, AttributeValue> stored = w.ddbecEncrypt(plain);
                    return enc
                        ? () -> w.ddbecEncrypt(plain).size()
                        : () -> w.ddbecDecrypt(stored).size();
                  });
          double[] floor =
              ratios(
                  workers,
                  rounds,
                  () -> {
                    try {
                      CryptoFloor f = new CryptoFloor(plan);
                      CryptoFloor.Sealed sealed = f.seal();
                      return enc ? () -> f.encrypt().length : () -> f.decrypt(sealed).length;
                    } catch (GeneralSecurityException e) {
                      throw new IllegalStateException(e);
                    }
                  });
          if (print) {
            String d = CpuPerItem.median(ddbec, "%.2f");
            String f = CpuPerItem.median(floor, "%.2f");
            System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s | %s | ddbec %s, floor %s |%n",
                provider.displayName(),
                op,
                d,
                f,
                CpuPerItem.verdict(ddbec, TARGET_SCALING),
                CpuPerItem.verdict(floor, TARGET_SCALING));
          }
        }
      }
    }
  }

  /**
   * Work that shares nothing between threads — SHA-256 of a 4 KiB buffer with the thread's own
   * digest — and so shows what 2 threads give on this machine when nothing in the code serializes.
   */
  private static Callable<Integer> machineReference() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] data = new byte[4096];
      return () -> (int) md.digest(data)[0];
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The per-round ratios, 2 threads ÷ 1 thread, for operations made per thread by {@code perThread}
   * (called once on each worker, so that each gets its own items and objects).
   */
  static double[] ratios(Workers workers, int rounds, Supplier<Callable<Integer>> perThread)
      throws Exception {
    return ratios(workers, rounds, perThread, WARMUP_NANOS);
  }

  static double[] ratios(
      Workers workers, int rounds, Supplier<Callable<Integer>> perThread, long warmupNanos)
      throws Exception {
    workers.prepare(perThread);
    long end = System.nanoTime() + warmupNanos;
    while (System.nanoTime() < end) {
      workers.block(2);
    }
    double[] r = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      double one;
      double two;
      if (i % 2 == 0) {
        one = workers.block(1);
        two = workers.block(2);
      } else {
        two = workers.block(2);
        one = workers.block(1);
      }
      r[i] = two / one;
    }
    return r;
  }

  /** Two persistent worker threads that run blocks of one operation each on command. */
  static final class Workers implements AutoCloseable {
    private static final int THREADS = 2;
    private final CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    private final CyclicBarrier done = new CyclicBarrier(THREADS + 1);
    private final List<Thread> threads = new ArrayList<>();
    private final long[] ops = new long[THREADS];
    private final long[] nanos = new long[THREADS];
    private final Callable<Integer>[] op;
    private volatile Supplier<Callable<Integer>> factory;
    private volatile int active;
    private volatile long deadline;
    private volatile Exception failure;
    private static volatile int sink;

    @SuppressWarnings("unchecked")
    Workers() {
      op = new Callable[THREADS];
      for (int i = 0; i < THREADS; i++) {
        int id = i;
        Thread t = new Thread(() -> loop(id), "scaling-worker-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    /** Makes each worker's operation on the worker itself; applies from the next block. */
    void prepare(Supplier<Callable<Integer>> perThread) throws Exception {
      factory = perThread;
      active = -1; // a block in which every worker only makes its operation
      runBlock();
    }

    /**
     * Runs one block of about {@link #BLOCK_MILLIS} ms on {@code n} workers.
     *
     * @return operations per second, summed over the workers
     */
    double block(int n) throws Exception {
      active = n;
      deadline = System.nanoTime() + BLOCK_MILLIS * 1_000_000L;
      runBlock();
      double perSecond = 0;
      for (int i = 0; i < n; i++) {
        perSecond += ops[i] * 1e9 / nanos[i];
      }
      return perSecond;
    }

    private void runBlock() throws Exception {
      failure = null;
      try {
        start.await(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        done.await(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("a scaling worker stopped answering", e);
      }
      Exception f = failure;
      if (f != null) {
        throw f;
      }
    }

    /**
     * A worker's life: wait for a block, run it, report. An operation's failure is recorded for the
     * block and the worker still reaches the end-of-block barrier, so the caller never waits for a
     * worker that has gone; the worker leaves only when {@link #close()} interrupts it.
     */
    private void loop(int id) {
      while (true) {
        try {
          start.await();
        } catch (InterruptedException | BrokenBarrierException e) {
          return; // closed
        }
        try {
          runOnce(id);
        } catch (Exception e) {
          synchronized (this) {
            if (failure == null) {
              failure = e;
            }
          }
        }
        try {
          done.await();
        } catch (InterruptedException | BrokenBarrierException e) {
          return; // closed
        }
      }
    }

    private void runOnce(int id) throws Exception {
      int n = active;
      if (n < 0) {
        op[id] = factory.get();
        return;
      }
      ops[id] = 0;
      nanos[id] = 1;
      if (id >= n) {
        return;
      }
      Callable<Integer> o = op[id];
      long end = deadline;
      long count = 0;
      int s = 0;
      long t0 = System.nanoTime();
      long t1;
      do {
        s += o.call();
        count++;
        t1 = System.nanoTime();
      } while (t1 < end);
      sink += s;
      ops[id] = count;
      nanos[id] = t1 - t0;
    }

    @Override
    public void close() throws Exception {
      for (Thread t : threads) {
        t.interrupt(); // waiting for a block: leaves its loop
        t.join(5_000);
      }
    }
  }
}
