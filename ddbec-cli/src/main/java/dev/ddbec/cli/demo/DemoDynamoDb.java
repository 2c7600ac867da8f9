package dev.ddbec.cli.demo;

import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.MotoServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the demo runs against: a moto server it starts from the project's Python venv
 * ({@link MotoServer}, in memory, on 127.0.0.1) and stops at the end, or any endpoint the user
 * names ({@code --endpoint}), reached with the SDK's default credentials. The clients are {@link
 * LocalDynamoDb}'s, as in the tests.
 */
public final class DemoDynamoDb implements AutoCloseable {
  /** The region of the local server's clients (moto accepts any). */
  public static final Region LOCAL_REGION = Region.US_WEST_2;

  /** The access key id of the local server's clients (moto accepts any). */
  public static final String ACCESS_KEY_ID = "demo";

  private final MotoServer server;
  private final LocalDynamoDb ddb;

  private DemoDynamoDb(MotoServer server, LocalDynamoDb ddb) {
    this.server = server;
    this.ddb = ddb;
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
    return new DemoDynamoDb(
        server,
        LocalDynamoDb.connect(
            server.endpoint(),
            LOCAL_REGION,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, ACCESS_KEY_ID))));
  }

  /**
   * Uses a DynamoDB endpoint the user runs (or AWS's).
   *
   * @param endpoint the endpoint
   * @param region the region to sign requests for
   * @return a handle that starts and stops nothing
   */
  public static DemoDynamoDb connect(URI endpoint, Region region) {
    return new DemoDynamoDb(
        null,
        LocalDynamoDb.connect(endpoint, region, DefaultCredentialsProvider.builder().build()));
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
    return ddb.port();
  }

  /**
   * The endpoint.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return ddb.endpoint();
  }

  /**
   * The region the clients sign requests for.
   *
   * @return the region
   */
  public Region region() {
    return ddb.region();
  }

  /**
   * A plain (unencrypted) client of this endpoint; closed with it.
   *
   * @return the shared client
   */
  public DynamoDbClient client() {
    return ddb.client();
  }

  /**
   * A new plain client of this endpoint, for the caller to close (closed with this handle at the
   * latest).
   *
   * @return a new client
   */
  public DynamoDbClient newClient() {
    return ddb.newClient();
  }

  /** Closes the clients and stops the demo's own server. Idempotent. */
  @Override
  public synchronized void close() {
    try {
      ddb.close();
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }
}
