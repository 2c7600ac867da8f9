package dev.ddbec.api.observe;

import java.util.List;
import java.util.Objects;

/**
 * Receives what ddbec does, as typed events: the SPI behind metrics (ddbec-micrometer) and traces.
 * Every method has a no-op default, so an implementation overrides only what it reports, and new
 * events can be added without breaking it.
 *
 * <p><b>What events carry.</b> Table names, operation names, enum values and durations only: never
 * key material, attribute names or values, material descriptions or key identifiers. An
 * implementation may therefore use every argument as a metric tag or span attribute (table names
 * are bounded by the application's configuration).
 *
 * <p><b>Cost.</b> ddbec compares the configured observer with {@link #NOOP} before it reads the
 * clock, so the default adds one reference comparison per event site and no allocation. An
 * implementation is called on the thread doing the work (the caller's, or the async client's crypto
 * executor): it must be thread-safe, fast and must not throw; an exception it throws propagates to
 * the caller.
 *
 * <p>Configured with {@code observer(...)} on the builders of the helper clients, the Streams
 * helper, the Enhanced Client extension, the providers and the bulk options, and with {@code
 * ItemEncryptor.withObserver}.
 */
public interface DdbecObserver {
  /** Ignores every event; the default everywhere. */
  DdbecObserver NOOP = new DdbecObserver() {};

  /**
   * An item was encrypted and signed.
   *
   * @param table the table name bound into the signature
   * @param nanos the time it took, materials-provider call included
   */
  default void itemEncrypted(String table, long nanos) {}

  /**
   * An item was verified and decrypted.
   *
   * @param table the table name bound into the signature
   * @param nanos the time it took, materials-provider call included
   */
  default void itemDecrypted(String table, long nanos) {}

  /**
   * An item failed verification: tampering, or a key or configuration mix-up.
   *
   * @param table the table name bound into the signature
   * @param reason what failed
   */
  default void verificationFailed(String table, VerificationFailure reason) {}

  /**
   * A stored item could not be read at all: a malformed material description or attribute, or a
   * format ddbec does not read.
   *
   * @param table the table name bound into the signature
   */
  default void malformedItem(String table) {}

  /**
   * An item was read or written in plaintext on a protected table, as a relaxed {@code
   * PlaintextPolicy} allows.
   *
   * @param table the table
   * @param direction read or written
   */
  default void plaintextItem(String table, Direction direction) {}

  /**
   * A request was refused before anything was sent (e.g. an UpdateItem that would write an
   * encrypted attribute).
   *
   * @param operation the DynamoDB operation, e.g. {@code UpdateItem}
   */
  default void requestRefused(String operation) {}

  /**
   * A call to AWS KMS made by a materials provider.
   *
   * @param operation the KMS operation, e.g. {@code GenerateDataKey}, {@code Decrypt}
   * @param outcome whether it succeeded
   * @param nanos the time it took
   */
  default void kmsCall(String operation, Outcome outcome, long nanos) {}

  /**
   * A read of the MetaStore table by the most-recent provider (a version's materials, or the newest
   * version number).
   *
   * @param outcome whether it succeeded
   * @param nanos the time it took
   */
  default void metaStoreRead(Outcome outcome, long nanos) {}

  /** The most-recent provider created a new version of its materials in the MetaStore. */
  default void versionCreated() {}

  /**
   * A look-up in the most-recent provider's cache.
   *
   * @param result hit, miss, or reload of the newest version
   */
  default void providerCache(CacheResult result) {}

  /**
   * Progress of a bulk run (ddbec-bulk, the {@code ddbec table} commands): the totals so far, one
   * call per count, at each progress report.
   *
   * @param operation the bulk operation, e.g. {@code verify}, {@code reencrypt}
   * @param table the table
   * @param count which count, e.g. {@code scanned}, {@code tampered}, {@code rewritten}
   * @param total its total so far in this run (never decreases within a run)
   */
  default void bulkProgress(String operation, String table, String count, long total) {}

  /**
   * An observer that hands every event to each of {@code observers} in turn (e.g. metrics and
   * traces); {@link #NOOP} when none is given, the observer itself when one is.
   *
   * @param observers the observers
   * @return the combined observer
   */
  static DdbecObserver of(DdbecObserver... observers) {
    List<DdbecObserver> list = List.of(observers);
    list = list.stream().filter(o -> Objects.requireNonNull(o, "observer") != NOOP).toList();
    if (list.isEmpty()) {
      return NOOP;
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    return new CompositeObserver(list);
  }

  /** Read or write. */
  enum Direction {
    /** Read from the table. */
    READ,
    /** Written to the table. */
    WRITE
  }

  /** Whether a call succeeded. */
  enum Outcome {
    /** It succeeded. */
    SUCCESS,
    /** It failed (an exception). */
    FAILURE
  }

  /** The result of a look-up in the most-recent provider's cache. */
  enum CacheResult {
    /** Found, fresh. */
    HIT,
    /** Not cached: read from the MetaStore. */
    MISS,
    /** The newest version's time to live ran out: re-read from the MetaStore. */
    RELOAD
  }

  /** Why an item failed verification. */
  enum VerificationFailure {
    /** The item has no signature attribute (and is not an admitted plaintext item). */
    MISSING_SIGNATURE,
    /**
     * The signature, a ciphertext or the wrapped key did not check out: the item was modified, or
     * the key, table name or attribute actions differ from those it was written with.
     */
    SIGNATURE_MISMATCH
  }
}
