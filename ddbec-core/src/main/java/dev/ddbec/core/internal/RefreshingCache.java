package dev.ddbec.core.internal;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.ddbec.api.observe.DdbecObserver.CacheResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A bounded, loading cache with the time-to-live semantics of the official clients' most-recent
 * provider (docs/format.md §6.5), on Guava's {@link CacheBuilder}:
 *
 * <ul>
 *   <li>an entry younger than {@code ttl} is returned as it is;
 *   <li>between {@code ttl} and {@code ttl + grace} the first caller reloads it (synchronously, in
 *       its own thread) while every other caller keeps getting the cached value; if that reload
 *       fails the caller gets the cached value too, the {@link Listener} hears of the failure, and
 *       the next caller tries again;
 *   <li>from {@code ttl + grace} on the entry is expired: the next caller loads it and concurrent
 *       callers for the same key wait for that one load (no stampede), and a failure is thrown to
 *       them;
 *   <li>at most {@code maximumSize} entries, the least recently used evicted first.
 * </ul>
 *
 * <p>The reload window is kept here rather than with Guava's {@code refreshAfterWrite}, which logs
 * every failed reload with its stack trace; failures go to the listener instead, which decides what
 * to report. Loader exceptions reach the caller unwrapped. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RefreshingCache<K, V> {
  /**
   * Hears how loads and reloads end, e.g. to log a failure once per streak of failures.
   *
   * @param <K> key type
   */
  public interface Listener<K> {
    /**
     * A reload in the grace period failed; the cached value stays in use.
     *
     * @param key the key
     * @param failure what the loader threw
     */
    void reloadFailed(K key, RuntimeException failure);

    /**
     * A load or reload succeeded.
     *
     * @param key the key
     */
    void loaded(K key);

    /**
     * A {@link #get} look-up: served from the cache, loaded, or reloaded after its time to live.
     *
     * @param key the key
     * @param result hit, miss or reload
     */
    default void lookedUp(K key, CacheResult result) {}
  }

  /** A value and when it was loaded; {@code reloading} admits one reloading caller at a time. */
  private static final class Entry<V> {
    final V value;
    final long loadedAt;
    final AtomicBoolean reloading = new AtomicBoolean();

    Entry(V value, long loadedAt) {
      this.value = value;
      this.loadedAt = loadedAt;
    }
  }

  private final LoadingCache<K, Entry<V>> cache;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Function<? super K, ? extends V> loader;
  private final Listener<? super K> listener;

  /**
   * Creates a cache whose reload failures are not reported.
   *
   * @param ttl time to live, positive
   * @param grace grace period after {@code ttl}, not negative
   * @param maximumSize maximum number of entries, positive
   * @param nanoTime a monotonic nanosecond clock ({@code System::nanoTime}, or a test clock)
   * @param loader loads a value; never returns null, throws a {@code RuntimeException} on failure
   */
  public RefreshingCache(
      Duration ttl,
      Duration grace,
      long maximumSize,
      LongSupplier nanoTime,
      Function<? super K, ? extends V> loader) {
    this(
        ttl,
        grace,
        maximumSize,
        nanoTime,
        loader,
        new Listener<K>() {
          @Override
          public void reloadFailed(K key, RuntimeException failure) {}

          @Override
          public void loaded(K key) {}
        });
  }

  /**
   * Creates a cache.
   *
   * @param ttl time to live, positive
   * @param grace grace period after {@code ttl}, not negative
   * @param maximumSize maximum number of entries, positive
   * @param nanoTime a monotonic nanosecond clock ({@code System::nanoTime}, or a test clock)
   * @param loader loads a value; never returns null, throws a {@code RuntimeException} on failure
   * @param listener hears of reload failures and successful loads
   */
  public RefreshingCache(
      Duration ttl,
      Duration grace,
      long maximumSize,
      LongSupplier nanoTime,
      Function<? super K, ? extends V> loader,
      Listener<? super K> listener) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (ttl.isNegative() || ttl.isZero() || grace.isNegative() || maximumSize <= 0) {
      throw new IllegalArgumentException(
          "ttl and maximumSize must be positive, grace not negative");
    }
    this.ttlNanos = ttl.toNanos();
    this.cache =
        CacheBuilder.newBuilder()
            // One segment: exact LRU order for the size bound. Reads stay lock-free; only loads
            // and evictions take the segment lock.
            .concurrencyLevel(1)
            .maximumSize(maximumSize)
            .expireAfterWrite(ttl.plus(grace))
            .ticker(
                new Ticker() {
                  @Override
                  public long read() {
                    return nanoTime.getAsLong();
                  }
                })
            .build(
                new CacheLoader<K, Entry<V>>() {
                  @Override
                  public Entry<V> load(K key) {
                    return loadEntry(key);
                  }
                });
  }

  private Entry<V> loadEntry(K key) {
    V value = Objects.requireNonNull(loader.apply(key), "cache loader returned null");
    Entry<V> entry = new Entry<>(value, nanoTime.getAsLong());
    listener.loaded(key);
    return entry;
  }

  /**
   * The cached value, loaded or reloaded as described in the class comment.
   *
   * @param key the key
   * @return the value
   */
  public V get(K key) {
    Entry<V> entry = cache.getIfPresent(key);
    if (entry == null) {
      listener.lookedUp(key, CacheResult.MISS);
      return entry(key).value;
    }
    if (nanoTime.getAsLong() - entry.loadedAt < ttlNanos
        || !entry.reloading.compareAndSet(false, true)) {
      listener.lookedUp(key, CacheResult.HIT);
      return entry.value;
    }
    listener.lookedUp(key, CacheResult.RELOAD);
    Entry<V> fresh;
    try {
      fresh = loadEntry(key);
    } catch (RuntimeException e) {
      entry.reloading.set(false);
      listener.reloadFailed(key, e);
      return entry.value;
    }
    // Not if the entry was dropped meanwhile (invalidateAll, eviction): that stays dropped.
    cache.asMap().replace(key, entry, fresh);
    return fresh.value;
  }

  private Entry<V> entry(K key) {
    try {
      return cache.getUnchecked(key);
    } catch (UncheckedExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    } catch (ExecutionError e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * The cached value if present and not expired, without loading or reloading.
   *
   * @param key the key
   * @return the value, or empty
   */
  public Optional<V> getIfPresent(K key) {
    return Optional.ofNullable(cache.getIfPresent(key)).map(e -> e.value);
  }

  /**
   * Stores a value as if it had just been loaded.
   *
   * @param key the key
   * @param value the value
   */
  public void put(K key, V value) {
    cache.put(key, new Entry<>(Objects.requireNonNull(value, "value"), nanoTime.getAsLong()));
  }

  /** Drops every entry. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /**
   * The number of entries (expired entries not yet cleaned up may be counted).
   *
   * @return the approximate size
   */
  public long size() {
    cache.cleanUp();
    return cache.size();
  }
}
