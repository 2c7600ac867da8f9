package dev.ddbec.core.internal;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 *       fails the caller gets the cached value too (Guava logs the failure) and the next caller
 *       tries again;
 *   <li>from {@code ttl + grace} on the entry is expired: the next caller loads it and concurrent
 *       callers for the same key wait for that one load (no stampede), and a failure is thrown to
 *       them;
 *   <li>at most {@code maximumSize} entries, the least recently used evicted first.
 * </ul>
 *
 * <p>Loader exceptions reach the caller unwrapped. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RefreshingCache<K, V> {
  private final LoadingCache<K, V> cache;

  /**
   * Creates a cache.
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
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (ttl.isNegative() || ttl.isZero() || grace.isNegative() || maximumSize <= 0) {
      throw new IllegalArgumentException(
          "ttl and maximumSize must be positive, grace not negative");
    }
    this.cache =
        CacheBuilder.newBuilder()
            // One segment: exact LRU order for the size bound. Reads stay lock-free; only loads
            // and evictions take the segment lock.
            .concurrencyLevel(1)
            .maximumSize(maximumSize)
            .refreshAfterWrite(ttl)
            .expireAfterWrite(ttl.plus(grace))
            .ticker(
                new Ticker() {
                  @Override
                  public long read() {
                    return nanoTime.getAsLong();
                  }
                })
            .build(
                new CacheLoader<K, V>() {
                  @Override
                  public V load(K key) {
                    // The default reload() calls this synchronously in the refreshing caller.
                    return Objects.requireNonNull(loader.apply(key), "cache loader returned null");
                  }
                });
  }

  /**
   * The cached value, loaded or reloaded as described in the class comment.
   *
   * @param key the key
   * @return the value
   */
  public V get(K key) {
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
   * The cached value if present and not expired, without loading or refreshing.
   *
   * @param key the key
   * @return the value, or empty
   */
  public Optional<V> getIfPresent(K key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  /**
   * Stores a value as if it had just been loaded.
   *
   * @param key the key
   * @param value the value
   */
  public void put(K key, V value) {
    cache.put(key, value);
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
