package dev.ddbec.api.observe;

import java.util.List;
import java.util.function.Consumer;

/** {@link DdbecObserver#of}: every event to each observer in turn. */
final class CompositeObserver implements DdbecObserver {
  private final DdbecObserver[] observers;

  CompositeObserver(List<DdbecObserver> observers) {
    this.observers = observers.toArray(DdbecObserver[]::new);
  }

  @Override
  public void itemEncrypted(String table, long nanos) {
    each(o -> o.itemEncrypted(table, nanos));
  }

  @Override
  public void itemDecrypted(String table, long nanos) {
    each(o -> o.itemDecrypted(table, nanos));
  }

  @Override
  public void verificationFailed(String table, VerificationFailure reason) {
    each(o -> o.verificationFailed(table, reason));
  }

  @Override
  public void malformedItem(String table) {
    each(o -> o.malformedItem(table));
  }

  @Override
  public void plaintextItem(String table, Direction direction) {
    each(o -> o.plaintextItem(table, direction));
  }

  @Override
  public void requestRefused(String operation) {
    each(o -> o.requestRefused(operation));
  }

  @Override
  public void kmsCall(String operation, Outcome outcome, long nanos) {
    each(o -> o.kmsCall(operation, outcome, nanos));
  }

  @Override
  public void metaStoreRead(Outcome outcome, long nanos) {
    each(o -> o.metaStoreRead(outcome, nanos));
  }

  @Override
  public void versionCreated() {
    each(o -> o.versionCreated());
  }

  @Override
  public void providerCache(CacheResult result) {
    each(o -> o.providerCache(result));
  }

  @Override
  public void bulkProgress(String operation, String table, String count, long total) {
    each(o -> o.bulkProgress(operation, table, count, total));
  }

  /** Tells each observer in turn. */
  private void each(Consumer<DdbecObserver> event) {
    for (DdbecObserver o : observers) {
      event.accept(o);
    }
  }

  @Override
  public String toString() {
    return "DdbecObserver.of" + List.of(observers);
  }
}
