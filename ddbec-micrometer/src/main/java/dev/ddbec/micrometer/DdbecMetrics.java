package dev.ddbec.micrometer;

import dev.ddbec.api.observe.DdbecObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records ddbec's events as Micrometer meters: a {@link DdbecObserver} to hand to ddbec's builders,
 * and a {@link MeterBinder} to bind to one or more registries (Spring Boot binds {@code
 * MeterBinder} beans by itself).
 *
 * <pre>{@code
 * DdbecMetrics metrics = new DdbecMetrics();
 * metrics.bindTo(registry);
 * DynamoDbClient client = EncryptedDynamoDbClient.builder()
 *     .delegate(dynamoDb).materialsProvider(keys)
 *     .observer(metrics)
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@value #ITEMS}</td><td>timer</td><td>table, operation=encrypt|decrypt</td></tr>
 *   <tr><td>{@value #VERIFICATION_FAILURES}</td><td>counter</td>
 *       <td>table, reason=missing_signature|signature_mismatch|malformed</td></tr>
 *   <tr><td>{@value #PLAINTEXT_ITEMS}</td><td>counter</td><td>table, direction=read|write</td></tr>
 *   <tr><td>{@value #REQUESTS_REFUSED}</td><td>counter</td><td>operation</td></tr>
 *   <tr><td>{@value #KMS_CALLS}</td><td>timer</td><td>operation, outcome=success|failure</td></tr>
 *   <tr><td>{@value #METASTORE_READS}</td><td>timer</td><td>outcome=success|failure</td></tr>
 *   <tr><td>{@value #VERSIONS_CREATED}</td><td>counter</td><td>none</td></tr>
 *   <tr><td>{@value #PROVIDER_CACHE}</td><td>counter</td><td>result=hit|miss|reload</td></tr>
 *   <tr><td>{@value #BULK_ITEMS}</td><td>function counter</td><td>operation, table, count</td></tr>
 * </table>
 *
 * <p>Tags are table names, operation names and enum values: never key material, attribute values or
 * material descriptions. Meters are created on first use and kept (one per table and operation).
 * Thread-safe.
 */
public final class DdbecMetrics implements DdbecObserver, MeterBinder {
  /** Items encrypted and decrypted, with latency. */
  public static final String ITEMS = "ddbec.items";

  /** Items that failed verification or could not be read. */
  public static final String VERIFICATION_FAILURES = "ddbec.verification.failures";

  /** Items read or written in plaintext under a relaxed plaintext policy. */
  public static final String PLAINTEXT_ITEMS = "ddbec.plaintext.items";

  /** Requests refused before anything was sent. */
  public static final String REQUESTS_REFUSED = "ddbec.requests.refused";

  /** Calls to AWS KMS, with latency. */
  public static final String KMS_CALLS = "ddbec.kms.calls";

  /** Reads of the MetaStore table, with latency. */
  public static final String METASTORE_READS = "ddbec.metastore.reads";

  /** Versions created in the MetaStore by the most-recent provider. */
  public static final String VERSIONS_CREATED = "ddbec.metastore.versions.created";

  /** Look-ups in the most-recent provider's cache. */
  public static final String PROVIDER_CACHE = "ddbec.provider.cache";

  /** Bulk-run counts (scanned, ok, tampered, rewritten, …). */
  public static final String BULK_ITEMS = "ddbec.bulk.items";

  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final Map<String, Timer> encrypted = new ConcurrentHashMap<>();
  private final Map<String, Timer> decrypted = new ConcurrentHashMap<>();
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Outcome, Map<String, Timer>> kmsCalls = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Timer> metaStoreReads = new EnumMap<>(Outcome.class);
  private final Map<CacheResult, Counter> cache = new EnumMap<>(CacheResult.class);
  private final Counter versionsCreated;
  private final Map<List<String>, AtomicLong> bulk = new ConcurrentHashMap<>();

  /** Metrics bound to no registry yet: see {@link #bindTo}. */
  public DdbecMetrics() {
    for (Outcome o : Outcome.values()) {
      kmsCalls.put(o, new ConcurrentHashMap<>());
      metaStoreReads.put(
          o,
          Timer.builder(METASTORE_READS)
              .description("Reads of the MetaStore table by the most-recent provider")
              .tag("outcome", tag(o))
              .register(registry));
    }
    for (CacheResult r : CacheResult.values()) {
      cache.put(
          r,
          Counter.builder(PROVIDER_CACHE)
              .description("Look-ups in the most-recent provider's cache")
              .tag("result", tag(r))
              .register(registry));
    }
    versionsCreated =
        Counter.builder(VERSIONS_CREATED)
            .description("Versions created in the MetaStore by the most-recent provider")
            .register(registry);
  }

  /**
   * Adds {@code meterRegistry} to the registries the meters are reported to (those created so far
   * and those created later). May be called for several registries.
   *
   * @param meterRegistry the registry
   */
  @Override
  public void bindTo(MeterRegistry meterRegistry) {
    registry.add(Objects.requireNonNull(meterRegistry, "meterRegistry"));
  }

  @Override
  public void itemEncrypted(String table, long nanos) {
    encrypted
        .computeIfAbsent(table, t -> itemTimer(t, "encrypt"))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void itemDecrypted(String table, long nanos) {
    decrypted
        .computeIfAbsent(table, t -> itemTimer(t, "decrypt"))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void verificationFailed(String table, VerificationFailure reason) {
    counter(VERIFICATION_FAILURES, "table", table, "reason", tag(reason)).increment();
  }

  @Override
  public void malformedItem(String table) {
    counter(VERIFICATION_FAILURES, "table", table, "reason", "malformed").increment();
  }

  @Override
  public void plaintextItem(String table, Direction direction) {
    counter(PLAINTEXT_ITEMS, "table", table, "direction", tag(direction)).increment();
  }

  @Override
  public void requestRefused(String operation) {
    counter(REQUESTS_REFUSED, "operation", operation).increment();
  }

  @Override
  public void kmsCall(String operation, Outcome outcome, long nanos) {
    kmsCalls
        .get(outcome)
        .computeIfAbsent(
            operation,
            op ->
                Timer.builder(KMS_CALLS)
                    .description("Calls to AWS KMS by ddbec's providers")
                    .tag("operation", op)
                    .tag("outcome", tag(outcome))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void metaStoreRead(Outcome outcome, long nanos) {
    metaStoreReads.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void versionCreated() {
    versionsCreated.increment();
  }

  @Override
  public void providerCache(CacheResult result) {
    cache.get(result).increment();
  }

  @Override
  public void bulkProgress(String operation, String table, String count, long total) {
    bulk.computeIfAbsent(
            List.of(operation, table, count),
            k -> {
              AtomicLong value = new AtomicLong();
              FunctionCounter.builder(BULK_ITEMS, value, AtomicLong::get)
                  .description("Items of bulk runs, by count (scanned, ok, tampered, ...)")
                  .tag("operation", operation)
                  .tag("table", table)
                  .tag("count", count)
                  .register(registry);
              return value;
            })
        .set(total);
  }

  @Override
  public String toString() {
    return "DdbecMetrics{registries=" + registry.getRegistries().size() + '}';
  }

  private Timer itemTimer(String table, String operation) {
    return Timer.builder(ITEMS)
        .description("Items encrypted and signed, or verified and decrypted, by ddbec")
        .tag("table", table)
        .tag("operation", operation)
        .register(registry);
  }

  /** A counter of rare events (failures, refusals), by name and tags. */
  private Counter counter(String name, String... tags) {
    return counters.computeIfAbsent(
        List.of(name, String.join("\u0000", tags)),
        k -> Counter.builder(name).tags(tags).register(registry));
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
