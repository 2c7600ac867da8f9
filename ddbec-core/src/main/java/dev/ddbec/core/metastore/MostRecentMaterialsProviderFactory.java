package dev.ddbec.core.metastore;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.ProviderResolutionException;
import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code provider=most-recent}: a {@link CachingMostRecentProvider} over a {@link MetaStore} whose
 * rows are protected by a nested "meta" provider, itself configured by name under {@code meta.}.
 *
 * <pre>
 * provider=most-recent
 * table=ddbec-keys                 # the MetaStore table
 * material-name=orders
 * ttl=5m                           # 500ms, 30s, 5m, 1h, or ISO-8601 (PT5M)
 * meta.provider=kms                # the meta provider and its options, prefixed with meta.
 * meta.key-id=arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
 * # optional:
 * max-cache-size=1000
 * min-version=0                    # versions below are retired: their items are refused
 * max-version-gap=1000             # a version further above the one before it is ignored
 * region=eu-west-1                 # else the SDK's default region chain (AWS_REGION, profile)
 * endpoint=http://127.0.0.1:8000   # a DynamoDB-compatible endpoint, e.g. a local moto server
 * </pre>
 *
 * <p>The factory builds its own {@link DynamoDbClient} with the SDK's default credentials chain and
 * whichever SDK HTTP client is on the class path; the provider owns that client and the meta
 * provider and releases them in {@link CachingMostRecentProvider#close()}. The meta provider's
 * factories are found with {@link MaterialsProviders#factories(ClassLoader)} (thread context class
 * loader), and its {@code env:} references resolve with the same environment as the outer
 * configuration. See {@code docs/providers.md}.
 */
public final class MostRecentMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  private static final String META_PREFIX = "meta.";
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

  /** ServiceLoader constructor. */
  public MostRecentMaterialsProviderFactory() {
    super(
        "most-recent",
        "table",
        "material-name",
        "ttl",
        "max-cache-size",
        "min-version",
        "max-version-gap",
        "region",
        "endpoint",
        META_PREFIX + "*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    String table = config.require("table");
    String materialName = config.require("material-name");
    try {
      MetaStore.checkMaterialName(materialName);
    } catch (InvalidConfigurationException e) {
      throw config.bad("material-name", "must be non-empty and must not contain '#'");
    }
    Duration ttl = duration(config, "ttl");
    int maxCacheSize = maxCacheSize(config);
    long minimumVersion = longOption(config, "min-version", 0, 0);
    long maxVersionGap =
        longOption(config, "max-version-gap", MetaStore.DEFAULT_MAX_VERSION_GAP, 1);
    Optional<Region> region = config.regionName("region").map(Region::of);
    Optional<URI> endpoint = config.httpUrl("endpoint", "http://127.0.0.1:8000");

    Map<String, String> metaOptions = config.withPrefix(META_PREFIX);
    if (!metaOptions.containsKey(MaterialsProviders.PROVIDER_OPTION)) {
      throw config.missing(META_PREFIX + MaterialsProviders.PROVIDER_OPTION);
    }
    MaterialsProvider meta = metaProvider(metaOptions, config);

    DynamoDbClient client;
    try {
      DynamoDbClientBuilder b = DynamoDbClient.builder();
      region.ifPresent(b::region);
      endpoint.ifPresent(b::endpointOverride);
      client = b.build();
    } catch (SdkException e) {
      closeQuietly(meta, e);
      throw new InvalidConfigurationException(
          "Provider 'most-recent' cannot build its DynamoDB client ("
              + e.getMessage()
              + "). Set option 'region' (or AWS_REGION), and put an SDK HTTP client such as"
              + " software.amazon.awssdk:url-connection-client on the class path",
          e);
    }
    AutoCloseable owned =
        () -> {
          try (client) {
            if (meta instanceof AutoCloseable c) {
              c.close();
            }
          }
        };
    try {
      MetaStore store =
          MetaStore.builder()
              .dynamoDbClient(client)
              .tableName(table)
              .materialsProvider(meta)
              .minimumVersion(minimumVersion)
              .maxVersionGap(maxVersionGap)
              .build();
      return CachingMostRecentProvider.builder()
          .metaStore(store)
          .materialName(materialName)
          .ttl(ttl)
          .maxCacheSize(maxCacheSize)
          .owned(owned)
          .build();
    } catch (RuntimeException e) {
      closeQuietly(owned, e);
      throw e;
    }
  }

  private static MaterialsProvider metaProvider(
      Map<String, String> options, ProviderConfig config) {
    String prefix = "Provider 'most-recent': meta provider (" + META_PREFIX + "* options): ";
    try {
      return MaterialsProviders.load(
          options,
          MaterialsProviders.factories(Thread.currentThread().getContextClassLoader()),
          config.environment());
    } catch (ProviderResolutionException e) {
      throw new ProviderResolutionException(prefix + e.getMessage(), e);
    } catch (InvalidConfigurationException e) {
      throw new InvalidConfigurationException(prefix + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or an ISO-8601 duration ({@code
   * PT5M}); must be positive.
   */
  static Duration duration(ProviderConfig config, String name) {
    String v = config.require(name);
    Duration d;
    Matcher m = SIMPLE_DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        d = Duration.parse(v);
      } catch (DateTimeParseException e) {
        throw config.bad(name, "must be a duration such as 500ms, 30s, 5m, 1h or PT5M");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw config.bad(name, "must be positive");
    }
    return d;
  }

  private static int maxCacheSize(ProviderConfig config) {
    Optional<String> v = config.optional("max-cache-size");
    if (v.isEmpty()) {
      return CachingMostRecentProvider.DEFAULT_MAX_CACHE_SIZE;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw config.bad("max-cache-size", "must be a whole number of at least 1");
  }

  private static long longOption(ProviderConfig config, String name, long defaultValue, long min) {
    Optional<String> v = config.optional(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    if (v.get().matches("\\d{1,18}")) {
      long n = Long.parseLong(v.get());
      if (n >= min) {
        return n;
      }
    }
    throw config.bad(name, "must be a whole number of at least " + min);
  }

  private static void closeQuietly(Object resource, Exception primary) {
    if (resource instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) { // AutoCloseable.close() declares Exception; keep the first failure
        primary.addSuppressed(e);
      }
    }
  }
}
