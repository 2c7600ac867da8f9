package dev.ddbec.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The check itself: a line with a registered secret is found, whichever way it was logged. */
class NoSecretsInLogsTest {
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
