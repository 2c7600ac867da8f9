package dev.ddbec.api.observe;

import java.util.List;

/** {@link DdbecObserver#of}: every event to each observer in turn. */
final class CompositeObserver implements DdbecObserver {
  private final DdbecObserver[] observers;

  CompositeObserver(List<DdbecObserver> observers) {
    this.observers = observers.toArray(DdbecObserver[]::new);
  }

  @Override
  public void itemEncrypted(String table, long nanos) {
    for (DdbecObserver o : observers) {
      o.itemEncrypted(table, nanos);
    }
  }

  @Override
  public void itemDecrypted(String table, long nanos) {
    for (DdbecObserver o : observers) {
      o.itemDecrypted(table, nanos);
    }
  }

  @Override
  public void verificationFailed(String table, VerificationFailure reason) {
    for (DdbecObserver o : observers) {
      o.verificationFailed(table, reason);
    }
  }

  @Override
  public void malformedItem(String table) {
    for (DdbecObserver o : observers) {
      o.malformedItem(table);
    }
  }

  @Override
  public void plaintextItem(String table, Direction direction) {
    for (DdbecObserver o : observers) {
      o.plaintextItem(table, direction);
    }
  }

  @Override
  public void requestRefused(String operation) {
    for (DdbecObserver o : observers) {
      o.requestRefused(operation);
    }
  }

  @Override
  public void kmsCall(String operation, Outcome outcome, long nanos) {
    for (DdbecObserver o : observers) {
      o.kmsCall(operation, outcome, nanos);
    }
  }

  @Override
  public void metaStoreRead(Outcome outcome, long nanos) {
    for (DdbecObserver o : observers) {
      o.metaStoreRead(outcome, nanos);
    }
  }

  @Override
  public void versionCreated() {
    for (DdbecObserver o : observers) {
      o.versionCreated();
    }
  }

  @Override
  public void providerCache(CacheResult result) {
    for (DdbecObserver o : observers) {
      o.providerCache(result);
    }
  }

  @Override
  public void bulkProgress(String operation, String table, String count, long total) {
    for (DdbecObserver o : observers) {
      o.bulkProgress(operation, table, count, total);
    }
  }

  @Override
  public String toString() {
    return "DdbecObserver.of" + List.of(observers);
  }
}
