package dev.ddbec.benchmarks;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.SymmetricStaticProvider;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
          staticProvider(keys), new SymmetricStaticProvider(keys.aesKey(), keys.hmacKey()));
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
  },
  /**
   * Most-recent provider over a MetaStore on the moto server, caches warm (TTL of an hour): per
   * item a fresh AES-256 content key wrapped with the current version's AES key, HMAC-SHA256
   * signature. The MetaStore rows are protected by a static AES + HMAC meta provider on both sides.
   */
  MOST_RECENT("most-recent (MetaStore, warm)", KeyTransport.AES_KEY_WRAP, Signature.HMAC_SHA256) {
    @Override
    public ProviderPair open(KeyMaterial keys) {
      LocalDynamoDb local = LocalDynamoDb.start();
      AmazonDynamoDB v1 = null;
      try {
        DynamoDbClient ddb = local.newClient();
        String table = LocalDynamoDb.uniqueTableName("metastore");
        MetaStore.createTable(ddb, table);
        StaticMaterialsProvider meta = staticProvider(keys);
        // Version 0 holds the trial's wrapping and HMAC keys, so both clients (and the floor) use
        // the same key material. The row is written in the MetaStore format (docs/format.md §6.2).
        putVersionZero(ddb, table, meta, keys);
        CachingMostRecentProvider ddbec =
            CachingMostRecentProvider.builder()
                .metaStore(
                    MetaStore.builder()
                        .dynamoDbClient(ddb)
                        .tableName(table)
                        .materialsProvider(meta)
                        .build())
                .materialName(MATERIAL_NAME)
                .ttl(Duration.ofHours(1))
                .build();
        // Same endpoint and access key, so the official client sees the same table.
        v1 =
            AmazonDynamoDBClientBuilder.standard()
                .withEndpointConfiguration(
                    new AwsClientBuilder.EndpointConfiguration(
                        local.endpoint().toString(), "us-west-2"))
                .withCredentials(
                    new AWSStaticCredentialsProvider(new BasicAWSCredentials("testing", "testing")))
                .build();
        EncryptionMaterialsProvider official =
            new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
                .CachingMostRecentProvider(
                new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.store
                    .MetaStore(
                    v1,
                    table,
                    DynamoDBEncryptor.getInstance(
                        new SymmetricStaticProvider(keys.aesKey(), keys.hmacKey()))),
                MATERIAL_NAME,
                Duration.ofHours(1).toMillis());
        AmazonDynamoDB v1Client = v1;
        return new ProviderPair(
            ddbec,
            official,
            () -> {
              ddbec.close();
              v1Client.shutdown();
              local.close();
            });
      } catch (RuntimeException e) {
        if (v1 != null) {
          v1.shutdown();
        }
        local.close();
        throw e;
      }
    }
  };

  /**
   * ddbec's static provider over the trial's AES and HMAC keys.
   *
   * @param keys the trial's keys
   * @return the provider
   */
  static StaticMaterialsProvider staticProvider(KeyMaterial keys) {
    return StaticMaterialsProvider.builder()
        .encryptionKey(keys.aesKey())
        .hmacKey(keys.hmacKey())
        .build();
  }

  private static void putVersionZero(
      DynamoDbClient ddb, String table, StaticMaterialsProvider meta, KeyMaterial keys) {
    Map<String, AttributeValue> row = new LinkedHashMap<>();
    row.put("N", AttributeValue.fromS(MATERIAL_NAME));
    row.put("V", AttributeValue.fromN("0"));
    row.put("t", AttributeValue.fromS("0"));
    row.put("encAlg", AttributeValue.fromS("AES"));
    row.put("enc", AttributeValue.fromB(SdkBytes.fromByteArray(keys.wrappingKey().getEncoded())));
    row.put("intAlg", AttributeValue.fromS("HmacSHA256"));
    row.put("int", AttributeValue.fromB(SdkBytes.fromByteArray(keys.hmacKey().getEncoded())));
    CryptoConfig config =
        CryptoConfig.of(
            EncryptionContext.builder()
                .tableName(table)
                .partitionKeyName("N")
                .sortKeyName("V")
                .build(),
            AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("N", "V"));
    ddb.putItem(b -> b.tableName(table).item(ItemEncryptor.create(meta).encryptItem(row, config)));
  }

  private static final String MATERIAL_NAME = "bench-material";

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
