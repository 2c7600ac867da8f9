package dev.ddbec.provider.kms;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.provider.kms.internal.CanonicalNumbers;
import dev.ddbec.provider.kms.internal.Hkdf;
import dev.ddbec.provider.kms.internal.KeySpec;
import dev.ddbec.provider.kms.internal.KmsArn;
import dev.ddbec.provider.kms.internal.KmsResponses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

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
 * <p><b>Which KMS client.</b> A provider sends every call to one client, chosen when it is built:
 *
 * <ul>
 *   <li>a key ARN names its region: the client registered for that region with {@link
 *       Builder#kmsClient(Region, KmsClient)} (or the {@link Builder#kmsClient(KmsClient) default
 *       client} when it is configured for that region);
 *   <li>a multi-Region key ({@code key/mrk-...}) works in every region that holds a replica: the
 *       provider prefers the <em>local</em> region ({@link Builder#region(Region)}, else the
 *       default client's region) and sends {@code GenerateDataKey} to the replica there; items
 *       written in any region decrypt in any other;
 *   <li>a key id or alias name without a region: the default client;
 *   <li>no client at all: the provider builds one (region from the key ARN, {@link
 *       Builder#region(Region)} or the SDK's default region chain; credentials from the SDK's
 *       default chain; URLConnection HTTP client) and closes it in {@link #close()}.
 * </ul>
 *
 * <p><b>Strict key id</b> ({@link Builder#strictKeyId(boolean)}; on by default for a key ARN or key
 * id, off for an alias). The official clients send {@code Decrypt} without a key id, so KMS unwraps
 * with whatever key the item's wrapped data key names, as long as the caller may use it: an item
 * can make its reader use a key the item chose. In strict mode this provider sends the configured
 * key (for a multi-Region key: its replica in the local region) as {@code Decrypt}'s {@code KeyId},
 * so KMS itself refuses every other key, and it also checks the key KMS reports. Items written by
 * any client under this key, including through an alias that pointed to it, read fine (KMS records
 * the key, not the alias). An alias configuration stays lenient by default: repointing an alias is
 * how aliases rotate keys, and strict mode would make every item written before unreadable.
 *
 * <p><b>Checked responses.</b> Every KMS answer is checked before use (data key length, non-empty
 * wrapped key, key id; in strict mode the reported key), and the plaintext data key is zeroed once
 * the content and signing keys are derived from it. Key numbers must be in DynamoDB's canonical
 * form on encryption ({@code 10.5}, not {@code 10.50}): the KMS encryption context binds them as
 * written, as in the official clients, while DynamoDB stores them canonicalised.
 *
 * <p><b>Failures.</b> Every KMS failure (access denied, disabled key, throttling, invalid
 * ciphertext, network) is a {@link MaterialsUnavailableException} whose message names the
 * operation, the KMS error code, the key id and the table, with the SDK exception as the cause. An
 * unusable KMS answer is one too, except a {@code Decrypt} plaintext that is not a 32-byte data
 * key: no Direct KMS writer made that wrapped key, so it is an {@link ItemIntegrityException}.
 * Messages never contain key material.
 *
 * <p>Immutable and thread-safe (the SDK's {@link KmsClient} is thread-safe).
 */
public final class KmsMaterialsProvider implements MaterialsProvider, AutoCloseable {
  /** The content-key spec written by default. */
  public static final String DEFAULT_CONTENT_KEY_SPEC = "AES/256";

  /** The signing-key spec written by default. */
  public static final String DEFAULT_SIGNING_KEY_SPEC = "HmacSHA256/256";

  static final String ENV_KEY = "amzn-ddb-env-key";
  static final String ENV_ALG = "amzn-ddb-env-alg";
  static final String SIG_ALG = "amzn-ddb-sig-alg";
  static final String WRAP_ALG = "amzn-ddb-wrap-alg";
  static final String EC_ATTR = "aws-kms-ec-attr";
  static final String KMS_ENV_ALG = "*" + ENV_ALG + "*";
  static final String KMS_SIG_ALG = "*" + SIG_ALG + "*";
  static final String KMS_TABLE = "*aws-kms-table*";
  private static final String WRAP_ALG_KMS = "kms";
  private static final String KEY_COVERAGE = "*keys*";
  private static final int DATA_KEY_BYTES = KmsResponses.DATA_KEY_BYTES;
  private static final byte[] INFO_ENCRYPTION = "Encryption".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INFO_SIGNING = "Signing".getBytes(StandardCharsets.UTF_8);
  private static final Set<String> RESERVED_DESCRIPTION_KEYS =
      Set.of(
          ENV_KEY,
          ENV_ALG,
          SIG_ALG,
          WRAP_ALG,
          EC_ATTR,
          "amzn-ddb-map-sym-mode",
          "amzn-ddb-map-signingAlg");

  private final String keyId;
  private final KmsArn keyArn;
  private final String requestKeyId;
  private final KmsClient client;
  private final String regionName;
  private final boolean ownsClient;
  private final List<String> grantTokens;
  private final boolean strictKeyId;
  private final KmsResponses responses;
  private final UnaryOperator<String> kmsTableName;
  private final KeySpec contentKeySpec;
  private final KeySpec signingKeySpec;
  private final Map<String, String> description;

  private KmsMaterialsProvider(Builder b) {
    if (b.keyId == null || b.keyId.isBlank()) {
      throw new InvalidConfigurationException(
          "KmsMaterialsProvider needs a key id: a key ARN (preferred), alias ARN, key id or alias"
              + " name");
    }
    this.keyId = b.keyId.trim();
    this.keyArn = KmsArn.parse(keyId).orElse(null);
    if (keyId.startsWith("arn:") && keyArn == null) {
      throw new InvalidConfigurationException(
          "Key id '"
              + keyId
              + "' is not a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)");
    }
    boolean namesKey = KmsResponses.namesKey(keyId);
    this.strictKeyId = b.strictKeyId != null ? b.strictKeyId : namesKey;
    if (strictKeyId && !namesKey) {
      throw new InvalidConfigurationException(
          "strictKeyId needs a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID) or key id, not the alias"
              + " '"
              + keyId
              + "': an alias can be repointed to another key, and every item written before"
              + " would become unreadable");
    }
    this.contentKeySpec = spec(b.contentKeySpec, "contentKeySpec");
    if (!contentKeySpec.isAes()) {
      throw new InvalidConfigurationException(
          "contentKeySpec must be AES/128, AES/192 or AES/256, not '"
              + contentKeySpec.description()
              + "'");
    }
    this.signingKeySpec = spec(b.signingKeySpec, "signingKeySpec");
    if (!SigningAlgorithms.isHmac(signingKeySpec.algorithm()) || signingKeySpec.bits() < 128) {
      throw new InvalidConfigurationException(
          "signingKeySpec must be an HMAC algorithm of "
              + new TreeSet<>(SigningAlgorithms.HMAC)
              + " with at least 128 bits, e.g. "
              + DEFAULT_SIGNING_KEY_SPEC
              + ", not '"
              + signingKeySpec.description()
              + "'");
    }
    for (String reserved : RESERVED_DESCRIPTION_KEYS) {
      if (b.description.containsKey(reserved)) {
        throw new InvalidConfigurationException(
            "'"
                + reserved
                + "' is written by the provider or the item encryptor and cannot be set in the"
                + " description"
                + (reserved.equals(ENV_ALG) || reserved.equals(SIG_ALG)
                    ? "; use contentKeySpec/signingKeySpec"
                    : ""));
      }
    }
    this.description = Map.copyOf(b.description);
    this.grantTokens = List.copyOf(b.grantTokens);
    this.kmsTableName = b.kmsTableName;

    ClientChoice choice = chooseClient(b, keyArn);
    this.client = choice.client;
    this.regionName = choice.region;
    this.ownsClient = choice.owned;
    this.requestKeyId =
        keyArn != null && keyArn.isMultiRegionKey() && regionName != null
            ? keyArn.withRegion(regionName).toString()
            : keyId;
    this.responses = new KmsResponses(keyId, regionName, strictKeyId);
  }

  private static KeySpec spec(String value, String what) {
    try {
      return KeySpec.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          what + " '" + value + "' " + e.getMessage() + "; expected ALGORITHM/BITS, e.g. AES/256");
    }
  }

  private record ClientChoice(KmsClient client, String region, boolean owned) {}

  private static ClientChoice chooseClient(Builder b, KmsArn arn) {
    Map<String, KmsClient> clients = new LinkedHashMap<>();
    b.regionalClients.forEach((r, c) -> clients.put(r.id(), c));
    String defaultRegion = null;
    if (b.defaultClient != null) {
      defaultRegion = regionOf(b.defaultClient);
      if (defaultRegion != null) {
        clients.putIfAbsent(defaultRegion, b.defaultClient);
      }
    }
    String local = b.region != null ? b.region.id() : defaultRegion;

    if (b.defaultClient == null && clients.isEmpty()) {
      // No client given: build one for the one region this provider will call.
      String target;
      if (arn == null) {
        target = local;
      } else if (arn.isMultiRegionKey() && local != null) {
        target = local;
      } else {
        target = arn.region();
      }
      KmsClient built = buildClient(target, b.clientCustomizer);
      return new ClientChoice(built, target != null ? target : regionOf(built), true);
    }
    if (arn == null) {
      if (b.region != null) {
        KmsClient c = clients.get(b.region.id());
        if (c == null) {
          throw new InvalidConfigurationException(
              "No KmsClient for region " + b.region.id() + " (set with region(...))");
        }
        return new ClientChoice(c, b.region.id(), false);
      }
      if (b.defaultClient != null) {
        return new ClientChoice(b.defaultClient, defaultRegion, false);
      }
      if (clients.size() == 1) {
        Map.Entry<String, KmsClient> only = clients.entrySet().iterator().next();
        return new ClientChoice(only.getValue(), only.getKey(), false);
      }
      throw new InvalidConfigurationException(
          "Key id '"
              + b.keyId
              + "' names no region and there are KmsClients for "
              + clients.keySet()
              + ": use the key ARN, or set region(...) or kmsClient(KmsClient)");
    }
    if (arn.isMultiRegionKey() && local != null && clients.containsKey(local)) {
      return new ClientChoice(clients.get(local), local, false);
    }
    KmsClient c = clients.get(arn.region());
    if (c == null) {
      throw new InvalidConfigurationException(
          "No KmsClient for region "
              + arn.region()
              + ", which key "
              + b.keyId
              + " lives in; KmsClients are configured for "
              + clients.keySet()
              + ". Add kmsClient(Region.of(\""
              + arn.region()
              + "\"), client)"
              + (arn.isMultiRegionKey() ? " or set region(...) to a region with a replica" : ""));
    }
    return new ClientChoice(c, arn.region(), false);
  }

  private static String regionOf(KmsClient c) {
    try {
      Region r = c.serviceClientConfiguration().region();
      return r == null ? null : r.id();
    } catch (RuntimeException e) {
      // A client implementation without a configuration (e.g. a hand-written stub).
      return null;
    }
  }

  private static KmsClient buildClient(String region, Consumer<KmsClientBuilder> customizer) {
    KmsClientBuilder cb = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    if (region != null) {
      cb.region(Region.of(region));
    }
    customizer.accept(cb);
    try {
      return cb.build();
    } catch (SdkException e) {
      throw new InvalidConfigurationException(
          "Cannot build a KmsClient"
              + (region == null ? " (no region in the key id or configuration)" : " for " + region)
              + ": "
              + e.getMessage()
              + ". Use a key ARN, set the region, or pass your own KmsClient",
          e);
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
   * @return the key ARN, alias ARN, key id or alias name
   */
  public String keyId() {
    return keyId;
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
    return strictKeyId;
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
    Map<String, String> kmsContext =
        kmsContext(context, contentKeySpec.description(), signingKeySpec.description(), true);
    GenerateDataKeyRequest.Builder request =
        GenerateDataKeyRequest.builder()
            .keyId(requestKeyId)
            .numberOfBytes(DATA_KEY_BYTES)
            .encryptionContext(kmsContext);
    if (!grantTokens.isEmpty()) {
      request.grantTokens(grantTokens);
    }
    GenerateDataKeyResponse response;
    try {
      response = client.generateDataKey(request.build());
    } catch (SdkException e) {
      throw failure("GenerateDataKey", e, context);
    }
    byte[] material = responses.generatedDataKey(response, context.tableName());
    DerivedKeys keys;
    try {
      keys = derive(material, contentKeySpec, signingKeySpec);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    Map<String, String> d = new TreeMap<>(description);
    d.putAll(context.materialDescription());
    d.put(
        ENV_KEY, Base64.getEncoder().encodeToString(response.ciphertextBlob().asByteArrayUnsafe()));
    d.put(ENV_ALG, contentKeySpec.description());
    d.put(SIG_ALG, signingKeySpec.description());
    d.put(WRAP_ALG, WRAP_ALG_KMS);
    d.put(EC_ATTR, KEY_COVERAGE);
    return EncryptionMaterials.builder()
        .encryptionKey(keys.encryption)
        .signingKey(keys.signing)
        .signingAlgorithm(signingKeySpec.algorithm())
        .materialDescription(d)
        .build();
  }

  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    Objects.requireNonNull(context, "context");
    Map<String, String> d = context.materialDescription();
    String envKey = required(d, ENV_KEY, context);
    String envAlg = required(d, ENV_ALG, context);
    String sigAlg = required(d, SIG_ALG, context);
    KeySpec content = itemSpec(envAlg, ENV_ALG);
    if (!content.isAes()) {
      throw new UnsupportedFormatException(
          "Item in table "
              + context.tableName()
              + " names content key '"
              + envAlg
              + "' in "
              + ENV_ALG
              + "; ddbec reads AES/128, AES/192 and AES/256 content keys");
    }
    KeySpec signing = itemSpec(sigAlg, SIG_ALG);
    if (!SigningAlgorithms.isHmac(signing.algorithm())) {
      throw new UnsupportedFormatException(
          "Item in table "
              + context.tableName()
              + " names signing key '"
              + sigAlg
              + "' in "
              + SIG_ALG
              + "; Direct KMS items are signed with HMAC ("
              + new TreeSet<>(SigningAlgorithms.HMAC)
              + ")");
    }
    byte[] blob;
    try {
      blob = Base64.getMimeDecoder().decode(envKey);
    } catch (IllegalArgumentException e) {
      throw new ItemIntegrityException(
          "The " + ENV_KEY + " of an item in table " + context.tableName() + " is not Base64");
    }
    DecryptRequest.Builder request =
        DecryptRequest.builder()
            .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob))
            .encryptionContext(kmsContext(context, envAlg, sigAlg, false));
    if (strictKeyId) {
      // KMS then refuses a wrapped key under any other key: the item never picks the key.
      request.keyId(requestKeyId);
    }
    if (!grantTokens.isEmpty()) {
      request.grantTokens(grantTokens);
    }
    DecryptResponse response;
    try {
      response = client.decrypt(request.build());
    } catch (SdkException e) {
      throw failure("Decrypt", e, context);
    }
    byte[] material = responses.decryptedDataKey(response, context.tableName());
    DerivedKeys keys;
    try {
      keys = derive(material, content, signing);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    return DecryptionMaterials.builder()
        .decryptionKey(keys.encryption)
        .verificationKey(keys.signing)
        .signingAlgorithm(signing.algorithm())
        .materialDescription(d)
        .build();
  }

  private static String required(Map<String, String> d, String key, EncryptionContext context) {
    String v = d.get(key);
    if (v == null) {
      throw new ItemIntegrityException(
          "Item in table "
              + context.tableName()
              + " has no "
              + key
              + " in its material description: it was not written by a Direct KMS provider");
    }
    return v;
  }

  private static KeySpec itemSpec(String value, String key) {
    try {
      return KeySpec.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedFormatException("The item's " + key + " " + e.getMessage());
    }
  }

  /** The KMS encryption context of docs/format.md §5.3. */
  private Map<String, String> kmsContext(
      EncryptionContext context, String envAlg, String sigAlg, boolean encrypting) {
    Map<String, String> ec = new LinkedHashMap<>();
    ec.put(KMS_ENV_ALG, envAlg);
    ec.put(KMS_SIG_ALG, sigAlg);
    addKey(ec, context, context.partitionKeyName(), "partition", encrypting);
    addKey(ec, context, context.sortKeyName(), "sort", encrypting);
    String table = kmsTableName.apply(context.tableName());
    if (table != null) {
      ec.put(KMS_TABLE, table);
    }
    return ec;
  }

  private static void addKey(
      Map<String, String> ec,
      EncryptionContext context,
      String name,
      String which,
      boolean encrypting) {
    if (name == null) {
      return;
    }
    AttributeValue v = context.attributes().get(name);
    if (v == null) {
      if (encrypting) {
        throw new InvalidItemException(
            "The item has no "
                + which
                + " key attribute '"
                + name
                + "' (table "
                + context.tableName()
                + "); its value is bound into the KMS encryption context");
      }
      // As the Python client does: items written without the key attribute omit the entry.
      return;
    }
    if (encrypting && v.type() == AttributeValue.Type.N && !CanonicalNumbers.isCanonical(v.n())) {
      // Bound as written, as both official clients do; DynamoDB stores the canonical form, so
      // the context could never be rebuilt on read. Readers take the value as found.
      throw new InvalidItemException(
          "The "
              + which
              + " key attribute '"
              + name
              + "' (table "
              + context.tableName()
              + ") is a number not in DynamoDB's canonical form (no exponent or '+', no leading"
              + " zeros, no trailing fractional zeros, 0 rather than -0). DynamoDB would store it"
              + " canonicalised while the KMS encryption context binds it as written, so the item"
              + " could never be decrypted: write the canonical form, e.g. 10.5 for 10.50, 7 for"
              + " 007");
    }
    String value =
        switch (v.type()) {
          case S -> v.s();
          case N -> v.n();
          case B -> Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe());
          default -> null;
        };
    if (value == null) {
      String message =
          "The "
              + which
              + " key attribute '"
              + name
              + "' (table "
              + context.tableName()
              + ") is of type "
              + v.type()
              + "; key attributes are S, N or B";
      throw encrypting ? new InvalidItemException(message) : new ItemIntegrityException(message);
    }
    ec.put(name, value);
  }

  private record DerivedKeys(SecretKey encryption, SecretKey signing) {}

  private static DerivedKeys derive(byte[] material, KeySpec content, KeySpec signing) {
    byte[] prk = Hkdf.extract(material);
    byte[] enc = null;
    byte[] sig = null;
    try {
      enc = Hkdf.expand(prk, INFO_ENCRYPTION, content.bytes());
      sig = Hkdf.expand(prk, INFO_SIGNING, signing.bytes());
      return new DerivedKeys(
          new SecretKeySpec(enc, "AES"), new SecretKeySpec(sig, signing.algorithm()));
    } finally {
      Arrays.fill(prk, (byte) 0);
      if (enc != null) {
        Arrays.fill(enc, (byte) 0);
      }
      if (sig != null) {
        Arrays.fill(sig, (byte) 0);
      }
    }
  }

  private MaterialsUnavailableException failure(
      String operation, SdkException e, EncryptionContext context) {
    StringBuilder m =
        new StringBuilder("KMS ")
            .append(operation)
            .append(" failed for key ")
            .append(keyId)
            .append(regionName == null ? "" : " in " + regionName)
            .append(" (table ")
            .append(context.tableName())
            .append("): ");
    String code = null;
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      code = ase.awsErrorDetails().errorCode();
      m.append(code == null ? "HTTP " + ase.statusCode() : code);
      String detail = ase.awsErrorDetails().errorMessage();
      if (detail != null && !detail.isBlank()) {
        m.append(" (").append(detail.strip()).append(')');
      }
      if (ase.requestId() != null) {
        m.append(", request id ").append(ase.requestId());
      }
    } else {
      m.append("no answer from KMS (").append(e.getClass().getSimpleName());
      if (e.getMessage() != null) {
        m.append(": ").append(e.getMessage());
      }
      m.append(')');
    }
    String hint = hint(code, operation);
    if (hint != null) {
      m.append(". ").append(hint);
    }
    if (strictKeyId
        && "Decrypt".equals(operation)
        && ("IncorrectKeyException".equals(code) || "AccessDeniedException".equals(code))) {
      m.append(". In strict key id mode KMS is asked to decrypt with ")
          .append(requestKeyId)
          .append(" only, and refuses an item whose data key is under another key: re-encrypt")
          .append(" it, or read it with strictKeyId(false) (strict-key-id=false)");
    }
    return new MaterialsUnavailableException(m.toString(), e);
  }

  private static String hint(String code, String operation) {
    if (code == null) {
      return "Check the endpoint, network and credentials; retrying may help";
    }
    return switch (code) {
      case "InvalidCiphertextException" ->
          "Decrypt".equals(operation)
              ? "The KMS encryption context rebuilt from this item (table name, partition and sort key"
                  + " values, key specs) differs from the one it was encrypted with, or its wrapped"
                  + " key was altered: check the table name, key attribute names and any kmsTableName"
                  + " override"
              : null;
      case "DisabledException" -> "The key is disabled: enable it, or use another key";
      case "KMSInvalidStateException" ->
          "The key is not usable in its current state (e.g. pending" + " deletion)";
      case "AccessDeniedException" ->
          "Check the key policy, grants and the caller's IAM"
              + " permissions"
              + ("Decrypt".equals(operation)
                  ? "; the item may have been written under a key or region this client cannot use"
                  : "");
      case "NotFoundException" -> "Check the key id and that the key exists in this region";
      case "ThrottlingException", "LimitExceededException" ->
          "KMS is throttling requests; retry" + " with backoff or raise the request quota";
      case "KeyUnavailableException", "DependencyTimeoutException", "KMSInternalException" ->
          "A" + " transient KMS failure; retrying may help";
      default -> null;
    };
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
        + keyId
        + ", region="
        + regionName
        + ", strictKeyId="
        + strictKeyId
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
