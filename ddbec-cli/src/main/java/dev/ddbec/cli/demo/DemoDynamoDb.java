package dev.ddbec.cli.demo;

import dev.ddbec.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the demo runs against: a moto server it starts from the project's Python venv
 * ({@link MotoServer}, in memory, on 127.0.0.1) and stops at the end, or any endpoint the user
 * names ({@code --endpoint}), reached with the SDK's default credentials.
 */
public final class DemoDynamoDb implements AutoCloseable {
  /** The region of the local server's clients (moto accepts any). */
  public static final Region LOCAL_REGION = Region.US_WEST_2;

  /** The access key id of the local server's clients (moto accepts any). */
  public static final String ACCESS_KEY_ID = "demo";

  private final MotoServer server;
  private final URI endpoint;
  private final Region region;
  private DynamoDbClient client;

  private DemoDynamoDb(MotoServer server, URI endpoint, Region region) {
    this.server = server;
    this.endpoint = endpoint;
    this.region = region;
  }

  /**
   * Starts a moto server of the demo's own on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @return the running server
   * @throws IllegalStateException if the venv is missing or the server does not start
   */
  public static DemoDynamoDb startLocal(int port) {
    MotoServer server = MotoServer.start(port);
    return new DemoDynamoDb(server, server.endpoint(), LOCAL_REGION);
  }

  /**
   * Uses a DynamoDB endpoint the user runs (or AWS's).
   *
   * @param endpoint the endpoint
   * @param region the region to sign requests for
   * @return a handle that starts and stops nothing
   */
  public static DemoDynamoDb connect(URI endpoint, Region region) {
    return new DemoDynamoDb(null, endpoint, region);
  }

  /**
   * Whether the demo started this server (and stops it at the end).
   *
   * @return true for the demo's own moto server
   */
  public boolean isLocal() {
    return server != null;
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
   * The endpoint.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The region the clients sign requests for.
   *
   * @return the region
   */
  public Region region() {
    return region;
  }

  /**
   * A plain (unencrypted) client of this endpoint; closed with it.
   *
   * @return the shared client
   */
  public synchronized DynamoDbClient client() {
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /**
   * A new plain client of this endpoint, for the caller to close.
   *
   * @return a new client
   */
  public DynamoDbClient newClient() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials())
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build())
        .build();
  }

  /** Closes the client and stops the demo's own server. Idempotent. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.close();
    }
  }

  private AwsCredentialsProvider credentials() {
    return server != null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, ACCESS_KEY_ID))
        : DefaultCredentialsProvider.builder().build();
  }
}
