package dev.ddbec.benchmarks;

import dev.ddbec.core.client.EncryptedDynamoDbAsyncClient;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.core.client.ProtectionSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB clients measured by {@link HelperClientBenchmark} (synchronous) and {@link
 * AsyncClientBenchmark} (asynchronous), all over the same plain SDK v2 client pointed at the local
 * moto server.
 *
 * <p>This enum is the extension point for helper clients: a constant that wraps the delegate (for
 * example ddbec's {@code EncryptedDynamoDbClient} with the {@link ProviderKind#STATIC} provider and
 * {@link ItemShape#actions()}) is measured and reported against {@link #PLAIN} without any other
 * change.
 */
public enum ClientKind {
  /** The SDK v2 client itself: the baseline every helper client's overhead is measured against. */
  PLAIN("plain DynamoDbClient", "plain DynamoDbAsyncClient") {
    @Override
    public DynamoDbClient open(DynamoDbClient delegate, KeyMaterial keys) {
      return delegate;
    }

    @Override
    public DynamoDbAsyncClient openAsync(DynamoDbAsyncClient delegate, KeyMaterial keys) {
      return delegate;
    }
  },
  /**
   * ddbec's {@code EncryptedDynamoDbClient} (or {@code EncryptedDynamoDbAsyncClient}, with its
   * default executor) over the same delegate: static AES + HMAC provider, {@link
   * ItemShape#actions()}, keys discovered with DescribeTable (cached after the first call).
   */
  ENCRYPTED(
      "EncryptedDynamoDbClient (static AES + HMAC)",
      "EncryptedDynamoDbAsyncClient (static AES + HMAC)") {
    @Override
    public DynamoDbClient open(DynamoDbClient delegate, KeyMaterial keys) {
      return configured(EncryptedDynamoDbClient.builder(), delegate, keys).build();
    }

    @Override
    public DynamoDbAsyncClient openAsync(DynamoDbAsyncClient delegate, KeyMaterial keys) {
      return configured(EncryptedDynamoDbAsyncClient.builder(), delegate, keys).build();
    }
  };

  /**
   * A ddbec client builder (sync or async) over {@code delegate}: static provider, item actions.
   */
  private static <B extends ProtectionSettings.ClientBuilder<B, D>, D> B configured(
      B builder, D delegate, KeyMaterial keys) {
    return builder
        .delegate(delegate)
        .materialsProvider(ProviderKind.staticProvider(keys))
        .attributeActions(ItemShape.actions());
  }

  private final String displayName;
  private final String asyncDisplayName;

  ClientKind(String displayName, String asyncDisplayName) {
    this.displayName = displayName;
    this.asyncDisplayName = asyncDisplayName;
  }

  /**
   * The client to measure.
   *
   * @param delegate a plain client pointed at the moto server (closed with its handle)
   * @param keys the trial's keys
   * @return the client; closed with the server's clients
   */
  public abstract DynamoDbClient open(DynamoDbClient delegate, KeyMaterial keys);

  /**
   * The asynchronous client to measure.
   *
   * @param delegate a plain asynchronous client pointed at the local server (closed with the
   *     server)
   * @param keys the trial's keys
   * @return the client; closed with the server's clients
   */
  public abstract DynamoDbAsyncClient openAsync(DynamoDbAsyncClient delegate, KeyMaterial keys);

  /**
   * A short human name for reports.
   *
   * @return e.g. "plain DynamoDbClient"
   */
  public String displayName() {
    return displayName;
  }

  /**
   * A short human name of the asynchronous client for reports.
   *
   * @return e.g. "plain DynamoDbAsyncClient"
   */
  public String asyncDisplayName() {
    return asyncDisplayName;
  }
}
