package dev.ddbec.provider.kms;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.provider.kms.internal.ConfiguredKeyId;
import dev.ddbec.provider.kms.internal.DirectKmsFormat;
import dev.ddbec.provider.kms.internal.KeyRouting;
import dev.ddbec.provider.kms.internal.KeySpec;
import dev.ddbec.provider.kms.internal.KmsCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Direct KMS materials: one AWS KMS call per item (docs/format.md §5.3), compatible with the
 * official Python {@code AwsKmsCryptographicMaterialsProvider} and Java {@code
 * DirectKmsMaterialProvider}.
 *
 * <p>Encrypting an item calls {@code GenerateDataKey} (32 bytes) under the configured key;
 * decrypting one calls {@code Decrypt} on the wrapped bytes stored in the item's description. Both
 * calls bind the item to a KMS encryption context holding the table name, the item's partition and
 * sort key values and the two key specs, so KMS refuses to unwrap a key for an item that was moved
 * to another table or key. The 32 bytes are expanded with HKDF-SHA256 into an AES content key
 * ({@code info = "Encryption"}) and an HMAC signing key ({@code info = "Signing"}).
 *
 * <pre>{@code
 * try (KmsMaterialsProvider provider = KmsMaterialsProvider.builder()
 *     .keyId("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
 *     .build()) {                                  // builds a KmsClient for eu-west-1
 *   ItemEncryptor encryptor = ItemEncryptor.create(provider);
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Which KMS client</b> (a key ARN picks the client registered for its region; without any
 * client the provider builds and owns one), <b>strict key id</b> ({@link
 * Builder#strictKeyId(boolean)}; on by default for a key ARN or key id, off for an alias),
 * <b>checked responses and failures</b>: see the {@linkplain dev.ddbec.provider.kms package
 * documentation}. <b>Customising</b> (the official clients' overridable methods): {@link
 * Builder#keyIdSelector}, {@link Builder#kmsContextEntries}, {@link Builder#decryptOnly()}.
 *
 * <p>Immutable and thread-safe (the SDK's {@link KmsClient} is thread-safe).
 */
public final class KmsMaterialsProvider implements MaterialsProvider, AutoCloseable {
  /** The content-key spec written by default. */
  public static final String DEFAULT_CONTENT_KEY_SPEC = "AES/256";

  /** The signing-key spec written by default. */
  public static final String DEFAULT_SIGNING_KEY_SPEC = "HmacSHA256/256";

  private final KmsClient client;
  private final String regionName;
  private final boolean ownsClient;
  private final List<String> grantTokens;
  private final KeyRouting keys;
  private final UnaryOperator<String> kmsTableName;
  private final Function<EncryptionContext, Map<String, String>> kmsContextEntries;
  private final KeySpec contentKeySpec;
  private final KeySpec signingKeySpec;
  private final Map<String, String> description;

  private KmsMaterialsProvider(Builder b) {
    this.contentKeySpec = KeySpec.configuredContentKey(b.contentKeySpec);
    this.signingKeySpec = KeySpec.configuredSigningKey(b.signingKeySpec, DEFAULT_SIGNING_KEY_SPEC);
    FormatNames.requireNoReservedKeys(
        b.description, "use contentKeySpec/signingKeySpec for the key specs");
    this.description = Map.copyOf(b.description);
    this.grantTokens = List.copyOf(b.grantTokens);
    this.kmsTableName = b.kmsTableName;
    this.kmsContextEntries = b.kmsContextEntries;
    if (b.keyId == null && b.keyIdSelector == null && !b.decryptOnly) {
      ConfiguredKeyId.of(null, null); // throws: names what a key id may be
    }
    if (b.decryptOnly && (b.keyId != null || b.keyIdSelector != null)) {
      throw new InvalidConfigurationException(
          "A decrypt-only KmsMaterialsProvider takes no keyId or keyIdSelector");
    }
    this.keys =
        new KeyRouting(
            b.keyId,
            b.keyIdSelector,
            b.strictKeyId,
            b.defaultClient,
            b.regionalClients,
            b.region,
            b.clientCustomizer,
            grantTokens,
            b.observer);
    this.client = keys.base().client();
    this.regionName = keys.base().region();
    this.ownsClient = keys.base().owned();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A provider for one key on a client the caller owns (and closes).
   *
   * @param kmsClient the client
   * @param keyId a key ARN (preferred), alias ARN, key id or alias name
   * @return the provider
   */
  public static KmsMaterialsProvider create(KmsClient kmsClient, String keyId) {
    return builder().kmsClient(kmsClient).keyId(keyId).build();
  }

  /**
   * The configured key id, as given.
   *
   * @return the key ARN, alias ARN, key id or alias name; null when keys are chosen by a {@link
   *     Builder#keyIdSelector selector} or the provider is {@link Builder#decryptOnly()
   *     decrypt-only}
   */
  public String keyId() {
    return keys.fixedKeyId();
  }

  /**
   * The region of the client this provider calls.
   *
   * @return the region, or empty when the client does not report one
   */
  public Optional<Region> region() {
    return Optional.ofNullable(regionName).map(Region::of);
  }

  /**
   * Whether {@code Decrypt} names the configured key (strict key id mode).
   *
   * @return true in strict mode
   */
  public boolean strictKeyId() {
    return keys.strict();
  }

  /**
   * The grant tokens sent with every KMS call.
   *
   * @return an unmodifiable list
   */
  public List<String> grantTokens() {
    return grantTokens;
  }

  /**
   * The content-key spec written to new items, e.g. {@code AES/256}.
   *
   * @return the spec
   */
  public String contentKeySpec() {
    return contentKeySpec.description();
  }

  /**
   * The signing-key spec written to new items, e.g. {@code HmacSHA256/256}.
   *
   * @return the spec
   */
  public String signingKeySpec() {
    return signingKeySpec.description();
  }

  @Override
  public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
    Objects.requireNonNull(context, "context");
    KmsCalls calls = keys.forEncryption(context);
    Map<String, String> kmsContext =
        kmsContext(context, contentKeySpec.description(), signingKeySpec.description(), true);
    KmsCalls.DataKey dataKey = calls.generateDataKey(kmsContext, context.tableName());
    DirectKmsFormat.DerivedKeys keys =
        DirectKmsFormat.deriveAndZero(dataKey.plaintext(), contentKeySpec, signingKeySpec);
    return EncryptionMaterials.builder()
        .encryptionKey(keys.encryption())
        .signingKey(keys.signing())
        .signingAlgorithm(signingKeySpec.algorithm())
        .materialDescription(
            DirectKmsFormat.description(
                description, context, dataKey.wrapped(), contentKeySpec, signingKeySpec))
        .build();
  }

  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    Objects.requireNonNull(context, "context");
    DirectKmsFormat.ItemEntries item = DirectKmsFormat.parse(context);
    byte[] material =
        keys.forDecryption(context)
            .decrypt(
                item.wrappedKey(),
                kmsContext(context, item.envAlg(), item.sigAlg(), false),
                context.tableName());
    DirectKmsFormat.DerivedKeys keys =
        DirectKmsFormat.deriveAndZero(material, item.content(), item.signing());
    return DecryptionMaterials.builder()
        .decryptionKey(keys.encryption())
        .verificationKey(keys.signing())
        .signingAlgorithm(item.signing().algorithm())
        .materialDescription(context.materialDescription())
        .build();
  }

  private Map<String, String> kmsContext(
      EncryptionContext context, String envAlg, String sigAlg, boolean encrypting) {
    return DirectKmsFormat.withExtraEntries(
        DirectKmsFormat.kmsContext(
            context, envAlg, sigAlg, kmsTableName.apply(context.tableName()), encrypting),
        kmsContextEntries.apply(context),
        context.tableName());
  }

  /** Closes the KMS client if this provider built it; a client passed in is left open. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "KmsMaterialsProvider{keyId="
        + (keys.fixedKeyId() != null ? keys.fixedKeyId() : "(selected or decrypt-only)")
        + ", region="
        + regionName
        + ", strictKeyId="
        + keys.strict()
        + ", contentKeySpec="
        + contentKeySpec.description()
        + ", signingKeySpec="
        + signingKeySpec.description()
        + ", grantTokens="
        + grantTokens.size()
        + '}';
  }

  /** Builder for {@link KmsMaterialsProvider}. Not thread-safe. */
  public static final class Builder {
    private String keyId;
    private Function<EncryptionContext, String> keyIdSelector;
    private boolean decryptOnly;
    private Function<EncryptionContext, Map<String, String>> kmsContextEntries = c -> Map.of();
    private KmsClient defaultClient;
    private final Map<Region, KmsClient> regionalClients = new LinkedHashMap<>();
    private Region region;
    private final List<String> grantTokens = new ArrayList<>();
    private Boolean strictKeyId;
    private UnaryOperator<String> kmsTableName = UnaryOperator.identity();
    private String contentKeySpec = DEFAULT_CONTENT_KEY_SPEC;
    private String signingKeySpec = DEFAULT_SIGNING_KEY_SPEC;
    private Map<String, String> description = Map.of();
    private Consumer<KmsClientBuilder> clientCustomizer = cb -> {};
    private DdbecObserver observer = DdbecObserver.NOOP;

    private Builder() {}

    /**
     * Sets the KMS key. Required. A key ARN is preferred: it names the region and is required by
     * {@link #strictKeyId(boolean)}.
     *
     * @param keyId a key ARN, alias ARN, key id or alias name ({@code alias/...})
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /**
     * Chooses the key of each new item from its encryption context instead of one {@link
     * #keyId(String) key id}: the official Java client's {@code
     * DirectKmsMaterialProvider.selectEncryptionKeyId} and Python's {@code _select_key_id}, as a
     * function. In {@link #strictKeyId(boolean) strict mode} (the default for key ARNs and ids) the
     * selector is also asked on reads, with the stored item's context, and {@code Decrypt} names
     * its key: select from attributes stored in the clear (the partition and sort key), or turn
     * strict mode off ({@code Decrypt} then names no key, as in the official Java client). A null
     * or blank answer is a {@link MaterialsUnavailableException}.
     *
     * @param selector encryption context to key ARN, alias ARN, key id or alias name
     * @return this builder
     */
    public Builder keyIdSelector(Function<EncryptionContext, String> selector) {
      this.keyIdSelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * Makes a read-only provider without a key id: {@code Decrypt} names no key, so KMS uses the
     * key the item names if the caller may (the official Java client's {@code new
     * DirectKmsMaterialProvider(kms)}). Encrypting is a {@link MaterialsUnavailableException}.
     *
     * @return this builder
     */
    public Builder decryptOnly() {
      this.decryptOnly = true;
      return this;
    }

    /**
     * Adds entries, computed from the item's encryption context, to the KMS encryption context of
     * every {@code GenerateDataKey} and {@code Decrypt}: the official Java client's {@code
     * populateKmsEcFromEc} overridden to add entries after {@code super}'s. Called on writes and on
     * reads, so compute the entries from attributes stored in the clear. Replacing a standard entry
     * (table, key attributes, key specs) is a {@link MaterialsUnavailableException}.
     *
     * @param entries encryption context to extra entries (null or empty for none)
     * @return this builder
     */
    public Builder kmsContextEntries(Function<EncryptionContext, Map<String, String>> entries) {
      this.kmsContextEntries = Objects.requireNonNull(entries, "entries");
      return this;
    }

    /**
     * Sets the default client: used for key ids without a region, and for its own region. The
     * caller keeps ownership and closes it.
     *
     * @param kmsClient the client
     * @return this builder
     */
    public Builder kmsClient(KmsClient kmsClient) {
      this.defaultClient = Objects.requireNonNull(kmsClient, "kmsClient");
      return this;
    }

    /**
     * Registers the client for a region; a key ARN picks the client of its region. The caller keeps
     * ownership and closes it.
     *
     * @param region the region the client is configured for
     * @param kmsClient the client
     * @return this builder
     */
    public Builder kmsClient(Region region, KmsClient kmsClient) {
      regionalClients.put(
          Objects.requireNonNull(region, "region"), Objects.requireNonNull(kmsClient, "kmsClient"));
      return this;
    }

    /**
     * Registers clients by region, as {@link #kmsClient(Region, KmsClient)} does for each entry.
     *
     * @param clients region to client
     * @return this builder
     */
    public Builder kmsClients(Map<Region, KmsClient> clients) {
      clients.forEach(this::kmsClient);
      return this;
    }

    /**
     * Sets the local region: where a multi-Region key is used (through its replica there), where a
     * key id without a region lives, and where the provider's own client is built when no client is
     * given.
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /**
     * Sets grant tokens sent with every {@code GenerateDataKey} and {@code Decrypt}.
     *
     * @param tokens the tokens (copied)
     * @return this builder
     */
    public Builder grantTokens(Collection<String> tokens) {
      grantTokens.clear();
      for (String t : tokens) {
        grantTokens.add(Objects.requireNonNull(t, "grant token"));
      }
      return this;
    }

    /**
     * Sets grant tokens sent with every {@code GenerateDataKey} and {@code Decrypt}.
     *
     * @param tokens the tokens
     * @return this builder
     */
    public Builder grantTokens(String... tokens) {
      return grantTokens(Arrays.asList(tokens));
    }

    /**
     * Sets strict key id mode (see the class comment): {@code Decrypt} names the configured key, so
     * KMS refuses items whose data key is under any other key. On by default when the key id is a
     * key ARN or key id, off by default for an alias; {@code true} with an alias is an {@link
     * InvalidConfigurationException}. Turn it off only to read items written under other keys.
     *
     * @param strict true to have KMS decrypt with the configured key only
     * @return this builder
     */
    public Builder strictKeyId(boolean strict) {
      this.strictKeyId = strict;
      return this;
    }

    /**
     * Overrides the table name bound into the KMS encryption context ({@code *aws-kms-table*}),
     * e.g. to read a restored or renamed table whose items were written under the old name. The
     * function gets the encryption context's table name; returning null leaves the entry out (as
     * writers without a table name did). The item signature still uses the context's table name.
     *
     * @param mapping context table name to KMS context table name
     * @return this builder
     */
    public Builder kmsTableName(UnaryOperator<String> mapping) {
      this.kmsTableName = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the content-key spec written to new items (read from each item on decryption).
     *
     * @param spec {@code AES/128}, {@code AES/192} or {@code AES/256} (default)
     * @return this builder
     */
    public Builder contentKeySpec(String spec) {
      this.contentKeySpec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * Sets the signing-key spec written to new items (read from each item on decryption).
     *
     * @param spec {@code HmacSHA<bits>/<key bits>}, default {@code HmacSHA256/256}
     * @return this builder
     */
    public Builder signingKeySpec(String spec) {
      this.signingKeySpec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * Extra entries stored in every new item's material description (as the official Java provider
     * does).
     *
     * @param description string to string map
     * @return this builder
     */
    public Builder materialDescription(Map<String, String> description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Reports every KMS call (operation, outcome, latency) to {@code observer}; default none.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(DdbecObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** For the factory: adjusts the client the provider builds (endpoint, credentials). */
    Builder clientCustomizer(Consumer<KmsClientBuilder> customizer) {
      this.clientCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Builds the provider; builds a KMS client when none was given.
     *
     * @return the provider
     * @throws InvalidConfigurationException if the key id, specs or clients do not fit together
     */
    public KmsMaterialsProvider build() {
      return new KmsMaterialsProvider(this);
    }
  }
}
