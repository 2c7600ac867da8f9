package dev.ddbec.core.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * An in-process DynamoDB Local 3.3.1 server for functional tests, reached over HTTP on a free
 * loopback port, with SDK v2 clients pointed at it.
 *
 * <p>The server runs with {@code -inMemory -disableTelemetry}: nothing is written to disk and no
 * outside host is contacted. Starting it takes a second or two, so start one per test class, most
 * simply with {@link DynamoDbLocalExtension}:
 *
 * <pre>{@code
 * @RegisterExtension static final DynamoDbLocalExtension DDB = new DynamoDbLocalExtension();
 *
 * @Test
 * void putItem_roundTrip() {
 *   DynamoDbClient client = DDB.local().client();
 *   String table = DDB.local().createTable("books", "isbn", null);
 *   ...
 * }
 * }</pre>
 *
 * <p>or explicitly, {@code try (DynamoDbLocal ddb = DynamoDbLocal.start()) { ... }}. The clients
 * use dummy static credentials, region {@code us-west-2}, the URL-connection HTTP client (sync) and
 * the Netty client (async); they are created on first use and closed with the server. Thread-safe.
 */
public final class DynamoDbLocal implements AutoCloseable {

  /** Region the clients are configured with. */
  public static final Region REGION = Region.US_WEST_2;

  private static final int START_ATTEMPTS = 5;
  private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();

  private final DynamoDBProxyServer server;
  private final int port;
  private final URI endpoint;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private DynamoDbClient client;
  private DynamoDbAsyncClient asyncClient;
  private boolean closed;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Finds a free port and starts a server on it ({@code -port 0} is rejected by DynamoDB Local, so
   * the port is chosen first; if another process takes it in between, another port is tried).
   *
   * @return the running server
   * @throws IllegalStateException if the server cannot be started
   */
  public static DynamoDbLocal start() {
    Exception last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      DynamoDBProxyServer server;
      try {
        server =
            ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
      } catch (Exception e) { // DynamoDBLocalServiceException, ParseException
        throw new IllegalStateException("DynamoDB Local rejected its command line", e);
      }
      try {
        server.start();
        return new DynamoDbLocal(server, port);
      } catch (Exception e) { // start() declares Exception
        last = e;
        stopQuietly(server);
        if (!isBindFailure(e)) {
          break;
        }
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The endpoint, {@code http://127.0.0.1:PORT}.
   *
   * @return the endpoint URI
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * A shared synchronous client pointed at the server; closed with the server. Do not close it.
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
   * A shared asynchronous client pointed at the server; closed with the server. Do not close it.
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
   * A new synchronous client pointed at the server. It is closed with the server, or earlier by the
   * caller.
   *
   * @return a new client
   */
  public synchronized DynamoDbClient newClient() {
    ensureOpen();
    DynamoDbClient c =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(REGION)
            .credentialsProvider(credentials())
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .build();
    owned.add(c);
    return c;
  }

  /**
   * A new asynchronous client pointed at the server. It is closed with the server, or earlier by
   * the caller.
   *
   * @return a new client
   */
  public synchronized DynamoDbAsyncClient newAsyncClient() {
    ensureOpen();
    DynamoDbAsyncClient c =
        DynamoDbAsyncClient.builder()
            .endpointOverride(endpoint)
            .region(REGION)
            .credentialsProvider(credentials())
            .httpClientBuilder(NettyNioAsyncHttpClient.builder())
            .build();
    owned.add(c);
    return c;
  }

  /**
   * A table name not used before in this JVM: {@code prefix-N}.
   *
   * @param prefix a readable prefix
   * @return a unique table name
   */
  public static String uniqueTableName(String prefix) {
    return prefix + "-" + TABLE_COUNTER.incrementAndGet();
  }

  /**
   * Creates an on-demand table with string keys under a {@linkplain #uniqueTableName unique name}.
   * DynamoDB Local makes tables active at once.
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
    client().createTable(request.attributeDefinitions(definitions).keySchema(keys).build());
    return name;
  }

  /** Closes the clients made by this instance and stops the server. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) { // SDK clients declare no checked exception; be safe in tear-down
        System.err.println("[dynamodb-local] closing a client failed: " + e);
      }
    }
    owned.clear();
    try {
      server.stop();
    } catch (Exception e) { // stop() declares Exception
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "DynamoDbLocal{" + endpoint + (closed ? ", closed}" : "}");
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("DynamoDB Local on port " + port + " has been stopped");
    }
  }

  private static StaticCredentialsProvider credentials() {
    // DynamoDB Local accepts any key made of letters and digits; nothing leaves the machine.
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("ddbeclocal", "ddbeclocal"));
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static int freePort() {
    // DynamoDB Local (Jetty) binds the wildcard address, so probe the same.
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("cannot find a free TCP port", e);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static void stopQuietly(DynamoDBProxyServer server) {
    try {
      server.stop();
    } catch (Exception e) { // stop() declares Exception; the start failure is what matters
      System.err.println("[dynamodb-local] stop after a failed start: " + e);
    }
  }
}
