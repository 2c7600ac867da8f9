package dev.ddbec.testing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB that functional tests run against, with SDK v2 clients pointed at it: by default the
 * JVM's {@linkplain MotoServer#shared() shared moto server} on a loopback port; with the
 * environment variable {@value #ENDPOINT_ENV} set, any other endpoint (real DynamoDB, or a
 * DynamoDB-compatible server the developer runs), so that the same tests check fidelity elsewhere.
 *
 * <p>Against moto the clients use dummy static credentials and region {@code us-west-2}. Against
 * {@value #ENDPOINT_ENV} they use region {@value #REGION_ENV} (default {@code us-west-2}) and the
 * SDK's default credentials chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code
 * AWS_PROFILE}, ...); table names then carry a random run id, {@link #createTable} waits until the
 * table is active, and {@link #close()} deletes the tables it created.
 *
 * <p>Most simply, one per test class with {@link LocalDynamoDbExtension}:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
 *
 * @Test
 * void putItem_roundTrip() {
 *   DynamoDbClient client = DDB.local().client();
 *   String table = DDB.local().createTable("books", "isbn", null);
 *   ...
 * }
 * }</pre>
 *
 * <p>or explicitly, {@code try (LocalDynamoDb ddb = LocalDynamoDb.start()) { ... }}. An instance is
 * a handle: its clients are created on first use (the URL-connection HTTP client for sync clients,
 * Netty for async ones, which needs {@code software.amazon.awssdk:netty-nio-client} on the class
 * path) and closed by {@link #close()}; the server stays up for the next handle. Use {@link
 * #uniqueTableName} for tables, since every test class of the JVM shares the server. Thread-safe.
 */
public final class LocalDynamoDb implements AutoCloseable {

  /** Environment variable: run against this DynamoDB endpoint instead of a local moto server. */
  public static final String ENDPOINT_ENV = "DDBEC_TEST_DYNAMODB_ENDPOINT";

  /** Environment variable: the region for {@value #ENDPOINT_ENV} (default {@code us-west-2}). */
  public static final String REGION_ENV = "DDBEC_TEST_DYNAMODB_REGION";

  /** Region the clients are configured with. */
  public static final Region REGION = defaultRegion();

  private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();

  /** Non-empty when the tests run against an outside endpoint, whose tables may outlive a run. */
  private static final String RUN_ID =
      externalEndpoint() == null
          ? ""
          : UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

  private final URI endpoint;
  private final boolean external;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final List<String> createdTables = new ArrayList<>();
  private DynamoDbClient client;
  private DynamoDbAsyncClient asyncClient;
  private boolean closed;

  private LocalDynamoDb(
      URI endpoint, boolean external, Region region, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.external = external;
    this.region = region;
    this.credentials = credentials;
  }

  /**
   * A handle on the test DynamoDB: the endpoint of {@value #ENDPOINT_ENV} if set, else the JVM's
   * shared moto server (started on the first call).
   *
   * @return a new handle
   * @throws IllegalStateException if the moto server cannot be started
   */
  public static LocalDynamoDb start() {
    URI external = externalEndpoint();
    if (external != null) {
      return connect(external, REGION, DefaultCredentialsProvider.builder().build());
    }
    return new LocalDynamoDb(
        MotoServer.shared().endpoint(),
        false,
        REGION,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  /**
   * A handle on a DynamoDB endpoint the caller names (a moto server of its own, a server it runs,
   * or AWS), with its region and credentials. As against {@value #ENDPOINT_ENV}, {@link
   * #createTable} waits until a table is active and {@link #close()} deletes the tables it made.
   *
   * @param endpoint the endpoint
   * @param region the region the clients sign requests for
   * @param credentials the clients' credentials; closed with the handle if closeable
   * @return a new handle
   */
  public static LocalDynamoDb connect(
      URI endpoint, Region region, AwsCredentialsProvider credentials) {
    return new LocalDynamoDb(
        Objects.requireNonNull(endpoint, "endpoint"),
        true,
        Objects.requireNonNull(region, "region"),
        Objects.requireNonNull(credentials, "credentials"));
  }

  /**
   * The port of the endpoint.
   *
   * @return the port, or -1 if the endpoint names none
   */
  public int port() {
    return endpoint.getPort();
  }

  /**
   * The endpoint, {@code http://127.0.0.1:PORT} for moto.
   *
   * @return the endpoint URI
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Whether this runs against {@value #ENDPOINT_ENV} (or an endpoint given to {@link #connect})
   * rather than the shared moto server.
   *
   * @return true for an outside endpoint
   */
  public boolean isExternal() {
    return external;
  }

  /**
   * The region the clients sign requests for: {@link #REGION}, or the one given to {@link
   * #connect}.
   *
   * @return the region
   */
  public Region region() {
    return region;
  }

  /**
   * The credentials the clients use: dummy static ones for moto, the SDK's default chain for
   * {@value #ENDPOINT_ENV}.
   *
   * @return the credentials provider
   */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials;
  }

  /**
   * A shared synchronous client pointed at the endpoint; closed with this handle. Do not close it.
   *
   * @return the client
   */
  public synchronized DynamoDbClient client() {
    ensureOpen();
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /**
   * The item stored under {@code key}, as stored (not decrypted), read consistently with the
   * {@linkplain #client() shared client}: what a test compares with what its client wrote.
   *
   * @param table the table name
   * @param key the item's key attributes
   * @return the stored item, empty when there is none
   */
  public Map<String, AttributeValue> rawItem(String table, Map<String, AttributeValue> key) {
    return client().getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
  }

  /**
   * A shared asynchronous client pointed at the endpoint; closed with this handle. Do not close it.
   *
   * @return the client
   */
  public synchronized DynamoDbAsyncClient asyncClient() {
    ensureOpen();
    if (asyncClient == null) {
      asyncClient = newAsyncClient();
    }
    return asyncClient;
  }

  /**
   * A new synchronous client pointed at the endpoint. It is closed with this handle, or earlier by
   * the caller.
   *
   * @return a new client
   */
  public DynamoDbClient newClient() {
    return own(
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build()));
  }

  /**
   * A new asynchronous client pointed at the endpoint. It is closed with this handle, or earlier by
   * the caller.
   *
   * @return a new client
   */
  public DynamoDbAsyncClient newAsyncClient() {
    return own(
        DynamoDbAsyncClient.builder()
            .endpointOverride(endpoint)
            .httpClientBuilder(NettyNioAsyncHttpClient.builder()));
  }

  /**
   * A new DynamoDB Streams client. Moto (like DynamoDB Local) serves both APIs on one port, so the
   * client uses the same endpoint, except for an AWS endpoint ({@code dynamodb.*.amazonaws.com}),
   * where DynamoDB Streams has its own: then the SDK's default for the {@linkplain #region()
   * region}. It is closed with this handle, or earlier by the caller.
   *
   * @return a new streams client
   */
  public DynamoDbStreamsClient newStreamsClient() {
    var builder =
        DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.builder().build());
    String host = endpoint.getHost() == null ? "" : endpoint.getHost();
    if (!(host.startsWith("dynamodb.") && host.endsWith(".amazonaws.com"))) {
      builder.endpointOverride(endpoint);
    }
    return own(builder);
  }

  /** Builds a client with this handle's region and credentials, to be closed with the handle. */
  private synchronized <C extends AutoCloseable> C own(AwsClientBuilder<?, C> builder) {
    ensureOpen();
    C c = builder.region(region).credentialsProvider(credentials).build();
    owned.add(c);
    return c;
  }

  /**
   * A table name not used before in this JVM: {@code prefix-N}, or {@code prefix-RUNID-N} against
   * {@value #ENDPOINT_ENV}, whose tables outlive the JVM.
   *
   * @param prefix a readable prefix
   * @return a unique table name
   */
  public static String uniqueTableName(String prefix) {
    return prefix + "-" + (RUN_ID.isEmpty() ? "" : RUN_ID + "-") + TABLE_COUNTER.incrementAndGet();
  }

  /**
   * Creates an on-demand table with string keys under a {@linkplain #uniqueTableName unique name}
   * and returns once it is active (moto makes tables active at once).
   *
   * @param prefix table name prefix
   * @param partitionKey partition key attribute name (type S)
   * @param sortKey sort key attribute name (type S), or null for none
   * @return the table name
   */
  public String createTable(String prefix, String partitionKey, String sortKey) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    String name = uniqueTableName(prefix);
    CreateTableRequest.Builder request =
        CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
    List<AttributeDefinition> definitions = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    definitions.add(attribute(partitionKey));
    keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
    if (sortKey != null) {
      definitions.add(attribute(sortKey));
      keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }
    DynamoDbClient c = client();
    c.createTable(request.attributeDefinitions(definitions).keySchema(keys).build());
    if (external) {
      c.waiter().waitUntilTableExists(r -> r.tableName(name));
      synchronized (this) {
        createdTables.add(name);
      }
    }
    return name;
  }

  /**
   * Writes items with {@code BatchWriteItem} (25 per request, unprocessed items retried).
   *
   * @param c the client
   * @param table the table
   * @param items the items, as stored
   */
  public static void writeAll(
      DynamoDbClient c, String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item :
          items.subList(from, Math.min(items.size(), from + 25))) {
        batch.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(table, batch);
      while (!pending.isEmpty()) {
        var response =
            c.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        if (pending.values().stream().allMatch(List::isEmpty)) {
          pending = Map.of();
        }
      }
    }
  }

  /**
   * Every item of a table, as stored (a paginated scan).
   *
   * @param c the client
   * @param table the table
   * @return the items
   */
  public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient c, String table) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    c.scanPaginator(ScanRequest.builder().tableName(table).build()).items().forEach(out::add);
    return out;
  }

  /**
   * Closes the clients made by this handle (and, against {@value #ENDPOINT_ENV}, deletes the tables
   * {@link #createTable} made). Idempotent. The shared moto server keeps running until the JVM
   * exits.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!createdTables.isEmpty()) {
      for (String table : createdTables) {
        try {
          client().deleteTable(r -> r.tableName(table));
        } catch (RuntimeException e) { // tear-down: report, go on
          System.err.println("[local-dynamodb] could not delete table " + table + ": " + e);
        }
      }
      createdTables.clear();
    }
    closed = true;
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) { // SDK clients declare no checked exception; be safe in tear-down
        System.err.println("[local-dynamodb] closing a client failed: " + e);
      }
    }
    owned.clear();
    if (credentials instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) { // tear-down: report, go on
        System.err.println("[local-dynamodb] closing the credentials provider failed: " + e);
      }
    }
  }

  @Override
  public String toString() {
    return "LocalDynamoDb{" + endpoint + (closed ? ", closed}" : "}");
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this LocalDynamoDb handle on " + endpoint + " is closed");
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static URI externalEndpoint() {
    String value = System.getenv(ENDPOINT_ENV);
    return value == null || value.isBlank() ? null : URI.create(value.trim());
  }

  private static Region defaultRegion() {
    String value = System.getenv(REGION_ENV);
    return externalEndpoint() == null || value == null || value.isBlank()
        ? Region.US_WEST_2
        : Region.of(value.trim());
  }
}
