package dev.ddbec.bulk.internal;

import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.ItemClass;
import java.util.concurrent.atomic.AtomicLongArray;

/** One segment's live counts: written by its worker, read by the progress reporter. */
public final class Counters {
  static final int SCANNED = 0;
  static final int REWRITTEN = 6;
  static final int SKIPPED = 7;
  static final int CONFLICTS = 8;
  static final int FAILED = 9;

  private final AtomicLongArray v = new AtomicLongArray(10);

  public Counters(BulkCounts start) {
    long[] a = start.toArray();
    for (int i = 0; i < a.length; i++) {
      v.set(i, a[i]);
    }
  }

  public void scanned() {
    v.incrementAndGet(SCANNED);
  }

  public void found(ItemClass c) {
    int i =
        switch (c) {
          case OK -> 1;
          case TAMPERED -> 2;
          case PLAINTEXT -> 3;
          case UNREADABLE -> 4;
          case MALFORMED -> 5;
          case CONFLICT -> -1;
        };
    if (i >= 0) {
      v.incrementAndGet(i);
    }
  }

  public void rewritten() {
    v.incrementAndGet(REWRITTEN);
  }

  public void skipped() {
    v.incrementAndGet(SKIPPED);
  }

  public void conflict() {
    v.incrementAndGet(CONFLICTS);
  }

  public void failed() {
    v.incrementAndGet(FAILED);
  }

  public BulkCounts snapshot() {
    long[] a = new long[10];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.get(i);
    }
    return BulkCounts.fromArray(a);
  }
}
