package dev.ddbec.bulk.internal;

import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkListener;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkProgress;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.SegmentCheckpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs every segment of a table on its own thread, reports progress, collects findings and keeps
 * the checkpoint file.
 *
 * @param ddb the client
 * @param table the table name
 * @param operation the job's name in checkpoints and messages
 * @param options segments, checkpoint, rate limits, listener
 * @param budget the capacity budget the segments share
 * @param handler what each segment does with a scanned item
 * @param estimatedTotal the table's estimated item count, or -1
 */
public record Engine(
    DynamoDbClient ddb,
    String table,
    String operation,
    BulkOptions options,
    Budget budget,
    ItemHandler handler,
    long estimatedTotal) {

  /** Runs one segment (for distributed jobs). */
  public SegmentCheckpoint runSegment(
      SegmentCheckpoint from,
      BooleanSupplier stop,
      java.util.function.Consumer<SegmentCheckpoint> onCheckpoint) {
    BulkListener listener = options.listener();
    return scanner()
        .run(from, new Counters(from.counts()), stop, listener::onFinding, onCheckpoint);
  }

  /** One segment's checkpoint as checkpoint-file text (for distributed jobs). */
  public String encodeCheckpoint(SegmentCheckpoint c) {
    return CheckpointFile.encode(operation, table, c);
  }

  /** One segment's checkpoint from text written by {@link #encodeCheckpoint}. */
  public SegmentCheckpoint decodeCheckpoint(String text, int segment, String source) {
    return CheckpointFile.decode(text, operation, table, options.totalSegments(), source)[segment];
  }

  private SegmentScanner scanner() {
    return new SegmentScanner(ddb, table, options.pageSize(), budget, handler);
  }

  public BulkResult run(BooleanSupplier stopRequested) {
    int n = options.totalSegments();
    Path file = options.checkpointFile().orElse(null);
    SegmentCheckpoint[] loaded =
        file == null ? null : CheckpointFile.load(file, operation, table, n);
    SegmentCheckpoint[] state = new SegmentCheckpoint[n];
    Counters[] counters = new Counters[n];
    for (int s = 0; s < n; s++) {
      state[s] = loaded != null ? loaded[s] : SegmentCheckpoint.start(s, n);
      counters[s] = new Counters(state[s].counts());
    }
    BulkCounts atStart = sum(counters);
    BulkListener listener = ObservingListener.of(options, operation, table);
    List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean failed = new AtomicBoolean();
    BooleanSupplier stop = () -> failed.get() || stopRequested.getAsBoolean();
    Object lock = new Object();
    long startNanos = System.nanoTime();

    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "ddbec-bulk-segment-" + threadNumber.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ddbec-bulk-progress");
              t.setDaemon(true);
              return t;
            });
    long interval = options.progressInterval().toMillis();
    ticker.scheduleAtFixedRate(
        () -> listener.onProgress(progress(counters, atStart, startNanos)),
        interval,
        interval,
        TimeUnit.MILLISECONDS);
    List<Future<?>> futures = new ArrayList<>();
    RuntimeException error = null;
    try {
      for (int s = 0; s < n; s++) {
        int segment = s;
        futures.add(
            workers.submit(
                () ->
                    scanner()
                        .run(
                            state[segment],
                            counters[segment],
                            stop,
                            f -> {
                              findings.add(f);
                              listener.onFinding(f);
                            },
                            cp -> {
                              synchronized (lock) {
                                state[segment] = cp;
                                if (file != null) {
                                  CheckpointFile.save(file, operation, table, state);
                                }
                              }
                            })));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          failed.set(true);
          if (error == null) {
            error =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          failed.set(true);
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      ticker.shutdownNow();
      workers.shutdown();
    }
    if (error != null) {
      throw error;
    }
    BulkProgress last = progress(counters, atStart, startNanos);
    listener.onProgress(last);
    boolean complete = true;
    synchronized (lock) {
      for (SegmentCheckpoint c : state) {
        complete &= c.done();
      }
    }
    return new BulkResult(
        sum(counters), new ArrayList<>(findings), estimatedTotal, last.elapsed(), complete);
  }

  private BulkProgress progress(Counters[] counters, BulkCounts atStart, long startNanos) {
    BulkCounts now = sum(counters);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    return new BulkProgress(
        now, estimatedTotal, (now.scanned() - atStart.scanned()) / seconds, elapsed);
  }

  private static BulkCounts sum(Counters[] counters) {
    BulkCounts total = BulkCounts.ZERO;
    for (Counters c : counters) {
      total = total.plus(c.snapshot());
    }
    return total;
  }
}
