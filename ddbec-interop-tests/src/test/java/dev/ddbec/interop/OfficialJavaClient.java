package dev.ddbec.interop;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionFlags;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.CachingMostRecentProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.SymmetricStaticProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.WrappedMaterialsProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store.MetaStore;
import dev.ddbec.sdk1.Sdk1Items;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Test-only adapter around the official Java client ({@code
 * com.amazonaws:aws-dynamodb-encryption-java:2.0.3}, AWS SDK for Java v1), used as a live reference
 * peer in interop tests.
 *
 * <p>It converts items between SDK v2 and SDK v1 {@code AttributeValue}s ({@link Sdk1Items}),
 * builds the official static and wrapped materials providers from raw key material, and drives the
 * official low-level {@link DynamoDBEncryptor} with per-attribute {@link EncryptionFlags} derived
 * from a small, self-contained {@link Actions} description (so this class does not depend on
 * ddbec-core).
 *
 * <p>Everything here is stateless; the official encryptor is created per call. Failures of the
 * official client are rethrown as {@link OfficialClientException} with the original exception as
 * the cause.
 */
public final class OfficialJavaClient {

  /** Reserved attribute holding the serialized material description. */
  public static final String MATERIAL_DESCRIPTION_ATTRIBUTE = "*amzn-ddb-map-desc*";

  /** Reserved attribute holding the item signature. */
  public static final String SIGNATURE_ATTRIBUTE = "*amzn-ddb-map-sig*";

  private static final String ENCRYPT = "encrypt";
  private static final String SIGN = "sign";
  private static final String NOTHING = "nothing";

  private OfficialJavaClient() {}

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  /**
   * Attribute actions in the vocabulary of the public test vectors: {@code "encrypt"}
   * (ENCRYPT_AND_SIGN), {@code "sign"} (SIGN_ONLY) or {@code "nothing"} (DO_NOTHING).
   *
   * @param defaultAction action of every attribute without an override
   * @param overrides per-attribute actions (copied; may be empty, never null)
   */
  public record Actions(String defaultAction, Map<String, String> overrides) {

    public Actions {
      checkAction(defaultAction, "default action");
      Objects.requireNonNull(overrides, "overrides");
      overrides.forEach((name, action) -> checkAction(action, "action of attribute " + name));
      overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Actions with the given default and no overrides. */
    public static Actions of(String defaultAction) {
      return new Actions(defaultAction, Map.of());
    }

    /** A copy with one more (or a replaced) per-attribute override. */
    public Actions with(String attributeName, String action) {
      Objects.requireNonNull(attributeName, "attributeName");
      Map<String, String> copy = new LinkedHashMap<>(overrides);
      copy.put(attributeName, action);
      return new Actions(defaultAction, copy);
    }

    /**
     * Tells whether the default and every override are "nothing" (the Python client's {@code
     * take_no_actions}); only then is an item passed through untouched.
     */
    public boolean allNothing() {
      return NOTHING.equals(defaultAction) && overrides.values().stream().allMatch(NOTHING::equals);
    }

    /** The configured action of an attribute, before key attributes are capped at "sign". */
    public String actionFor(String attributeName) {
      return overrides.getOrDefault(attributeName, defaultAction);
    }

    private static void checkAction(String action, String what) {
      if (!ENCRYPT.equals(action) && !SIGN.equals(action) && !NOTHING.equals(action)) {
        throw new IllegalArgumentException(
            what + " must be \"encrypt\", \"sign\" or \"nothing\", not " + action);
      }
    }
  }

