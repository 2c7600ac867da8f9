package dev.ddbec.testing;

import dev.ddbec.api.observe.DdbecObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An observer that keeps the item and request events it is told of as text, in order: {@code
 * "itemEncrypted TABLE"}, {@code "itemDecrypted TABLE"}, {@code "REASON TABLE"} (a verification
 * failure), {@code "malformedItem TABLE"}, {@code "plaintext DIRECTION TABLE"} and {@code "refused
 * OPERATION"}; the durations of encryptions and decryptions in {@link #nanos()}. Thread-safe.
 */
public final class RecordingObserver implements DdbecObserver {
  private final List<String> names = new CopyOnWriteArrayList<>();
  private final List<Long> nanos = new CopyOnWriteArrayList<>();

  /** An observer that has recorded nothing yet. */
  public RecordingObserver() {}

  /**
   * The events so far, as text.
   *
   * @return a live, thread-safe view
   */
  public List<String> names() {
    return names;
  }

  /**
   * The durations reported with encryptions and decryptions so far.
   *
   * @return a live, thread-safe view
   */
  public List<Long> nanos() {
    return nanos;
  }

  @Override
  public void itemEncrypted(String table, long n) {
    names.add("itemEncrypted " + table);
    nanos.add(n);
  }

  @Override
  public void itemDecrypted(String table, long n) {
    names.add("itemDecrypted " + table);
    nanos.add(n);
  }

  @Override
  public void verificationFailed(String table, VerificationFailure reason) {
    names.add(reason + " " + table);
  }

  @Override
  public void malformedItem(String table) {
    names.add("malformedItem " + table);
  }

  @Override
  public void plaintextItem(String table, Direction direction) {
    names.add("plaintext " + direction + " " + table);
  }

  @Override
  public void requestRefused(String operation) {
    names.add("refused " + operation);
  }
}
