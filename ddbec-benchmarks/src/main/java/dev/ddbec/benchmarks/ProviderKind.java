package dev.ddbec.benchmarks;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.SymmetricStaticProvider;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.util.Map;

/**
 * The materials providers measured, each as a ddbec provider and the official client's equivalent
 * over the same keys.
 *
 * <p>This enum is the extension point for providers: a new constant (for example the most-recent
 * provider over a MetaStore, warmed in {@link #open}) is measured by {@link
 * ItemEncryptionBenchmark} and {@link CryptoFloorBenchmark} and rendered by the report without any
 * other change. Its {@link #keyTransport()} and {@link #signature()} tell the floor which per-item
 * cryptography the provider implies.
 */
public enum ProviderKind {
  /** Static AES-256 content key and HMAC-SHA256 signing key, the same for every item. */
  STATIC("static AES + HMAC", KeyTransport.NONE, Signature.HMAC_SHA256) {
    @Override
    public ProviderPair open(KeyMaterial keys) {
      return ProviderPair.of(
          StaticMaterialsProvider.builder()
              .encryptionKey(keys.aesKey())
              .hmacKey(keys.hmacKey())
              .build(),
          new SymmetricStaticProvider(keys.aesKey(), keys.hmacKey()));
    }
  },
  /** Fresh AES-256 content key per item, wrapped with AES key wrap (RFC 3394); HMAC-SHA256. */
  WRAPPED_AES("wrapped AES-KW + HMAC", KeyTransport.AES_KEY_WRAP, Signature.HMAC_SHA256) {
    @Override
    public ProviderPair open(KeyMaterial keys) {
      return ProviderPair.of(
          WrappedMaterialsProvider.builder()
              .wrappingKey(keys.wrappingKey())
              .hmacKey(keys.hmacKey())
              .build(),
          new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
              .WrappedMaterialsProvider(
              keys.wrappingKey(), keys.wrappingKey(), keys.hmacKey(), AES_256_CONTENT_KEYS));
    }
  },
  /** Fresh AES-256 content key per item wrapped with RSA-OAEP (2048); SHA256withRSA (2048). */
  WRAPPED_RSA("wrapped RSA-OAEP + RSA sig", KeyTransport.RSA_OAEP, Signature.SHA256_WITH_RSA) {
    @Override
    public ProviderPair open(KeyMaterial keys) {
      return ProviderPair.of(
          WrappedMaterialsProvider.builder()
              .wrappingKeyPair(keys.rsaEncryptionPair())
              .signingKeyPair(keys.rsaSigningPair())
              .build(),
          new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
              .WrappedMaterialsProvider(
              keys.rsaEncryptionPair().getPublic(),
              keys.rsaEncryptionPair().getPrivate(),
              keys.rsaSigningPair(),
              AES_256_CONTENT_KEYS));
    }
  };

  /**
   * The official wrapped provider otherwise generates content keys of the JDK's default AES size;
   * ddbec always generates AES-256. This makes both do the same work.
   */
  private static final Map<String, String> AES_256_CONTENT_KEYS =
      Map.of("amzn-ddb-env-alg", "AES/256");

  /** How a provider delivers the per-item content key. */
  public enum KeyTransport {
    /** One static key; nothing per item. */
    NONE,
    /** 32 random bytes per item wrapped with AES key wrap ({@code AESWrap}). */
    AES_KEY_WRAP,
    /** 32 random bytes per item wrapped with {@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding}. */
    RSA_OAEP
  }

  /** How items are signed. */
  public enum Signature {
    /** {@code HmacSHA256}. */
    HMAC_SHA256,
    /** {@code SHA256withRSA}. */
    SHA256_WITH_RSA
  }

  private final String displayName;
  private final KeyTransport keyTransport;
  private final Signature signature;

  ProviderKind(String displayName, KeyTransport keyTransport, Signature signature) {
    this.displayName = displayName;
    this.keyTransport = keyTransport;
    this.signature = signature;
  }

  /**
   * Builds both providers over the given keys, warmed up if the provider caches anything.
   *
   * @param keys the trial's keys
   * @return the pair; close it at the end of the trial
   */
  public abstract ProviderPair open(KeyMaterial keys);

  /**
   * A short human name for reports.
   *
   * @return e.g. "static AES + HMAC"
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The per-item key cryptography this provider implies.
   *
   * @return the key transport
   */
  public KeyTransport keyTransport() {
    return keyTransport;
  }

  /**
   * The item signature this provider implies.
   *
   * @return the signature
   */
  public Signature signature() {
    return signature;
  }
}
