package dev.ddbec.benchmarks.report;

import dev.ddbec.benchmarks.ClientKind;
import dev.ddbec.benchmarks.ItemShape;
import dev.ddbec.benchmarks.ProviderKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * JMH results indexed the way the report reads them: item encryption by threads × shape × provider
 * × operation × implementation, the floor by threads × shape × provider × operation, helper clients
 * (synchronous and asynchronous) by threads × shape × client.
 */
final class Results {
  static final String DDBEC = "ddbec";
  static final String OFFICIAL = "official";
  static final String FLOOR = "floor";
  static final List<String> OPS = List.of("encrypt", "decrypt");

  /** The floor benchmark methods that also build the item as SDK values: {@code <op>ToSdkItem}. */
  static final String SDK_ITEM_SUFFIX = "ToSdkItem";

  private static final String ITEM_BENCHMARK = "ItemEncryptionBenchmark";
  private static final String FLOOR_BENCHMARK = "CryptoFloorBenchmark";
  private static final String HELPER_BENCHMARK = "HelperClientBenchmark";
  private static final String ASYNC_BENCHMARK = "AsyncClientBenchmark";

  /**
   * A measured value.
   *
   * @param score ops/s
   * @param error confidence half-width (NaN if unknown)
   * @param alloc bytes allocated per operation (NaN if unknown)
   */
  record Measure(double score, double error, double alloc) {}

  /**
   * A ratio of two measures with its propagated error (NaN if either error is unknown).
   *
   * @param value a ÷ b
   * @param error propagated half-width
   */
  record Ratio(double value, double error) {
    static Ratio of(Measure a, Measure b) {
      if (a == null || b == null || !(b.score() > 0)) {
        return null;
      }
      double r = a.score() / b.score();
      double e = r * Math.hypot(a.error() / a.score(), b.error() / b.score());
      return new Ratio(r, e);
    }
  }

  private static final String OBSERVER_BENCHMARK = "ObserverBenchmark";

  private final Map<String, Measure> measures = new HashMap<>();
  private final Set<Integer> threads = new TreeSet<>();
  private final Set<String> shapes = new LinkedHashSet<>();
  private final Set<String> providers = new LinkedHashSet<>();
  private final Set<String> clients = new LinkedHashSet<>();
  private final Set<JmhResult.RunSettings> runs = new LinkedHashSet<>();
  private final List<JmhResult> all = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  Results(Collection<JmhResult> results) {
    for (JmhResult r : results) {
      if (OBSERVER_BENCHMARK.equals(r.benchmarkClass())) {
        continue; // its own section of docs/performance.md ("Observation cost"), not these tables
      }
      String key = key(r);
      if (key == null) {
        warnings.add("ignored unknown benchmark " + r.benchmarkClass() + "." + r.method());
        continue;
      }
      if (measures.put(key, new Measure(r.score(), r.error(), r.allocPerOp())) != null) {
        warnings.add("measured twice, the later file wins: " + key);
        all.removeIf(old -> key.equals(key(old)));
      }
      all.add(r);
      runs.add(r.run());
      threads.add(r.threads());
      if (r.param("shape") != null) {
        shapes.add(r.param("shape"));
      }
      if (r.param("provider") != null) {
        providers.add(r.param("provider"));
      }
      if (r.param("client") != null) {
        clients.add(r.param("client"));
      }
    }
  }

  private static String key(JmhResult r) {
    String shape = r.param("shape");
    return switch (r.benchmarkClass()) {
      case ITEM_BENCHMARK -> {
        String impl = r.method().startsWith(DDBEC) ? DDBEC : OFFICIAL;
        String op = r.method().substring(impl.length()).toLowerCase(java.util.Locale.ROOT);
        yield itemKey(r.threads(), shape, r.param("provider"), op, impl);
      }
      case FLOOR_BENCHMARK -> floorKey(r.threads(), shape, r.param("provider"), r.method());
      case HELPER_BENCHMARK -> helperKey(r.threads(), shape, r.param("client"));
      case ASYNC_BENCHMARK -> asyncKey(r.threads(), shape, r.param("client"));
      default -> null;
    };
  }

