package dev.ddbec.bulk.internal;

import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkListener;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkProgress;
import dev.ddbec.bulk.Finding;
import java.lang.reflect.RecordComponent;

/** The options' listener, with every progress report's counts also sent to the observer. */
record ObservingListener(
    BulkListener listener, DdbecObserver observer, String operation, String table)
    implements BulkListener {
  /** The counts' names, in {@link BulkCounts#toArray()} order (the record's). */
  private static final String[] COUNTS = countNames();

  /** The options' listener, observed when the options have an observer. */
  static BulkListener of(BulkOptions options, String operation, String table) {
    return options.observer() == DdbecObserver.NOOP
        ? options.listener()
        : new ObservingListener(options.listener(), options.observer(), operation, table);
  }

  @Override
  public void onProgress(BulkProgress progress) {
    long[] totals = progress.counts().toArray();
    for (int i = 0; i < totals.length; i++) {
      observer.bulkProgress(operation, table, COUNTS[i], totals[i]);
    }
    listener.onProgress(progress);
  }

  @Override
  public void onFinding(Finding finding) {
    listener.onFinding(finding);
  }

  private static String[] countNames() {
    RecordComponent[] components = BulkCounts.class.getRecordComponents();
    String[] names = new String[components.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = components[i].getName();
    }
    return names;
  }
}
