package dev.ddbec.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A <a href="https://github.com/getmoto/moto">moto</a> server (Apache-2.0) on a loopback port:
 * DynamoDB, DynamoDB Streams and KMS on one endpoint, in memory, for tests and the CLI's demo.
 *
 * <p>The server is the venv's moto ({@code moto[server]}, pinned in {@code
 * ddbec-interop-tests/src/test/python/requirements.txt} and installed by {@code
 * scripts/python-env.sh}), started as {@code <venv>/bin/python ddbec_moto_server.py -H 127.0.0.1 -p
 * PORT}: that script runs {@code moto_server}'s own entry point after patching two KMS behaviours
 * moto lacks (key state and multi-Region key decryption; see the script), and exits when its
 * standard input closes, so a server never outlives the JVM that started it, even one killed
 * without running its shutdown hooks.
 *
 * <p>The venv is {@code -Dddbec.venv}, else {@code $DDBEC_VENV}, else {@code <repo>/.venv}, where
 * the repository root is the nearest directory at or above {@code user.dir} holding {@code
 * scripts/python-env.sh}. A missing venv is an {@link IllegalStateException} saying how to create
 * it.
 *
 * <p>{@link #shared()} is the one server of this JVM, started on first use and stopped when the JVM
 * exits; tests use it (through {@link LocalDynamoDb}) so that a test run pays moto's start-up once.
 * {@link #start(int)} starts a server of the caller's own, stopped by {@link #close()}. Moto keeps
 * its data per account (always {@value #ACCOUNT_ID}) and region; any credentials are accepted.
 * Thread-safe.
 */
public final class MotoServer implements AutoCloseable {
  /** System property naming the venv directory. */
  public static final String VENV_PROPERTY = "ddbec.venv";

  /** Environment variable naming the venv directory (when the system property is not set). */
  public static final String VENV_ENV = "DDBEC_VENV";

  /** The script that creates the venv, relative to the repository root. */
  public static final String SETUP_SCRIPT = "scripts/python-env.sh";

  /** The AWS account id moto reports for every request. */
  public static final String ACCOUNT_ID = "123456789012";

  private static final String LAUNCHER = "ddbec_moto_server.py";
  private static final int START_ATTEMPTS = 4;
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private static MotoServer shared;

  private final Process process;
  private final Path workDir;
  private final URI endpoint;
  private final boolean isShared;
  private boolean closed;

  private MotoServer(Process process, Path workDir, URI endpoint, boolean isShared) {
    this.process = process;
    this.workDir = workDir;
    this.endpoint = endpoint;
    this.isShared = isShared;
  }

  /**
   * The server of this JVM: started on the first call, on a free loopback port, and stopped by a
   * shutdown hook when the JVM exits. {@link #close()} on it does nothing.
   *
   * @return the running shared server
   * @throws IllegalStateException if the venv is missing or the server does not start
   */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      MotoServer s = launch(venv(), 0, true);
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "ddbec-moto-server-stop"));
      shared = s;
    }
    return shared;
  }

  /**
   * Starts a server of the caller's own with the {@linkplain #venv() default venv}; {@link
   * #close()} stops it.
   *
   * @param port the loopback port, or 0 for a free one
   * @return the running server
   * @throws IllegalStateException if the venv is missing or the server does not start
   */
  public static MotoServer start(int port) {
    return start(venv(), port);
  }

  /**
   * Starts a server of the caller's own from the given venv; {@link #close()} stops it.
   *
   * @param venv the venv directory (made by {@code scripts/python-env.sh})
   * @param port the loopback port, or 0 for a free one
   * @return the running server
   * @throws IllegalStateException if the venv lacks moto or the server does not start
   */
  public static MotoServer start(Path venv, int port) {
    return launch(venv, port, false);
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
   * The loopback port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return endpoint.getPort();
  }

  /**
   * Whether this is the JVM's {@linkplain #shared() shared} server.
   *
   * @return true for the shared server
   */
  public boolean isShared() {
    return isShared;
  }

  /** Stops a server from {@link #start(int)}; idempotent. Does nothing on the shared server. */
  @Override
  public void close() {
    if (!isShared) {
      stop();
    }
  }

  @Override
  public String toString() {
    return "MotoServer{" + endpoint + (isShared ? ", shared" : "") + "}";
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    destroy(process);
    deleteRecursively(workDir);
  }

  private static MotoServer launch(Path venv, int port, boolean isShared) {
    Path python = python(venv);
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("ddbec-moto-");
      Path launcher = workDir.resolve(LAUNCHER);
      try (InputStream in = MotoServer.class.getResourceAsStream(LAUNCHER)) {
        if (in == null) {
          throw new IllegalStateException("resource " + LAUNCHER + " is missing");
        }
        Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
      }
      String lastFailure = "";
      int lastPort = port;
      int attempts = port == 0 ? START_ATTEMPTS : 1;
      for (int attempt = 1; attempt <= attempts; attempt++) {
        int p = port == 0 ? freePort() : port;
        lastPort = p;
        Path log = workDir.resolve("moto-" + p + ".log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    python.toString(), launcher.toString(), "-H", "127.0.0.1", "-p", "" + p)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process process = pb.start();
        URI uri = URI.create("http://127.0.0.1:" + p);
        if (awaitReady(process, uri)) {
          return new MotoServer(process, workDir, uri, isShared);
        }
        lastFailure = tail(log);
        destroy(process);
        if (!lastFailure.contains("Address already in use")) {
          break;
        }
      }
      throw new IllegalStateException(
          "moto server did not start on port "
              + lastPort
              + (port == 0 ? "" : " (in use?)")
              + " with "
              + python
              + " (rerun "
              + SETUP_SCRIPT
              + " if moto is missing). Its output:\n"
              + lastFailure);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the moto server with " + python, e);
    } catch (RuntimeException e) {
      deleteRecursively(workDir);
      throw e;
    }
  }

  private static boolean awaitReady(Process process, URI uri) throws IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    java.net.URL url = uri.resolve("/moto-api/").toURL();
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
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static void destroy(Process process) {
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
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Temporary files only.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /**
   * The venv's interpreter, checked to have {@code moto_server} next to it.
   *
   * @param venv the venv directory
   * @return the interpreter
   * @throws IllegalStateException if the venv lacks Python or moto
   */
  static Path python(Path venv) {
    Path python = venv.resolve("bin").resolve("python");
    Path motoServer = venv.resolve("bin").resolve("moto_server");
    if (!Files.isExecutable(python) || !Files.isExecutable(motoServer)) {
      throw new IllegalStateException(
          "moto is not installed: "
              + motoServer
              + " is missing. The tests and the demo need the Python venv with moto[server];"
              + " create it with `"
              + SETUP_SCRIPT
              + "` from the repository root (scripts/test.sh and `./ddbec demo` do this), or point"
              + " -D"
              + VENV_PROPERTY
              + " (or "
              + VENV_ENV
              + ") at a venv made by that script.");
    }
    return python;
  }

  /**
   * The venv directory: {@code -Dddbec.venv}, else {@code $DDBEC_VENV}, else {@code <repo>/.venv}.
   *
   * @return the venv directory (not checked to exist)
   * @throws IllegalStateException if neither is set and no repository root is found
   */
  public static Path venv() {
    String property = System.getProperty(VENV_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Paths.get(property).toAbsolutePath();
    }
    String env = System.getenv(VENV_ENV);
    if (env != null && !env.isBlank()) {
      return Paths.get(env).toAbsolutePath();
    }
    return repoRoot().resolve(".venv");
  }

  /**
   * The repository root: the nearest directory at or above {@code user.dir} holding {@value
   * #SETUP_SCRIPT}.
   *
   * @return the root
   * @throws IllegalStateException if there is none
   */
  public static Path repoRoot() {
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
            + SETUP_SCRIPT
            + "; set -D"
            + VENV_PROPERTY
            + " or "
            + VENV_ENV
            + " to the venv with moto[server]");
  }
}
