package dev.ddbec.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.slf4j.LoggerFactory;

/** The check itself: a line with a registered secret is found, whichever way it was logged. */
class NoSecretsInLogsTest {
  /** Set while {@link #extension_autodetected_failsATestThatLogsASecret} runs {@link Careless}. */
  static volatile String secretToLog;

  @Test
  void extension_autodetected_failsATestThatLogsASecret() {
    secretToLog = "leaked-" + UUID.randomUUID();
    Secrets.plaintext(secretToLog);
    CapturedLog.unchecked(); // what earlier tests logged is theirs
    try {
      var results =
          EngineTestKit.engine("junit-jupiter")
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
              .selectors(DiscoverySelectors.selectClass(Careless.class))
              .execute()
              .testEvents();

      results.assertStatistics(s -> s.started(1).failed(1));
      assertThat(
              results.failed().stream()
                  .findFirst()
                  .orElseThrow()
                  .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                  .orElseThrow()
                  .getThrowable()
                  .orElseThrow())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("fixture secret")
          .hasMessageContaining("dev.ddbec.core.Careless");
    } finally {
      secretToLog = null;
    }
  }

  /** Logs the secret when run by the test above; passes without logging anything otherwise. */
  static class Careless {
    @Test
    void logsASecret() {
      if (secretToLog != null) {
        LoggerFactory.getLogger("dev.ddbec.core.Careless").info("oops {}", secretToLog);
      }
    }
  }

  @Test
  void leaks_secretInMessageOrException_found() {
    String secret = "secret-" + UUID.randomUUID();
    byte[] key =
        Secrets.key(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Secrets.plaintext(secret);
    CapturedLog.unchecked(); // what earlier tests logged is theirs
    var log = LoggerFactory.getLogger("dev.ddbec.core.SomethingCareless");

    log.debug("value {}", secret);
    log.warn("failed", new IllegalStateException("wrapped", new RuntimeException(secret)));
    log.trace("key {}", java.util.HexFormat.of().formatHex(key));
    log.info("nothing to see in table Books");

    // Drained here, so that the extension does not fail this test for lines it logged on purpose.
    List<String> leaks = NoSecretsInLogs.leaks(CapturedLog.unchecked(), Secrets.all());
    assertThat(leaks).hasSize(3);
    assertThat(leaks.get(0)).startsWith("DEBUG dev.ddbec.core.SomethingCareless");
    assertThat(leaks.get(1)).contains("RuntimeException");
  }
}
