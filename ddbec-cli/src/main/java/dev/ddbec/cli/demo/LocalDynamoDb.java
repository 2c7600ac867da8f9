package dev.ddbec.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local 3.3.1 started in this JVM: in memory, telemetry off, one database for every
 * credential and region ({@code -sharedDb}, so the AWS CLI sees the demo's table whatever
 * credentials it uses), on a free loopback port found first ({@code -port 0} is rejected).
 *
 * <p>DynamoDB Local is a run-time dependency of the CLI, reached by reflection: the CLI's module
 * descriptor does not name it (it is an automatic module without a stable name). It has no option
 * to choose the listening address and listens on every interface; before it starts, its Jetty
 * connector is set to {@code 127.0.0.1} (the server keeps it in a private field). Should that ever
 * fail, it listens on every interface and {@link #loopbackOnly()} says so. DynamoDB Local extracts
 * its SQLite native library into {@code java.io.tmpdir} when it starts.
 */
public final class LocalDynamoDb implements AutoCloseable {
  /** The region the demo's clients use (DynamoDB Local accepts any). */
  public static final Region REGION = Region.US_WEST_2;

  /** The access key id the demo's clients use (any letters and digits work). */
  public static final String ACCESS_KEY_ID = "demo";

  private static final int START_ATTEMPTS = 5;
  private static final String SERVER_RUNNER =
      "software.amazon.dynamodb.services.local.main.ServerRunner";

  /** A {@code software.amazon.dynamodb.services.local.server.DynamoDBProxyServer}. */
  private final Object server;

  private final int port;
  private final boolean loopbackOnly;
  private DynamoDbClient client;

  private LocalDynamoDb(Object server, int port, boolean loopbackOnly) {
    this.server = server;
    this.port = port;
    this.loopbackOnly = loopbackOnly;
  }

  /**
   * Starts a server.
   *
   * @param port the port, or 0 for a free one
   * @return the running server
   * @throws IllegalStateException if it does not start
   */
  public static LocalDynamoDb start(int port) {
    Exception last = null;
    for (int attempt = 0; attempt < (port == 0 ? START_ATTEMPTS : 1); attempt++) {
      int p = port == 0 ? freePort() : port;
      Object server;
      PrintStream stdout = System.out;
      // DynamoDB Local prints its configuration banner on System.out; the demo has its own output.
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      try {
        try {
          server =
              Class.forName(SERVER_RUNNER)
                  .getMethod("createServerFromCommandLineArgs", String[].class)
                  .invoke(
                      null,
                      (Object)
                          new String[] {
                            "-inMemory",
                            "-sharedDb",
                            "-disableTelemetry",
                            "-port",
                            Integer.toString(p)
                          });
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(
              "DynamoDB Local is not on the class path (software.amazon.dynamodb:DynamoDBLocal)",
              e);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("DynamoDB Local rejected its command line", cause(e));
        }
        boolean loopback = bindLoopback(server);
        try {
          server.getClass().getMethod("start").invoke(server);
          return new LocalDynamoDb(server, p, loopback);
        } catch (ReflectiveOperationException e) {
          last = cause(e);
          stopQuietly(server);
          if (!isBindFailure(last)) {
            break;
          }
        }
      } finally {
        System.setOut(stdout);
      }
    }
    throw new IllegalStateException(
        "DynamoDB Local did not start"
            + (port == 0 ? "" : " on port " + port + " (in use? try another --port)"),
        last);
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Whether the server listens on 127.0.0.1 only (else on every interface).
   *
   * @return true when bound to loopback
   */
  public boolean loopbackOnly() {
    return loopbackOnly;
  }

  /**
   * {@code http://127.0.0.1:PORT}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * A plain (unencrypted) client of this server; closed with it.
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
   * A new plain client of this server, for the caller to close.
   *
   * @return a new client
   */
  public DynamoDbClient newClient() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, ACCESS_KEY_ID)))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build())
        .build();
  }

  /** Closes the client and stops the server. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    stopQuietly(server);
  }

  /** Sets the Jetty connectors of a server that has not started to listen on 127.0.0.1 only. */
  private static boolean bindLoopback(Object server) {
    try {
      Field field = server.getClass().getDeclaredField("server");
      field.setAccessible(true);
      Object jetty = field.get(server);
      Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
      if (connectors.length == 0) {
        return false;
      }
      for (Object connector : connectors) {
        connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Another DynamoDB Local version: it then listens on every interface, as it does by itself.
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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

  private static Exception cause(ReflectiveOperationException e) {
    return e instanceof InvocationTargetException ite && ite.getCause() instanceof Exception c
        ? c
        : e;
  }

  private static void stopQuietly(Object server) {
    try {
      server.getClass().getMethod("stop").invoke(server);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // nothing useful to do at shutdown
      // The JVM is about to exit or the start already failed.
    }
  }
}
