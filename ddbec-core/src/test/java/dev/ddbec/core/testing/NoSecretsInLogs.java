package dev.ddbec.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test if a log line written since the previous test's check (the test itself, its set-up,
 * and a class's {@code @BeforeAll}) contains a registered {@link Secrets} value. Registered for
 * every JUnit Jupiter test of ddbec-core through META-INF/services and {@code
 * junit.jupiter.extensions.autodetection.enabled} (src/test/resources/junit-platform.properties),
 * so the whole test suite is checked, whatever it provokes: failures, refusals, tampered items.
 */
public final class NoSecretsInLogs implements AfterEachCallback {
  /** Created by JUnit's extension auto-detection. */
  public NoSecretsInLogs() {}

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> leaks = leaks(CapturedLog.unchecked(), Secrets.all());
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Log lines contain a fixture secret (key bytes or a plaintext value):\n"
              + String.join("\n", leaks));
    }
  }

  /**
   * The lines that contain one of {@code secrets}.
   *
   * @param lines log lines
   * @param secrets the secrets
   * @return the offending lines
   */
  public static List<String> leaks(List<String> lines, List<String> secrets) {
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      for (String secret : secrets) {
        if (line.contains(secret)) {
          leaks.add(line);
          break;
        }
      }
    }
    return leaks;
  }
}