  /**
   * Official flags for the given attribute names.
   *
   * <p>Each attribute gets its {@link Actions#actionFor action}; the partition and sort key
   * attributes are capped at {@code "sign"} (encrypt → sign, sign → sign, nothing → nothing), which
   * is what the Python client's {@code set_index_keys} and the vector harnesses do. {@code
   * "encrypt"} maps to {@code {ENCRYPT, SIGN}}, {@code "sign"} to {@code {SIGN}} and {@code
   * "nothing"} to an empty set. The two reserved attributes never get an entry.
   *
   * @param sortKeyName may be null for a table without a sort key
   */
  public static Map<String, Set<EncryptionFlags>> flags(
      Collection<String> attributeNames,
      Actions actions,
      String partitionKeyName,
      String sortKeyName) {
    Objects.requireNonNull(actions, "actions");
    Map<String, Set<EncryptionFlags>> flags = new LinkedHashMap<>();
    for (String name : attributeNames) {
      if (MATERIAL_DESCRIPTION_ATTRIBUTE.equals(name) || SIGNATURE_ATTRIBUTE.equals(name)) {
        continue;
      }
      String action = actions.actionFor(name);
      boolean isKey = name.equals(partitionKeyName) || name.equals(sortKeyName);
      if (isKey && ENCRYPT.equals(action)) {
        action = SIGN;
      }
      flags.put(name, toFlags(action));
    }
    return flags;
  }

