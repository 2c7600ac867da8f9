package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.core.testing.Latches;
import dev.ddbec.core.testing.RecordingLogHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshingCacheTest {
  /** Where Guava's refreshAfterWrite logs each failed reload with its stack trace. */
  static final String GUAVA_CACHE_LOGGER = "com.google.common.cache.LocalCache";

  private static final Duration TTL = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofMillis(500);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger loads = new AtomicInteger();
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  /** Loads "key@n" where n counts loads. */
  private RefreshingCache<String, String> cache(long maxSize, Function<String, String> extra) {
    return new RefreshingCache<>(
        TTL,
        GRACE,
        maxSize,
        now::get,
        k -> {
          int n = loads.incrementAndGet();
          String v = extra.apply(k);
          return v != null ? v : k + "@" + n;
        });
  }

  /** A cache whose second load counts {@code started} down, then waits for {@code release}. */
  private RefreshingCache<String, String> cacheBlockingSecondLoad(
      CountDownLatch started, CountDownLatch release) {
    return cache(
        10,
        k -> {
          if (loads.get() == 2) {
            started.countDown();
            await(release);
          }
          return null;
        });
  }

  @Test
  void get_youngerThanTtl_loadsOnce() {
    RefreshingCache<String, String> c = cache(10, k -> null);
    assertThat(c.get("a")).isEqualTo("a@1");
    advance(TTL.minusMillis(1));
    assertThat(c.get("a")).isEqualTo("a@1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void get_inGracePeriod_callerReloads() {
    RefreshingCache<String, String> c = cache(10, k -> null);
    c.get("a");
    advance(TTL.plusMillis(100));
    assertThat(c.get("a")).isEqualTo("a@2");
    assertThat(c.get("a")).isEqualTo("a@2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void get_inGracePeriodWhileAnotherCallerReloads_returnsCachedValueWithoutWaiting()
      throws Exception {
    CountDownLatch reloading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RefreshingCache<String, String> c = cacheBlockingSecondLoad(reloading, release);
    c.get("a");
    advance(TTL.plusMillis(100));
    Future<String> reloader = pool.submit(() -> c.get("a"));
    assertThat(reloading.await(10, TimeUnit.SECONDS)).isTrue();

    // Seven other callers during the reload: all get the cached value at once, none reloads.
    List<Future<String>> others = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      others.add(pool.submit(() -> c.get("a")));
    }
    for (Future<String> f : others) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("a@1");
    }
    release.countDown();
    assertThat(reloader.get(10, TimeUnit.SECONDS)).isEqualTo("a@2");
    assertThat(loads).hasValue(2);
    assertThat(c.get("a")).isEqualTo("a@2");
  }

  @Test
  void get_afterTtlPlusGrace_concurrentCallersShareOneLoad() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RefreshingCache<String, String> c = cacheBlockingSecondLoad(loading, release);
    c.get("a");
    advance(TTL.plus(GRACE).plusMillis(1));
    List<Future<String>> callers = new ArrayList<>();
    callers.add(pool.submit(() -> c.get("a")));
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 7; i++) {
      callers.add(pool.submit(() -> c.get("a")));
    }
    Thread.sleep(100);
    for (Future<String> f : callers) {
      assertThat(f).isNotDone(); // expired: nobody gets the old value
    }
    release.countDown();
    for (Future<String> f : callers) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("a@2");
    }
    assertThat(loads).hasValue(2);
  }

  @Test
  void get_refreshFailsInGracePeriod_returnsCachedValueAndRetriesNextCall() {
    RefreshingCache<String, String> c =
        cache(
            10,
            k -> {
              if (loads.get() == 2) {
                throw new IllegalStateException("store down");
              }
              return null;
            });
    c.get("a");
    advance(TTL.plusMillis(100));
    assertThat(c.get("a")).isEqualTo("a@1");
    assertThat(c.get("a")).isEqualTo("a@3");
  }

  @Test
  void get_reloadsFail_listenerHearsEachFailureAndTheRecoveryAndGuavaLogsNothing() {
    List<String> events = new ArrayList<>();
    RefreshingCache.Listener<String> listener =
        new RefreshingCache.Listener<>() {
          @Override
          public void reloadFailed(String key, RuntimeException failure) {
            events.add("failed " + key + ": " + failure.getMessage());
          }

          @Override
          public void loaded(String key) {
            events.add("loaded " + key);
          }
        };
    boolean[] down = {false};
    RefreshingCache<String, String> c =
        new RefreshingCache<>(
            TTL,
            GRACE,
            10,
            now::get,
            k -> {
              if (down[0]) {
                throw new IllegalStateException("store down");
              }
              return k + "@" + loads.incrementAndGet();
            },
            listener);
    try (RecordingLogHandler guava = RecordingLogHandler.attach(GUAVA_CACHE_LOGGER)) {
      c.get("a");
      advance(TTL.plusMillis(100));
      down[0] = true;
      assertThat(c.get("a")).isEqualTo("a@1");
      assertThat(c.get("a")).isEqualTo("a@1");
      down[0] = false;
      assertThat(c.get("a")).isEqualTo("a@2");

      assertThat(events)
          .containsExactly("loaded a", "failed a: store down", "failed a: store down", "loaded a");
      assertThat(guava.records()).isEmpty();
    }
  }

  @Test
  void get_loadFailsAfterExpiry_throwsLoaderExceptionUnwrapped() {
    RefreshingCache<String, String> c =
        cache(
            10,
            k -> {
              if (loads.get() >= 2) {
                throw new IllegalStateException("store down");
              }
              return null;
            });
    c.get("a");
    advance(TTL.plus(GRACE).plusMillis(1));
    assertThatThrownBy(() -> c.get("a"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("store down");
  }

  @Test
  void get_moreKeysThanMaximumSize_evictsLeastRecentlyUsed() {
    RefreshingCache<String, String> c = cache(2, k -> null);
    c.get("a");
    c.get("b");
    c.get("a"); // b is now least recently used
    c.get("c");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.getIfPresent("a")).contains("a@1");
    assertThat(c.getIfPresent("b")).isEmpty();
    assertThat(c.getIfPresent("c")).contains("c@3");
  }

  @Test
  void invalidateAll_thenGet_reloads() {
    RefreshingCache<String, String> c = cache(10, k -> null);
    c.get("a");
    c.invalidateAll();
    assertThat(c.get("a")).isEqualTo("a@2");
  }

  @Test
  void put_thenGet_usesPutValueUntilTtl() {
    RefreshingCache<String, String> c = cache(10, k -> null);
    c.put("a", "primed");
    assertThat(c.get("a")).isEqualTo("primed");
    assertThat(loads).hasValue(0);
  }

  private static void await(CountDownLatch latch) {
    Latches.await(latch, 10, "test latch timed out");
  }
}
