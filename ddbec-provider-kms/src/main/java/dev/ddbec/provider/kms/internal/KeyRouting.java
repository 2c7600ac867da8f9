package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.observe.DdbecObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Which key, client and checks a Direct KMS provider uses for one item: one configured key, a key
 * chosen per encryption context by a selector (the official Java client's {@code
 * selectEncryptionKeyId}, Python's {@code _select_key_id}), or no key at all (decrypt-only: KMS
 * decrypts with whatever key the item's wrapped data key names, as the official clients built
 * without a key id do).
 *
 * <p>A selected key is served by the client of its region when one is registered, otherwise by the
 * provider's base client; its {@link KmsCalls} are kept for up to {@value #MAX_CACHED_KEYS}
 * distinct keys (beyond that they are made per call). Thread-safe.
 */
public final class KeyRouting {
  /** How many distinct selected keys keep their {@link KmsCalls}. */
  static final int MAX_CACHED_KEYS = 256;

  /** Stands for the key in messages when {@code Decrypt} names none. */
  private static final String ANY_KEY = "(the key the item names)";

  private final KmsClients.Choice base;
  private final KmsCalls fixed;
  private final KmsCalls anyKey;
  private final Function<EncryptionContext, String> selector;
  private final Boolean strictConfig;
  private final KmsClient defaultClient;
  private final Map<Region, KmsClient> regionalClients;
  private final Region region;
  private final List<String> grantTokens;
  private final DdbecObserver observer;
  private final Map<String, KmsCalls> selected = new ConcurrentHashMap<>();

  /**
   * Sets up the routing and chooses (or builds) the base client.
   *
   * @param keyId the configured key id, or null with a selector or for a decrypt-only provider
   * @param selector the key selector, or null
   * @param strict the configured strict mode, or null for the default
   * @param defaultClient the default client, or null
   * @param regionalClients clients per region
   * @param region the local region, or null
   * @param customizer applied to a client built here
   * @param grantTokens sent with every call
   * @param observer reported every KMS call to
   * @throws InvalidConfigurationException if the key id, strict mode and clients do not fit
   */
  public KeyRouting(
      String keyId,
      Function<EncryptionContext, String> selector,
      Boolean strict,
      KmsClient defaultClient,
      Map<Region, KmsClient> regionalClients,
      Region region,
      Consumer<KmsClientBuilder> customizer,
      List<String> grantTokens,
      DdbecObserver observer) {
    this.selector = selector;
    this.observer = observer;
    this.strictConfig = strict;
    this.regionalClients = Map.copyOf(regionalClients);
    this.region = region;
    this.grantTokens = List.copyOf(grantTokens);
    if (keyId != null) {
      if (selector != null) {
        throw new InvalidConfigurationException(
            "KmsMaterialsProvider takes a keyId or a keyIdSelector, not both");
      }
      ConfiguredKeyId key = ConfiguredKeyId.of(keyId, strict);
      this.base =
          KmsClients.choose(
              key.keyId(), key.arn(), defaultClient, regionalClients, region, customizer);
      this.fixed = calls(key, base);
      this.anyKey = fixed;
    } else {
      if (selector == null && Boolean.TRUE.equals(strict)) {
        throw new InvalidConfigurationException(
            "A decrypt-only KmsMaterialsProvider (no key id) cannot be strict: strictKeyId needs"
                + " the key, or a keyIdSelector that names it per item");
      }
      this.base =
          KmsClients.choose(ANY_KEY, null, defaultClient, regionalClients, region, customizer);
      this.fixed = null;
      this.anyKey =
          new KmsCalls(base.client(), ANY_KEY, base.region(), false, null, grantTokens, observer);
    }
    this.defaultClient = defaultClient != null ? defaultClient : base.client();
  }

  /**
   * The client chosen or built for the provider; the provider closes it when {@link
   * KmsClients.Choice#owned()}.
   *
   * @return the base choice
   */
  public KmsClients.Choice base() {
    return base;
  }

  /**
   * The configured key id.
   *
   * @return the key id, or null with a selector or for a decrypt-only provider
   */
  public String fixedKeyId() {
    return fixed == null ? null : fixed.keyId();
  }

  /**
   * Whether {@code Decrypt} names a key: for a configured key its strict mode; with a selector the
   * configured mode (by default each selected key id that names a key is strict); decrypt-only
   * never.
   *
   * @return whether the provider is strict
   */
  public boolean strict() {
    if (fixed != null) {
      return fixed.strictKeyId();
    }
    return selector != null && !Boolean.FALSE.equals(strictConfig);
  }

  /**
   * The calls for a new item.
   *
   * @param context the item's context
   * @return the calls under the item's key
   * @throws MaterialsUnavailableException for a decrypt-only provider, or when the selector returns
   *     no key id
   */
  public KmsCalls forEncryption(EncryptionContext context) {
    if (fixed != null) {
      return fixed;
    }
    if (selector == null) {
      throw new MaterialsUnavailableException(
          "This KmsMaterialsProvider is decrypt-only (built without a key id): it cannot encrypt"
              + " items in table "
              + context.tableName()
              + ". Give it a keyId or a keyIdSelector to write");
    }
    return selectedCalls(context);
  }

  /**
   * The calls for a stored item: in strict mode with a selector, under the key it selects for the
   * item's context; without strict mode, on the base client with no key named.
   *
   * @param context the stored item's context
   * @return the calls
   */
  public KmsCalls forDecryption(EncryptionContext context) {
    if (fixed != null) {
      return fixed;
    }
    if (selector == null || Boolean.FALSE.equals(strictConfig)) {
      return anyKey;
    }
    return selectedCalls(context);
  }

  private KmsCalls selectedCalls(EncryptionContext context) {
    String keyId = selector.apply(context);
    if (keyId == null || keyId.isBlank()) {
      throw new MaterialsUnavailableException(
          "The keyIdSelector chose no KMS key for an item in table " + context.tableName());
    }
    KmsCalls calls = selected.get(keyId);
    if (calls != null) {
      return calls;
    }
    ConfiguredKeyId key = ConfiguredKeyId.of(keyId, strictConfig);
    KmsClients.Choice choice =
        KmsClients.choose(
            key.keyId(),
            key.arn(),
            defaultClient,
            regionalClients,
            region,
            cb -> {
              throw new IllegalStateException("a client exists: nothing is built per key");
            });
    calls = calls(key, choice);
    if (selected.size() < MAX_CACHED_KEYS) {
      selected.putIfAbsent(keyId, calls);
    }
    return calls;
  }

  private KmsCalls calls(ConfiguredKeyId key, KmsClients.Choice choice) {
    return new KmsCalls(
        choice.client(),
        key.keyId(),
        choice.region(),
        key.strict(),
        key.requestKeyId(choice.region()),
        grantTokens,
        observer);
  }
}