  private static String itemKey(int t, String shape, String provider, String op, String impl) {
    return "item/" + t + "/" + shape + "/" + provider + "/" + op + "/" + impl;
  }

  private static String floorKey(int t, String shape, String provider, String op) {
    return "floor/" + t + "/" + shape + "/" + provider + "/" + op;
  }

  private static String helperKey(int t, String shape, String client) {
    return "helper/" + t + "/" + shape + "/" + client;
  }

  private static String asyncKey(int t, String shape, String client) {
    return "async/" + t + "/" + shape + "/" + client;
  }

  Measure item(int threads, String shape, String provider, String op, String impl) {
    return measures.get(itemKey(threads, shape, provider, op, impl));
  }

  Measure floor(int threads, String shape, String provider, String op) {
    return measures.get(floorKey(threads, shape, provider, op));
  }

  /**
   * The floor of an SDK v2 API: the floor's cryptography, then the item as SDK values ({@code
   * CryptoFloorBenchmark.encryptToSdkItem} and {@code decryptToSdkItem}).
   */
  Measure sdkFloor(int threads, String shape, String provider, String op) {
    return measures.get(floorKey(threads, shape, provider, op + SDK_ITEM_SUFFIX));
  }

  Measure helper(int threads, String shape, String client) {
    return measures.get(helperKey(threads, shape, client));
  }

  /** The asynchronous client's put+get pairs per second, {@code AsyncClientBenchmark}. */
  Measure async(int threads, String shape, String client) {
    return measures.get(asyncKey(threads, shape, client));
  }

  Set<Integer> threads() {
    return threads;
  }

  /**
   * One cell of the item benchmarks' grid.
   *
   * @param shape the item shape
   * @param provider the provider
   * @param op the operation
   */
  record Cell(String shape, String provider, String op) {}

  /** Every shape × provider × operation, in report order. */
  List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (String shape : shapes()) {
      for (String provider : providers()) {
        for (String op : OPS) {
          cells.add(new Cell(shape, provider, op));
        }
      }
    }
    return cells;
  }

  /** Shapes in {@link ItemShape} order, unknown names last. */
  List<String> shapes() {
    return ordered(shapes, name -> enumOrdinal(ItemShape.class, name));
  }

  /** Providers in {@link ProviderKind} order, unknown names last. */
  List<String> providers() {
    return ordered(providers, name -> enumOrdinal(ProviderKind.class, name));
  }

  /** Clients in {@link ClientKind} order, unknown names last. */
  List<String> clients() {
    return ordered(clients, name -> enumOrdinal(ClientKind.class, name));
  }

  Set<JmhResult.RunSettings> runs() {
    return runs;
  }

  List<JmhResult> all() {
    return all;
  }

  List<String> warnings() {
    return warnings;
  }

  static String providerName(String provider) {
    return displayName(ProviderKind.class, provider, ProviderKind::displayName);
  }

  static String clientName(String client) {
    return displayName(ClientKind.class, client, ClientKind::displayName);
  }

  static String asyncClientName(String client) {
    return displayName(ClientKind.class, client, ClientKind::asyncDisplayName);
  }

  /** The display name of the constant {@code name} of {@code type}, or the name if none. */
  private static <E extends Enum<E>> String displayName(
      Class<E> type, String name, Function<E, String> display) {
    try {
      return display.apply(Enum.valueOf(type, name));
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  static String shapeName(String shape) {
    return shape.toLowerCase(java.util.Locale.ROOT);
  }

  private static <E extends Enum<E>> int enumOrdinal(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static List<String> ordered(Set<String> names, Function<String, Integer> rank) {
    List<String> out = new ArrayList<>(names);
    out.sort(Comparator.comparing(rank).thenComparing(Comparator.naturalOrder()));
    return out;
  }

  /**
   * Throughput with {@code t} threads ÷ with 1 thread, of ddbec, the official client or the floor.
   */
  Ratio scaling(int t, String shape, String provider, String op, String impl) {
    return impl.equals(Results.FLOOR)
        ? Ratio.of(floor(t, shape, provider, op), floor(1, shape, provider, op))
        : Ratio.of(item(t, shape, provider, op, impl), item(1, shape, provider, op, impl));
  }
}
