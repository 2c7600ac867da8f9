package dev.ddbec.benchmarks;

import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.micrometer.DdbecMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What observation costs on the item path (docs/observability.md): {@code encryptItem} and {@code
 * decryptItem} with the default observer ({@code NOOP}: one reference comparison, no clock read)
 * and with ddbec-micrometer's {@code DdbecMetrics} on a {@code SimpleMeterRegistry} (two clock
 * reads and a timer update per item). The ratio MICROMETER ÷ NOOP of one run is the overhead of
 * metrics; NOOP here against {@link ItemEncryptionBenchmark}'s {@code ddbecEncrypt} of a build
 * before the observer existed (same shape and provider) is the cost of the hook itself.
 */
public class ObserverBenchmark extends BenchmarkDefaults {
  /** Which observer the encryptor reports to. */
  public enum ObserverKind {
    /** The default: {@link DdbecObserver#NOOP}. */
    NOOP,
    /** {@link DdbecMetrics} bound to a {@link SimpleMeterRegistry}. */
    MICROMETER
  }

  /** The encryptor under test, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Subject {
    /** Item shape. */
    @Param({"TYPICAL"})
    public ItemShape shape;

    /** Materials provider. */
    @Param({"STATIC", "WRAPPED_AES"})
    public ProviderKind provider;

    /** Observer. */
    @Param public ObserverKind observer;

    ProviderPair providers;
    ItemEncryptor encryptor;
    CryptoConfig config;

    /** Builds the encryptor and checks a round trip. */
    @Setup(Level.Trial)
    public void setUp() {
      providers = provider.open(KeyMaterial.standard());
      DdbecObserver o = DdbecObserver.NOOP;
      if (observer == ObserverKind.MICROMETER) {
        DdbecMetrics metrics = new DdbecMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        o = metrics;
      }
      encryptor = ItemEncryptor.create(providers.ddbec()).withObserver(o);
      config = CryptoConfig.of(ItemShape.context(), ItemShape.actions());
      Map<String, AttributeValue> item = shape.item();
      if (!AttributeEquality.itemsEqual(
          encryptor.decryptItem(encryptor.encryptItem(item, config), config), item)) {
        throw new IllegalStateException("round trip failed");
      }
    }

    /** Closes what the provider holds open. */
    @TearDown(Level.Trial)
    public void tearDown() {
      providers.close();
    }
  }

  /** One thread's items. */
  @State(Scope.Thread)
  public static class Items {
    Map<String, AttributeValue> plain;
    Map<String, AttributeValue> stored;

    /**
     * Makes this thread's items.
     *
     * @param s the shared subject
     */
    @Setup(Level.Trial)
    public void setUp(Subject s) {
      plain = s.shape.item();
      stored = s.encryptor.encryptItem(plain, s.config);
    }
  }

  /**
   * {@code encryptItem}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the stored item
   */
  @Benchmark
  public Map<String, AttributeValue> encrypt(Subject s, Items items) {
    return s.encryptor.encryptItem(items.plain, s.config);
  }

  /**
   * {@code decryptItem}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the plaintext item
   */
  @Benchmark
  public Map<String, AttributeValue> decrypt(Subject s, Items items) {
    return s.encryptor.decryptItem(items.stored, s.config);
  }
}
