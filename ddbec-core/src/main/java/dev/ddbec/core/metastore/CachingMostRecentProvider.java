package dev.ddbec.core.metastore;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.observe.DdbecObserver.CacheResult;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.internal.Observations;
import dev.ddbec.core.internal.RefreshingCache;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Encrypts with the most recent version of a {@link MetaStore} material and decrypts with whichever
 * version wrote the item, caching versions so that the MetaStore (and the meta provider behind it,
 * e.g. KMS) is consulted once per version and time-to-live period rather than once per item. The
 * equivalent of the official clients' {@code CachingMostRecentProvider} (docs/format.md §6.5);
 * items are interchangeable with theirs.
 *
 * <pre>{@code
 * MaterialsProvider provider = CachingMostRecentProvider.builder()
 *     .metaStore(metaStore)
 *     .materialName("orders")
 *     .ttl(Duration.ofMinutes(5))
 *     .build();
 * ItemEncryptor encryptor = ItemEncryptor.create(provider);
 * }</pre>
 *
 * <ul>
 *   <li><b>Encrypt:</b> the current version is the MetaStore's {@link MetaStore#currentVersion
 *       current version} (the highest one, ignoring versions planted far above the others, see
 *       {@link MetaStore.Builder#maxVersionGap}), cached for the TTL; if the material has no
 *       version yet, the MetaStore's minimum version (default 0) is created. Rotation ({@link
 *       MetaStore#newVersion}) is never done here: encryption switches to a new version at most one
 *       TTL (plus grace period) after it was created.
 *   <li><b>Never back:</b> once this provider has encrypted under a version, it never encrypts
 *       under a lower one. If the MetaStore no longer has that version nor a later one (rows
 *       deleted, table restored from an old backup), encryption fails with {@link
 *       MaterialsUnavailableException} (once the cached version expires) instead of going back to
 *       older keys; {@link #refresh()} does not change that, a new provider does.
 *   <li><b>Decrypt:</b> the version comes from the item's {@code amzn-ddb-meta-id} ({@link
 *       MetaStore#versionFromMaterialDescription}) and is looked up under this provider's material
 *       name; the name recorded in the item is not checked (as in the official clients: the
 *       signature decides). A version that does not exist is an error; decryption never creates
 *       versions. A version below the MetaStore's {@link MetaStore.Builder#minimumVersion minimum
 *       version} is retired: its items are refused with {@link ItemIntegrityException}.
 *   <li><b>Time to live:</b> a cached version or provider younger than the TTL is used as it is.
 *       Between the TTL and TTL + 0.5 s (the grace period) one caller re-reads it from the
 *       MetaStore while all others keep using the cached one. After TTL + 0.5 s it is dropped and
 *       the next caller re-reads it while concurrent callers wait for that single read. Re-reading
 *       re-decrypts the MetaStore row, so revoking the meta provider's access (e.g. the KMS key
 *       policy) takes effect within TTL + 0.5 s.
 *   <li><b>Size:</b> at most {@code maxCacheSize} versions (default 1000), least recently used
 *       dropped first.
 *   <li><b>Logging</b> (SLF4J, named after this class): a failed grace-period refresh at WARN once
 *       per streak of failures (the cause's message, no stack trace), later ones at DEBUG, the
 *       first success after at INFO. Failed loads of expired versions are thrown, not logged.
 * </ul>
 *
 * <p>Immutable configuration, thread-safe. {@link #close()} releases what the provider owns:
 * nothing when built with the builder (the caller owns the MetaStore's client), the DynamoDB client
 * and meta provider when built from configuration by the {@code most-recent} factory.
 */
public final class CachingMostRecentProvider implements MaterialsProvider, AutoCloseable {
  /** The grace period after the TTL during which one caller refreshes and others use the cache. */
  public static final Duration GRACE_PERIOD = Duration.ofMillis(500);

  /** The default maximum number of cached versions. */
  public static final int DEFAULT_MAX_CACHE_SIZE = 1000;

  private final MetaStore metaStore;
  private final String materialName;
  private final Function<EncryptionContext, String> materialNames;
  private final Duration ttl;
  private final int maxCacheSize;
  private final RefreshingCache<String, Long> currentVersion;
  private final RefreshingCache<NameVersion, MaterialsProvider> providers;
  private final AutoCloseable owned;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final DdbecObserver observer;
  private final Map<String, AtomicLong> highestSeen = new ConcurrentHashMap<>();

  /** A cached version provider's key: the material name and the version. */
  private record NameVersion(String name, long version) {}

  private CachingMostRecentProvider(Builder b) {
    if (b.metaStore == null) {
      throw new InvalidConfigurationException("CachingMostRecentProvider needs a MetaStore");
    }
    this.metaStore = b.metaStore;
    if (b.materialNameSelector != null) {
      if (b.materialName != null) {
        throw new InvalidConfigurationException(
            "CachingMostRecentProvider takes a materialName or a materialNameSelector, not both");
      }
      this.materialName = null;
      this.materialNames = c -> MetaStore.checkMaterialName(b.materialNameSelector.apply(c));
    } else {
      String name = MetaStore.checkMaterialName(b.materialName);
      this.materialName = name;
      this.materialNames = c -> name;
    }
    if (b.ttl == null || b.ttl.isNegative() || b.ttl.isZero()) {
      throw new InvalidConfigurationException(
          "CachingMostRecentProvider needs a positive time to live (ttl), e.g. 5 minutes");
    }
    if (b.maxCacheSize < 1) {
      throw new InvalidConfigurationException(
          "CachingMostRecentProvider's maxCacheSize must be at least 1");
    }
    this.ttl = b.ttl;
    this.maxCacheSize = b.maxCacheSize;
    this.owned = b.owned;
    LongSupplier nanoTime = b.nanoTime;
    this.observer = b.observer;
    RefreshLog log = new RefreshLog(metaStore.tableName(), observer);
    this.providers =
        new RefreshingCache<>(
            ttl,
            GRACE_PERIOD,
            maxCacheSize,
            nanoTime,
            key ->
                Observations.metaStoreRead(
                    observer, () -> metaStore.provider(key.name(), key.version())),
            log);
    this.currentVersion =
        new RefreshingCache<>(
            ttl,
            GRACE_PERIOD,
            materialName != null ? 1 : maxCacheSize,
            nanoTime,
            this::loadCurrentVersion,
            log);
  }

  /**
   * Logs failed reloads once per streak of failures (a MetaStore outage makes every caller in the
   * grace period retry), with the cause's message and no stack trace, and the first success after a
   * streak once. Later failures of a streak go to DEBUG.
   */
  private static final class RefreshLog implements RefreshingCache.Listener<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(CachingMostRecentProvider.class);

    private final String tableName;
    private final DdbecObserver observer;
    private final AtomicBoolean failing = new AtomicBoolean();

    RefreshLog(String tableName, DdbecObserver observer) {
      this.tableName = tableName;
      this.observer = observer;
    }

    @Override
    public void lookedUp(Object key, CacheResult result) {
      observer.providerCache(result);
    }

    private static String materialName(Object key) {
      return key instanceof NameVersion nv ? nv.name() : String.valueOf(key);
    }

    @Override
    public void reloadFailed(Object key, RuntimeException failure) {
      boolean first = failing.compareAndSet(false, true);
      LOG.atLevel(first ? Level.WARN : Level.DEBUG)
          .log(
              () ->
                  "Refreshing material '"
                      + materialName(key)
                      + "' from MetaStore table '"
                      + tableName
                      + "' failed; cached versions stay in use until they expire (TTL + grace"
                      + " period)"
                      + (first
                          ? ", and further failures are logged at DEBUG until a refresh succeeds"
                          : "")
                      + ". Cause: "
                      + failure.getClass().getSimpleName()
                      + ": "
                      + failure.getMessage());
    }

    @Override
    public void loaded(Object key) {
      if (failing.compareAndSet(true, false)) {
        LOG.atInfo().log(
            () ->
                "Refreshing material '"
                    + materialName(key)
                    + "' from MetaStore table '"
                    + tableName
                    + "' works again");
      }
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private Long loadCurrentVersion(String name) {
    long seen = highestSeen(name).get();
    if (seen >= 0) {
      // One query: the highest version from the one in use to the maximum gap above it.
      OptionalLong current =
          Observations.metaStoreRead(observer, () -> metaStore.currentVersionFrom(name, seen));
      if (current.isEmpty()) {
        throw new MaterialsUnavailableException(
            "MetaStore table '"
                + metaStore.tableName()
                + "' no longer has version "
                + seen
                + " of material '"
                + name
                + "', which this process has already used, nor a later one: its rows were deleted"
                + " or the table was restored from an older backup. Encryption does not go back to"
                + " an older version; restore the rows (or restart the process if the versions were"
                + " removed on purpose)");
      }
      return seen(name, current.getAsLong());
    }
    OptionalLong current =
        Observations.metaStoreRead(observer, () -> metaStore.currentVersion(name));
    if (current.isPresent()) {
      return seen(name, current.getAsLong());
    }
    // First use of this material: create the minimum version (or use the one a concurrent writer
    // created).
    MetaStore.Version created = metaStore.getOrCreate(name, metaStore.minimumVersion());
    if (created.created()) {
      observer.versionCreated();
    }
    providers.put(new NameVersion(name, created.version()), created.provider());
    return seen(name, created.version());
  }

  private AtomicLong highestSeen(String name) {
    return highestSeen.computeIfAbsent(name, n -> new AtomicLong(-1));
  }

  /** Records a version encryption will use; the highest one seen never decreases. */
  private long seen(String name, long version) {
    return highestSeen(name).accumulateAndGet(version, Math::max);
  }

  @Override
  public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
    String name = materialNames.apply(context);
    long version = currentVersion.get(name);
    return providers.get(new NameVersion(name, version)).encryptionMaterials(context);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ItemIntegrityException if the item has no valid {@code amzn-ddb-meta-id}, or its
   *     version is retired (below the MetaStore's minimum version)
   * @throws MaterialsUnavailableException if that version does not exist or cannot be read
   */
  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    long version = MetaStore.versionFromMaterialDescription(context.materialDescription());
    String name = materialNames.apply(context);
    return providers.get(new NameVersion(name, version)).decryptionMaterials(context);
  }

  /** Drops every cached version, so the next calls re-read the MetaStore. */
  @Override
  public void refresh() {
    currentVersion.invalidateAll();
    providers.invalidateAll();
  }

  /**
   * The version encryption currently uses, if it is cached (nothing is read).
   *
   * @return the cached current version, or empty
   */
  public OptionalLong cachedCurrentVersion() {
    return materialName == null ? OptionalLong.empty() : cachedCurrentVersion(materialName);
  }

  /**
   * The version encryption currently uses for one material name, if it is cached (nothing is read).
   *
   * @param name the material name
   * @return the cached current version, or empty
   */
  public OptionalLong cachedCurrentVersion(String name) {
    return currentVersion.getIfPresent(name).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /**
   * The material name.
   *
   * @return the name, or null when names are chosen per item by a {@link
   *     Builder#materialNameSelector selector}
   */
  public String materialName() {
    return materialName;
  }

  /**
   * The time to live of cached versions.
   *
   * @return the TTL
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * The maximum number of cached versions.
   *
   * @return the bound
   */
  public int maxCacheSize() {
    return maxCacheSize;
  }

  /**
   * The MetaStore.
   *
   * @return the MetaStore
   */
  public MetaStore metaStore() {
    return metaStore;
  }

  /** Number of cached version providers (for tests). */
  long cachedProviderCount() {
    return providers.size();
  }

  /**
   * Drops the caches and closes what this provider owns (see the class comment). Idempotent.
   *
   * @throws MaterialsUnavailableException if releasing an owned resource fails
   */
  @Override
  public void close() {
    refresh();
    if (owned != null && closed.compareAndSet(false, true)) {
      try {
        owned.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) { // AutoCloseable.close() declares Exception
        throw new MaterialsUnavailableException(
            "Closing the most-recent provider's resources failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "CachingMostRecentProvider{material="
        + (materialName != null ? materialName : "(selected per item)")
        + ", ttl="
        + ttl
        + ", maxCacheSize="
        + maxCacheSize
        + ", "
        + metaStore
        + '}';
  }

  /** Builder for {@link CachingMostRecentProvider}. Not thread-safe. */
  public static final class Builder {
    private MetaStore metaStore;
    private String materialName;
    private Function<EncryptionContext, String> materialNameSelector;
    private Duration ttl;
    private int maxCacheSize = DEFAULT_MAX_CACHE_SIZE;
    private LongSupplier nanoTime = System::nanoTime;
    private AutoCloseable owned;
    private DdbecObserver observer = DdbecObserver.NOOP;

    private Builder() {}

    /**
     * Reports MetaStore reads, version creations and cache hits, misses and reloads to {@code
     * observer}; default none.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(DdbecObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * The MetaStore holding the material's versions.
     *
     * @param metaStore the MetaStore
     * @return this builder
     */
    public Builder metaStore(MetaStore metaStore) {
      this.metaStore = metaStore;
      return this;
    }

    /**
     * The material name (no {@code '#'}).
     *
     * @param materialName the name
     * @return this builder
     */
    public Builder materialName(String materialName) {
      this.materialName = materialName;
      return this;
    }

    /**
     * Chooses the material name of each item from its encryption context instead of one {@link
     * #materialName(String) name}, e.g. one material per tenant in a shared MetaStore: the official
     * Java client's {@code CachingMostRecentProvider.getMaterialName(EncryptionContext)} override,
     * as a function. It is asked on encryption and on decryption (with the stored item's context),
     * so choose from attributes stored in the clear, such as the partition key. Each name has its
     * own current version, cache entries and TTL clock, and its own never-back rule; a null, blank
     * or {@code '#'}-containing name is an {@link InvalidConfigurationException}. The
     * current-version cache then holds up to {@link #maxCacheSize(int) maxCacheSize} names.
     *
     * @param selector encryption context to material name
     * @return this builder
     */
    public Builder materialNameSelector(Function<EncryptionContext, String> selector) {
      this.materialNameSelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * How long a version is used before the MetaStore is asked again. Required. Shorter means
     * faster pick-up of rotations and revocations, longer means fewer MetaStore and KMS calls.
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * The maximum number of cached versions (default {@value
     * CachingMostRecentProvider#DEFAULT_MAX_CACHE_SIZE}).
     *
     * @param maxCacheSize at least 1
     * @return this builder
     */
    public Builder maxCacheSize(int maxCacheSize) {
      this.maxCacheSize = maxCacheSize;
      return this;
    }

    /** A monotonic nanosecond clock instead of {@link System#nanoTime()} (tests). */
    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** Something the provider owns and closes in {@link #close()} (the factory's client). */
    Builder owned(AutoCloseable owned) {
      this.owned = owned;
      return this;
    }

    /**
     * Builds the provider. Nothing is read until it is first used.
     *
     * @return the provider
     * @throws InvalidConfigurationException if the MetaStore, material name or TTL is missing or
     *     invalid
     */
    public CachingMostRecentProvider build() {
      return new CachingMostRecentProvider(this);
    }
  }
}
