package dev.ddbec.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.testing.MotoServer;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Drives the official Python DynamoDB Encryption Client (dynamodb-encryption-sdk 3.3.0) through the
 * long-lived {@code ddbec_peer.py} process, one JSON request per line on its stdin and one JSON
 * response per line on its stdout.
 *
 * <p>The process runs on the interpreter of the venv made by {@code scripts/python-env.sh}: system
 * property {@code ddbec.venv}, else environment variable {@code DDBEC_VENV}, else {@code <repo
 * root>/.venv} ({@link MotoServer#venv()}, as for moto). The repo root is the nearest directory at
 * or above {@code user.dir} that contains {@code scripts/python-env.sh}. A missing venv is an error
 * (tests do not skip).
 *
 * <p>Requests are built with {@link PeerRequests}; see {@code ddbec_peer.py} for the protocol.
 * {@link #call} returns the peer's response as is, including {@code {"error":{...}}} responses (for
 * negative tests); {@link #callOk} throws {@link PeerError} for those instead. All methods are
 * thread-safe: calls are serialized by a lock.
 *
 * <pre>{@code
 * try (PythonPeer peer = PythonPeer.start()) {
 *   ObjectNode provider = PeerRequests.staticProvider(aesKey, hmacKey);
 *   ObjectNode actions = PeerRequests.actions("encrypt", Map.of("note", "sign"));
 *   JsonNode stored =
 *       peer.callOk(new PeerRequests.ItemTable("Table", "pk", null, provider, actions).encrypt(item))
 *           .get("item");
 * }
 * }</pre>
 */
public final class PythonPeer implements AutoCloseable {

  /** System property overriding the path of {@code ddbec_peer.py}. */
  public static final String SCRIPT_PROPERTY = "ddbec.peer.script";

  /** System property: seconds to wait for one response (default 60). */
  public static final String TIMEOUT_PROPERTY = "ddbec.peer.timeoutSeconds";

  /** System property: the peer's log level on stderr (e.g. {@code INFO}; default WARNING). */
  public static final String LOG_LEVEL_PROPERTY = "ddbec.peer.logLevel";

  /** The library version the peer must report. */
  public static final String EXPECTED_LIBRARY_VERSION = "3.3.0";

  static final String DEFAULT_SCRIPT = "ddbec-interop-tests/src/test/python/ddbec_peer.py";

  /**
   * JSON mapper for requests and responses. Non-ASCII characters are written as {@code \\uXXXX}
   * escapes, so the pipe stays ASCII and unpaired surrogates reach Python unchanged.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final int STDERR_TAIL_LINES = 200;
  private static final Line EOF = new Line(null);

  private final ReentrantLock lock = new ReentrantLock();
  private final Process process;
  private final BufferedWriter toPeer;
  private final BlockingQueue<Line> fromPeer = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final Thread stdoutPump;
  private final Thread stderrPump;
  private final Duration timeout;
  private final String libraryVersion;
  private long lastId;
  private String brokenReason;
  private boolean closed;

  private PythonPeer(Path python, Path script, Duration timeout) {
    this.timeout = timeout;
    ProcessBuilder builder =
        new ProcessBuilder(List.of(python.toString(), "-u", script.toString()))
            .directory(script.getParent().toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = builder.environment();
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONIOENCODING", "utf-8");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    String logLevel = System.getProperty(LOG_LEVEL_PROPERTY);
    if (logLevel != null && !logLevel.isBlank()) {
      env.put("DDBEC_PEER_LOG_LEVEL", logLevel);
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Python peer with " + python, e);
    }
    toPeer =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    stdoutPump = daemon("python-peer-stdout", () -> pumpStdout(process.getInputStream()));
    stderrPump = daemon("python-peer-stderr", () -> pumpStderr(process.getErrorStream()));

    String version;
    try {
      JsonNode pong = callOk(PeerRequests.ping());
      version = pong.path("version").asText();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (!EXPECTED_LIBRARY_VERSION.equals(version)) {
      close();
      throw new IllegalStateException(
          "the Python peer runs dynamodb-encryption-sdk "
              + version
              + ", expected "
              + EXPECTED_LIBRARY_VERSION
              + "; rerun "
              + MotoServer.SETUP_SCRIPT);
    }
    libraryVersion = version;
  }

  /** Starts a peer on the default venv and script (see the class comment). */
  public static PythonPeer start() {
    String script = System.getProperty(SCRIPT_PROPERTY);
    return start(
        MotoServer.venv(),
        script == null || script.isBlank()
            ? MotoServer.repoRoot().resolve(DEFAULT_SCRIPT)
            : Paths.get(script),
        defaultTimeout());
  }

  /**
   * Starts a peer with {@code <venv>/bin/python script}.
   *
   * @throws IllegalStateException if the venv's interpreter or the script is missing, or the peer
   *     does not answer a ping with the expected library version
   */
  public static PythonPeer start(Path venv, Path script, Duration timeout) {
    Path python = pythonExecutable(venv);
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          "Python interop venv not found: "
              + python
              + " does not exist or is not executable. Create it with `"
              + MotoServer.SETUP_SCRIPT
              + "` (run from the repository root), or point -D"
              + MotoServer.VENV_PROPERTY
              + " (or "
              + MotoServer.VENV_ENV
              + ") at an existing venv made by that script.");
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Python peer script not found: " + script);
    }
    return new PythonPeer(python, script.toAbsolutePath(), timeout);
  }

  /** The interpreter inside a venv ({@code bin/python}, or {@code Scripts\python.exe}). */
  public static Path pythonExecutable(Path venv) {
    Path unix = venv.resolve("bin").resolve("python");
    Path windows = venv.resolve("Scripts").resolve("python.exe");
    return Files.exists(unix) || !Files.exists(windows) ? unix : windows;
  }

  private static Duration defaultTimeout() {
    String value = System.getProperty(TIMEOUT_PROPERTY, "60");
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("-D" + TIMEOUT_PROPERTY + " must be a number of seconds", e);
    }
  }

  /** The shared JSON mapper (non-ASCII written as escapes). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The dynamodb-encryption-sdk version the peer reported at start-up. */
  public String libraryVersion() {
    return libraryVersion;
  }

  /**
   * Sends one request and returns the peer's response. The request is copied and given a fresh
   * {@code id}; the caller's node is not modified. Error responses ({@code {"id":N,"error":
   * {"type":...,"message":...}}}) are returned, not thrown.
   *
   * @throws IllegalStateException if the peer has died (the message carries its last stderr lines),
   *     does not answer within the timeout, or was closed
   */
  public JsonNode call(ObjectNode request) {
    lock.lock();
    try {
      ensureUsable();
      long id = ++lastId;
      ObjectNode copy = request.deepCopy();
      copy.put("id", id);
      String op = copy.path("op").asText("?");
      try {
        toPeer.write(MAPPER.writeValueAsString(copy));
        toPeer.write('\n');
        toPeer.flush();
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("request cannot be written as JSON", e);
      } catch (IOException e) {
        throw died("writing request " + id + " (op " + op + ") failed: " + e.getMessage());
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Line line;
        try {
          line = fromPeer.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw broken("interrupted while waiting for response " + id + " (op " + op + ")");
        }
        if (line == null) {
          process.destroyForcibly();
          throw broken(
              "no response to request "
                  + id
                  + " (op "
                  + op
                  + ") within "
                  + timeout.toSeconds()
                  + "s; peer stopped. Last stderr lines:\n"
                  + stderrTail());
        }
        if (line == EOF) {
          throw died(
              "the peer closed its stdout while handling request " + id + " (op " + op + ")");
        }
        JsonNode response;
        try {
          response = MAPPER.readTree(line.text());
        } catch (JsonProcessingException e) {
          throw broken("the peer wrote a line that is not JSON: " + abbreviate(line.text()));
        }
        if (response.path("id").asLong(-1) == id) {
          return response;
        }
        // A late answer to an earlier request (cannot happen unless a call timed out): skip it.
        System.err.println(
            "[python-peer] skipping response for another id: " + abbreviate(line.text()));
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Like {@link #call}, but throws {@link PeerError} if the peer answered with an error.
   *
   * @return the response object (e.g. with {@code item}, {@code serialized} or {@code ok})
   */
  public JsonNode callOk(ObjectNode request) {
    JsonNode response = call(request);
    JsonNode error = response.get("error");
    if (error != null) {
      throw new PeerError(
          request.path("op").asText("?"),
          error.path("type").asText("?"),
          error.path("message").asText(""),
          response);
    }
    return response;
  }

  /**
   * Like {@link #callOk}, for a request answered with {@code {"item":{...}}} ({@link
   * PeerRequests.ItemTable#encrypt}, {@link PeerRequests.ItemTable#decrypt}).
   *
   * @return the item the peer answered with
   */
  public Map<String, AttributeValue> item(ObjectNode request) {
    return DynamoDbJson.item(callOk(request).get("item"));
  }

  /** Asks the peer to exit, then waits for it (killing it after 10 seconds). Idempotent. */
  /**
   * The official Python client's encryption of an item.
   *
   * @return the item as stored
   */
  public Map<String, AttributeValue> encrypt(
      PeerRequests.ItemTable table, Map<String, AttributeValue> item) {
    return item(table.encrypt(DynamoDbJson.toJson(item)));
  }

  /** The official Python client's decryption of a stored item. */
  public Map<String, AttributeValue> decrypt(
      PeerRequests.ItemTable table, Map<String, AttributeValue> stored) {
    return item(table.decrypt(DynamoDbJson.toJson(stored)));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (process.isAlive()) {
        try {
          toPeer.write("{\"op\":\"shutdown\"}\n");
          toPeer.flush();
        } catch (IOException e) {
          // Already gone; fall through to the wait.
        }
      }
      try {
        toPeer.close();
      } catch (IOException e) {
        // Nothing to do: the process is going away.
      }
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroy();
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        }
        stdoutPump.join(2000);
        stderrPump.join(2000);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the peer process is still running and usable. */
  public boolean isAlive() {
    lock.lock();
    try {
      return !closed && brokenReason == null && process.isAlive();
    } finally {
      lock.unlock();
    }
  }

  private void ensureUsable() {
    if (closed) {
      throw new IllegalStateException("the Python peer has been closed");
    }
    if (brokenReason != null) {
      throw new IllegalStateException("the Python peer is no longer usable: " + brokenReason);
    }
  }

  private IllegalStateException broken(String reason) {
    brokenReason = reason;
    return new IllegalStateException(reason);
  }

  /** The process has gone (or is going): wait for its exit status and stderr, then report. */
  private IllegalStateException died(String what) {
    String status;
    try {
      status =
          process.waitFor(5, TimeUnit.SECONDS)
              ? "exit status " + process.exitValue()
              : "still running";
      stderrPump.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = "status unknown";
    }
    return broken(
        "the Python peer died ("
            + status
            + "): "
            + what
            + ". Last stderr lines:\n"
            + stderrTail()
            + "\n(If imports failed, rerun "
            + MotoServer.SETUP_SCRIPT
            + ".)");
  }

  private String stderrTail() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "  (none)" : "  " + String.join("\n  ", stderrTail);
    }
  }

  private void pumpStdout(InputStream stdout) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        fromPeer.add(new Line(text));
      }
    } catch (IOException e) {
      // The stream broke: treated like end of output.
    } finally {
      fromPeer.add(EOF);
    }
  }

  private void pumpStderr(InputStream stderr) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_TAIL_LINES) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(text);
        }
        System.err.println("[python-peer] " + text);
      }
    } catch (IOException e) {
      // The process is gone.
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** One line of the peer's stdout ({@code text == null} marks end of output). */
  private record Line(String text) {}

  /** The peer answered a request with {@code {"error":{"type":...,"message":...}}}. */
  public static final class PeerError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String peerMessage;
    private final transient JsonNode response;

    PeerError(String op, String type, String peerMessage, JsonNode response) {
      super("Python peer: " + op + " failed with " + type + ": " + peerMessage);
      this.type = type;
      this.peerMessage = peerMessage;
      this.response = response;
    }

    /** The Python exception class name, e.g. {@code SignatureVerificationError}. */
    public String type() {
      return type;
    }

    /** The Python exception message. */
    public String peerMessage() {
      return peerMessage;
    }

    /** The full response. */
    public JsonNode response() {
      return response;
    }
  }
}
