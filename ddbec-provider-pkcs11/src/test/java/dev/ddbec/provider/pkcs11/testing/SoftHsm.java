package dev.ddbec.provider.pkcs11.testing;

import dev.ddbec.provider.pkcs11.Pkcs11Token;
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
 * The SoftHSM2 token the tests use, created once per JVM in the private directory named by {@code
 * SOFTHSM2_CONF} (Maven's surefire sets it to {@code target/softhsm/softhsm2.conf}) before anything
 * in the JVM initialises the PKCS#11 library. Nothing is skipped: a missing prerequisite fails with
 * a message saying how to install it.
 *
 * <p>The token holds a standard set of keys, made by {@link Pkcs11Token}'s generators: non-
 * extractable ones as in production, and extractable twins (prefix {@code x-}) whose bytes the
 * equivalence tests hand to software providers.
 */
public final class SoftHsm {
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

  /** Non-extractable AES-256 wrapping key. */
  public static final String WRAP_AES = "wrap-aes";

  /** Non-extractable HMAC-SHA256 signing key. */
  public static final String SIGN_HMAC = "sign-hmac";

  /** Non-extractable RSA-2048 wrapping key pair. */
  public static final String WRAP_RSA = "wrap-rsa";

  /** Non-extractable RSA-2048 signing key pair. */
  public static final String SIGN_RSA = "sign-rsa";

  /** Extractable twins of the keys above, for equivalence tests. */
  public static final String X_WRAP_AES = "x-wrap-aes";

  /** Extractable HMAC key. */
  public static final String X_SIGN_HMAC = "x-sign-hmac";

  /** Extractable RSA wrapping pair. */
  public static final String X_WRAP_RSA = "x-wrap-rsa";

  /** Extractable RSA signing pair. */
  public static final String X_SIGN_RSA = "x-sign-rsa";

  private static final List<String> LIBRARY_CANDIDATES =
      List.of(
          "/usr/lib/softhsm/libsofthsm2.so",
          "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
          "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
          "/usr/lib64/pkcs11/libsofthsm2.so",
          "/usr/lib64/softhsm/libsofthsm.so",
          "/usr/local/lib/softhsm/libsofthsm2.so",
          "/opt/homebrew/lib/softhsm/libsofthsm2.so");

  private static SoftHsm instance;

  private final Path library;
  private final Path conf;

  private SoftHsm(Path library, Path conf) {
    this.library = library;
    this.conf = conf;
  }

  /**
   * The fixture: creates the token (and its keys) on first use in this JVM.
   *
   * @return the fixture
   */
  public static synchronized SoftHsm get() {
    if (instance == null) {
      SoftHsm s = new SoftHsm(findLibrary(), confPath());
      s.createToken();
      try (Pkcs11Token token = s.token()) {
        token.generateAesKey(WRAP_AES, 256, false);
        token.generateHmacKey(SIGN_HMAC, 256, false);
        token.generateRsaKeyPair(WRAP_RSA, 2048, false);
        token.generateRsaKeyPair(SIGN_RSA, 2048, false);
        token.generateAesKey(X_WRAP_AES, 256, true);
        token.generateHmacKey(X_SIGN_HMAC, 256, true);
        token.generateRsaKeyPair(X_WRAP_RSA, 2048, true);
        token.generateRsaKeyPair(X_SIGN_RSA, 2048, true);
      }
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

  /**
   * A builder for the test token, with library, label and PIN set.
   *
   * @return the builder
   */
  public Pkcs11Token.Builder tokenBuilder() {
    return Pkcs11Token.builder().library(library).tokenLabel(TOKEN_LABEL).pin(PIN::toCharArray);
  }

  /**
   * A new connection to the test token; close it.
   *
   * @return the token
   */
  public Pkcs11Token token() {
    return tokenBuilder().build();
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