  private static Set<EncryptionFlags> toFlags(String action) {
    switch (action) {
      case ENCRYPT:
        return EnumSet.of(EncryptionFlags.ENCRYPT, EncryptionFlags.SIGN);
      case SIGN:
        return EnumSet.of(EncryptionFlags.SIGN);
      default:
        return EnumSet.noneOf(EncryptionFlags.class);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Encrypt / decrypt
  // ---------------------------------------------------------------------------------------------

  /**
   * Encrypts and signs a plaintext item with the official {@code DynamoDBEncryptor}.
   *
   * <p>Flags come from {@link #flags}. When every configured action is "nothing" ({@link
   * Actions#allNothing}) the item is returned unchanged (no description, no signature), as the
   * Python client and the Java mapper (class-level {@code @DoNotTouch}) do. Otherwise every present
   * attribute gets its flag set, empty for "nothing", as the Java mapper passes them: the official
   * encryptor then signs even when no present attribute is flagged (a signature over the table name
   * only), like the Python client and ddbec. (Leaving the empty sets out would make the official
   * encryptor return such an item unsigned, which no reader configured with the same actions
   * accepts.)
   *
   * @param sortKeyName may be null for a table without a sort key
   * @return the item as it would be stored, including the two reserved attributes
   * @throws OfficialClientException if the official client fails (cause attached)
   */
  public static Map<String, AttributeValue> encrypt(
      Map<String, AttributeValue> item,
      String tableName,
      String partitionKeyName,
      String sortKeyName,
      Actions actions,
      EncryptionMaterialsProvider provider) {
    Objects.requireNonNull(actions, "actions");
    if (actions.allNothing()) {
      return new LinkedHashMap<>(item);
    }
    Map<String, Set<EncryptionFlags>> flags =
        flags(item.keySet(), actions, partitionKeyName, sortKeyName);
    EncryptionContext context = context(tableName, partitionKeyName, sortKeyName);
    return record(DynamoDBEncryptor::encryptRecord, item, flags, context, provider, "encrypt");
  }

  /**
   * Verifies and decrypts a stored item with the official {@code DynamoDBEncryptor}.
   *
   * <p>The flag map covers every attribute present in the stored item except the two reserved
   * attributes (see {@link #flags}); "nothing" attributes get an empty set. Note the official
   * client's rule: when no present attribute has a non-empty flag set it returns the stored item as
   * it is, reserved attributes included, without verifying anything.
   *
   * @param sortKeyName may be null for a table without a sort key
   * @return the plaintext item, without the reserved attributes
   * @throws OfficialClientException if the official client fails, e.g. on a bad signature
   */
  public static Map<String, AttributeValue> decrypt(
      Map<String, AttributeValue> storedItem,
      String tableName,
      String partitionKeyName,
      String sortKeyName,
      Actions actions,
      EncryptionMaterialsProvider provider) {
    Map<String, Set<EncryptionFlags>> flags =
        flags(storedItem.keySet(), actions, partitionKeyName, sortKeyName);
    EncryptionContext context = context(tableName, partitionKeyName, sortKeyName);
    return record(
        DynamoDBEncryptor::decryptRecord, storedItem, flags, context, provider, "decrypt");
  }

  /** {@code DynamoDBEncryptor.encryptRecord} or {@code decryptRecord}. */
  private interface RecordOperation {
    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> apply(
        DynamoDBEncryptor encryptor,
        Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item,
        Map<String, Set<EncryptionFlags>> flags,
        EncryptionContext context)
        throws GeneralSecurityException;
  }

  private static Map<String, AttributeValue> record(
      RecordOperation operation,
      Map<String, AttributeValue> item,
      Map<String, Set<EncryptionFlags>> flags,
      EncryptionContext context,
      EncryptionMaterialsProvider provider,
      String name) {
    try {
      return Sdk1Items.toSdk2(
          operation.apply(
              DynamoDBEncryptor.getInstance(provider),
              Sdk1Items.toSdk1(item),
              copyFlags(flags),
              context));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure(
          name,
          item,
          context.getTableName(),
          context.getHashKeyName(),
          context.getRangeKeyName(),
          provider,
          e);
    }
  }

  private static EncryptionContext context(
      String tableName, String partitionKeyName, String sortKeyName) {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(partitionKeyName, "partitionKeyName");
    return new EncryptionContext.Builder()
        .withTableName(tableName)
        .withHashKeyName(partitionKeyName)
        .withRangeKeyName(sortKeyName)
        .build();
  }

  private static Map<String, Set<EncryptionFlags>> copyFlags(
      Map<String, Set<EncryptionFlags>> flags) {
    Map<String, Set<EncryptionFlags>> copy = new LinkedHashMap<>();
    flags.forEach(
        (name, set) ->
            copy.put(
                name, set.isEmpty() ? EnumSet.noneOf(EncryptionFlags.class) : EnumSet.copyOf(set)));
    return copy;
  }

  private static OfficialClientException failure(
      String operation,
      Map<String, AttributeValue> item,
      String tableName,
      String partitionKeyName,
      String sortKeyName,
      EncryptionMaterialsProvider provider,
      Exception cause) {
    StringBuilder keys = new StringBuilder();
    for (String keyName : new String[] {partitionKeyName, sortKeyName}) {
      if (keyName != null) {
        keys.append(keys.length() == 0 ? "" : ", ")
            .append(keyName)
            .append('=')
            .append(item.get(keyName));
      }
    }
    return new OfficialClientException(
        "official Java client failed to "
            + operation
            + " an item of table '"
            + tableName
            + "' (key: "
            + keys
            + ") with "
            + (provider == null ? "no provider" : provider.getClass().getSimpleName())
            + ": "
            + cause,
        cause);
  }

  /** A failure of the official Java client; the official exception is the cause. */
  public static final class OfficialClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OfficialClientException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Providers
  // ---------------------------------------------------------------------------------------------

  /**
   * Official {@code SymmetricStaticProvider}: AES content key and HMAC-SHA256 signing key used for
   * every item, no key wrapping.
   */
  public static EncryptionMaterialsProvider staticAesHmac(byte[] aesKey, byte[] hmacKey) {
    return staticAesHmac(aesKey, hmacKey, Map.of());
  }

  /**
   * Official {@code SymmetricStaticProvider} with a material description. On decryption the
   * official provider only returns materials for items whose description contains every entry of
   * this one.
   */
  public static EncryptionMaterialsProvider staticAesHmac(
      byte[] aesKey, byte[] hmacKey, Map<String, String> description) {
    return new SymmetricStaticProvider(
        new SecretKeySpec(aesKey, "AES"),
        new SecretKeySpec(hmacKey, "HmacSHA256"),
        new LinkedHashMap<>(description));
  }

  /**
   * Official {@code WrappedMaterialsProvider}: a fresh content key per item, wrapped with RFC 3394
   * AES key wrap ({@code AESWrap}) under {@code wrappingKey}; HMAC-SHA256 signature.
   */
  public static EncryptionMaterialsProvider wrappedAesHmac(byte[] wrappingKey, byte[] hmacKey) {
    return wrappedAesHmac(wrappingKey, hmacKey, Map.of());
  }

  /**
   * As {@link #wrappedAesHmac(byte[], byte[])} with a provider description, e.g. {@code
   * amzn-ddb-env-alg=AES/256} to fix the content key size (the official client otherwise uses the
   * JDK's default AES key size).
   */
  public static EncryptionMaterialsProvider wrappedAesHmac(
      byte[] wrappingKey, byte[] hmacKey, Map<String, String> description) {
    SecretKeySpec wrap = new SecretKeySpec(wrappingKey, "AES");
    return new WrappedMaterialsProvider(
        wrap, wrap, new SecretKeySpec(hmacKey, "HmacSHA256"), new LinkedHashMap<>(description));
  }

  /**
   * Official {@code WrappedMaterialsProvider} with RSA: the content key is wrapped with the RSA
   * public key ({@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding} by default) and unwrapped with the
   * private key; items are signed with SHA256withRSA using the signing key pair.
   *
   * @param encryptionPublicKeyDer X.509 SubjectPublicKeyInfo DER
   * @param encryptionPrivateKeyDer PKCS#8 DER
   * @param signingPublicKeyDer X.509 SubjectPublicKeyInfo DER
   * @param signingPrivateKeyDer PKCS#8 DER
   */
  public static EncryptionMaterialsProvider wrappedRsa(
      byte[] encryptionPublicKeyDer,
      byte[] encryptionPrivateKeyDer,
      byte[] signingPublicKeyDer,
      byte[] signingPrivateKeyDer) {
    return wrappedRsa(
        encryptionPublicKeyDer,
        encryptionPrivateKeyDer,
        signingPublicKeyDer,
        signingPrivateKeyDer,
        Map.of());
  }

  /** As {@link #wrappedRsa(byte[], byte[], byte[], byte[])} with a provider description. */
  public static EncryptionMaterialsProvider wrappedRsa(
      byte[] encryptionPublicKeyDer,
      byte[] encryptionPrivateKeyDer,
      byte[] signingPublicKeyDer,
      byte[] signingPrivateKeyDer,
      Map<String, String> description) {
    return new WrappedMaterialsProvider(
        rsaPublicKey(encryptionPublicKeyDer),
        rsaPrivateKey(encryptionPrivateKeyDer),
        new KeyPair(rsaPublicKey(signingPublicKeyDer), rsaPrivateKey(signingPrivateKeyDer)),
        new LinkedHashMap<>(description));
  }

  /**
   * Official {@code MetaStore} in {@code metaTable}, its rows protected by {@code metaProvider}.
   *
   * @param dynamoDb an SDK v1 client of the server holding the table
   */
  public static MetaStore metaStore(
      AmazonDynamoDB dynamoDb, String metaTable, EncryptionMaterialsProvider metaProvider) {
    return new MetaStore(dynamoDb, metaTable, DynamoDBEncryptor.getInstance(metaProvider));
  }

  /**
   * Official {@code CachingMostRecentProvider} over the {@link #metaStore} in {@code metaTable}:
   * the newest version of {@code material}, cached for five minutes (the TTL the tests give ddbec's
   * and the Python peer's most-recent providers).
   *
   * @param dynamoDb an SDK v1 client of the server holding the table
   */
  public static CachingMostRecentProvider mostRecent(
      AmazonDynamoDB dynamoDb,
      String metaTable,
      EncryptionMaterialsProvider metaProvider,
      String material) {
    return new CachingMostRecentProvider(
        metaStore(dynamoDb, metaTable, metaProvider), material, Duration.ofMinutes(5).toMillis());
  }

  /** Parses an RSA public key from X.509 SubjectPublicKeyInfo DER. */
  public static PublicKey rsaPublicKey(byte[] der) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X.509 DER RSA public key", e);
    }
  }

  /** Parses an RSA private key from PKCS#8 DER. */
  public static PrivateKey rsaPrivateKey(byte[] der) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 DER RSA private key", e);
    }
  }
}
