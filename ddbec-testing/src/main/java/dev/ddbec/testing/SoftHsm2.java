package dev.ddbec.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 PKCS#11 library with two empty tokens, created once per JVM in the private directory
 * named by {@code SOFTHSM2_CONF} (the modules' surefire configuration sets it to {@code
 * target/softhsm/softhsm2.conf}) before anything in the JVM initialises the PKCS#11 library. Tests
 * make the keys they need with {@code Pkcs11Token}'s generators (ddbec-provider-pkcs11). Nothing is
 * skipped: a missing prerequisite fails with a message saying how to install it.
 */
public final class SoftHsm2 {
  /** The test token's label. */
  public static final String TOKEN_LABEL = "ddbec";

  /** The test token's user PIN (a test fixture, not a secret). */
  public static final String PIN = "1234";

  /** The test token's security officer PIN. */
  public static final String SO_PIN = "5678";

  /**
   * A second token with another PIN and no keys: label selection among several tokens, and a token
   * nothing in the JVM is logged in to (PKCS#11 login state is shared per application).
   */
  public static final String OTHER_TOKEN_LABEL = "ddbec-other";

  /** The second token's user PIN. */
  public static final String OTHER_PIN = "4321";

  private static final List<String> LIBRARY_CANDIDATES =
      List.of(
          "/usr/lib/softhsm/libsofthsm2.so",
          "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
          "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
          "/usr/lib64/pkcs11/libsofthsm2.so",
          "/usr/lib64/softhsm/libsofthsm.so",
          "/usr/local/lib/softhsm/libsofthsm2.so",
          "/opt/homebrew/lib/softhsm/libsofthsm2.so");

  private static SoftHsm2 instance;

  private final Path library;
  private final Path conf;

  private SoftHsm2(Path library, Path conf) {
    this.library = library;
    this.conf = conf;
  }

  /**
   * The harness: creates the tokens on first use in this JVM.
   *
   * @return the harness
   * @throws IllegalStateException if SoftHSM2 is not installed or {@code SOFTHSM2_CONF} is not set
   */
  public static synchronized SoftHsm2 get() {
    if (instance == null) {
      SoftHsm2 s = new SoftHsm2(findLibrary(), confPath());
      s.createToken();
      instance = s;
    }
    return instance;
  }

  /**
   * The SoftHSM2 PKCS#11 library.
   *
   * @return its path
   */
  public Path library() {
    return library;
  }

  /**
   * The configuration file (also in {@code SOFTHSM2_CONF}).
   *
   * @return its path
   */
  public Path conf() {
    return conf;
  }

  private static Path confPath() {
    String env = System.getenv("SOFTHSM2_CONF");
    if (env == null || env.isBlank()) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven (the module's surefire"
              + " configuration sets it to target/softhsm/softhsm2.conf), or set it to a private"
              + " path such as /tmp/ddbec-softhsm/softhsm2.conf");
    }
    return Path.of(env).toAbsolutePath();
  }

  private static Path findLibrary() {
    String override =
        System.getProperty("ddbec.softhsm.library", System.getenv("DDBEC_SOFTHSM_LIBRARY"));
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    for (String c : LIBRARY_CANDIDATES) {
      if (Files.isRegularFile(Path.of(c))) {
        return Path.of(c);
      }
    }
    throw new IllegalStateException(
        "SoftHSM2 is not installed (no libsofthsm2.so in "
            + LIBRARY_CANDIDATES
            + "). Run scripts/test.sh, which installs it, or: sudo apt-get install -y softhsm2;"
            + " -Dddbec.softhsm.library=/path/to/libsofthsm2.so points at another copy");
  }

  private void createToken() {
    Path dir = conf.getParent();
    Path tokens = dir.resolve("tokens");
    try {
      if (Files.exists(tokens)) {
        try (Stream<Path> s = Files.walk(tokens)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(
          conf,
          "directories.tokendir = "
              + tokens
              + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
          StandardCharsets.UTF_8);
      run(
          "softhsm2-util",
          "--init-token",
          "--free",
          "--label",
          TOKEN_LABEL,
          "--pin",
          PIN,
          "--so-pin",
          SO_PIN);
      run(
          "softhsm2-util",
          "--init-token",
          "--free",
          "--label",
          OTHER_TOKEN_LABEL,
          "--pin",
          OTHER_PIN,
          "--so-pin",
          SO_PIN);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the SoftHSM2 token under " + dir, e);
    }
  }

  private void run(String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", conf.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "softhsm2-util is not on the PATH. Run scripts/test.sh, which installs SoftHSM2, or:"
              + " sudo apt-get install -y softhsm2",
          e);
    }
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "softhsm2-util failed: " + out.replace(PIN, "****").replace(OTHER_PIN, "****"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
