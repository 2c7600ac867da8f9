package dev.ddbec.provider.kms.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * A moto KMS server on a free loopback port for one test class.
 *
 * <pre>{@code
 * @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();
 * ...
 * KmsClient kms = MOTO.client(Region.US_EAST_1);
 * String keyArn = MOTO.createKey(kms);
 * }</pre>
 *
 * <p>The server is the venv's moto ({@code moto[server]}, pinned in {@code
 * ddbec-interop-tests/src/test/python/requirements.txt} and installed by {@code
 * scripts/python-env.sh}) started as {@code <venv>/bin/python moto_kms_server.py -H 127.0.0.1 -p
 * PORT}: that script runs {@code moto_server}'s own entry point after patching the two KMS
 * behaviours moto 5.2.5 lacks (key state and multi-Region key decryption; see the script). The venv
 * is {@code -Dddbec.venv}, else {@code $DDBEC_VENV}, else {@code <repo>/.venv}; the repo root is
 * the nearest directory at or above {@code user.dir} holding {@code scripts/python-env.sh}. A
 * missing venv fails the test class with a message saying how to create it — tests never skip.
 *
 * <p>Keys live per region (and account, always {@code 123456789012}): clients for different regions
 * on the same server see different keys, as with AWS. Clients made by {@link #client} use dummy
 * credentials and are closed after the class.
 */
public final class MotoKmsServer implements BeforeAllCallback, AfterAllCallback {
  /** System property naming the venv directory. */
  public static final String VENV_PROPERTY = "ddbec.venv";

  static final String SETUP_SCRIPT = "scripts/python-env.sh";
  private static final String LAUNCHER = "moto_kms_server.py";
  private static final int START_ATTEMPTS = 4;
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final List<KmsClient> clients = new ArrayList<>();
  private Process process;
  private Path workDir;
  private Path log;
  private URI endpoint;

  /** Creates the extension; the server starts before the test class. */
  public MotoKmsServer() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /**
   * The server's endpoint, e.g. {@code http://127.0.0.1:41234}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("the moto server is not running");
    }
    return endpoint;
  }

  /**
   * A KMS client for a region on this server, with dummy credentials; closed after the class.
   *
   * @param region the region (moto keeps keys per region)
   * @param interceptors interceptors to add, e.g. a {@link KmsCallCounter}
   * @return the client
   */
  public synchronized KmsClient client(Region region, ExecutionInterceptor... interceptors) {
    KmsClient c =
        KmsClient.builder()
            .region(region)
            .endpointOverride(endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                o -> {
                  for (ExecutionInterceptor i : interceptors) {
                    o.addExecutionInterceptor(i);
                  }
                })
            .build();
    clients.add(c);
    return c;
  }

  /**
   * Creates a symmetric encryption key.
   *
   * @param kms a client of this server
   * @return the key ARN
   */
  public static String createKey(KmsClient kms) {
    return kms.createKey(r -> r.description("ddbec test key")).keyMetadata().arn();
  }

  /**
   * Creates a multi-Region key and replicates it.
   *
   * @param primary a client of the primary region
   * @param replicaRegions regions to replicate to
   * @return the primary key's ARN
   */
  public static String createMultiRegionKey(KmsClient primary, Region... replicaRegions) {
    KeyMetadata key =
        primary.createKey(r -> r.multiRegion(true).description("ddbec test mrk")).keyMetadata();
    for (Region replica : replicaRegions) {
      primary.replicateKey(r -> r.keyId(key.keyId()).replicaRegion(replica.id()));
    }
    return key.arn();
  }

  /**
   * The key id part of a key ARN (moto's DisableKey and EnableKey want the bare id).
   *
   * @param keyArn a key ARN
   * @return the id after {@code key/}
   */
  public static String keyIdOf(String keyArn) {
    return keyArn.substring(keyArn.lastIndexOf('/') + 1);
  }

  /**
   * Creates (or repoints) an alias.
   *
   * @param kms a client of the key's region
   * @param alias the alias name, {@code alias/...}
   * @param keyId the target key
   */
  public static void alias(KmsClient kms, String alias, String keyId) {
    String id = keyIdOf(keyId);
    boolean exists =
        kms.listAliases(r -> r.limit(100)).aliases().stream()
            .anyMatch(a -> a.aliasName().equals(alias));
    if (exists) {
      kms.updateAlias(r -> r.aliasName(alias).targetKeyId(id));
    } else {
      kms.createAlias(r -> r.aliasName(alias).targetKeyId(id));
    }
  }

  /** Starts the server (done by {@link #beforeAll}); also usable without JUnit. */
  public synchronized void start() {
    if (process != null) {
      return;
    }
    Path python = python();
    try {
      workDir = Files.createTempDirectory("ddbec-moto-");
      Path launcher = workDir.resolve(LAUNCHER);
      try (InputStream in = MotoKmsServer.class.getResourceAsStream(LAUNCHER)) {
        if (in == null) {
          throw new IllegalStateException("test resource " + LAUNCHER + " is missing");
        }
        Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
      }
      String lastFailure = "";
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        log = workDir.resolve("moto-" + port + ".log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    python.toString(), launcher.toString(), "-H", "127.0.0.1", "-p", "" + port)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        process = pb.start();
        URI uri = URI.create("http://127.0.0.1:" + port);
        if (awaitReady(uri)) {
          endpoint = uri;
          return;
        }
        lastFailure = tail();
        destroy();
        if (!lastFailure.contains("Address already in use")) {
          break;
        }
      }
      throw new IllegalStateException(
          "moto server did not start with "
              + python
              + " (rerun "
              + SETUP_SCRIPT
              + " if moto is missing). Its output:\n"
              + lastFailure);
    } catch (IOException e) {
      destroy();
      throw new UncheckedIOException("cannot start the moto server with " + python, e);
    }
  }

  /** Closes the clients and stops the server (done by {@link #afterAll}). */
  public synchronized void stop() {
    clients.forEach(KmsClient::close);
    clients.clear();
    destroy();
    endpoint = null;
    if (workDir != null) {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Temp files only.
      }
      workDir = null;
    }
  }

  private boolean awaitReady(URI uri) throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    URL url = uri.resolve("/moto-api/").toURL();
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int status = c.getResponseCode();
        c.disconnect();
        if (status > 0) {
          return true;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private void destroy() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** The venv's interpreter, checked to have moto_server next to it. */
  static Path python() {
    Path venv = venv();
    Path python = venv.resolve("bin").resolve("python");
    Path motoServer = venv.resolve("bin").resolve("moto_server");
    if (!Files.isExecutable(python) || !Files.isExecutable(motoServer)) {
      throw new IllegalStateException(
          "moto is not installed: "
              + motoServer
              + " is missing. The KMS tests need the Python venv with moto[server]; create it"
              + " with `"
              + SETUP_SCRIPT
              + "` from the repository root (scripts/test.sh does this), or point -D"
              + VENV_PROPERTY
              + " (or DDBEC_VENV) at a venv made by that script.");
    }
    return python;
  }

  static Path venv() {
    String property = System.getProperty(VENV_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Paths.get(property).toAbsolutePath();
    }
    String env = System.getenv("DDBEC_VENV");
    if (env != null && !env.isBlank()) {
      return Paths.get(env).toAbsolutePath();
    }
    return repoRoot().resolve(".venv");
  }

  static Path repoRoot() {
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SETUP_SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root: no directory at or above "
            + start
            + " contains "
            + SETUP_SCRIPT);
  }
}
