package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README command 1 as a user runs it: the packaged CLI jar ({@code java -jar}, its manifest class
 * path and {@code lib/}, as the {@code ./ddbec} launcher starts it) runs {@code demo} to the end.
 * ddbec-cli is packaged before this module's tests run in the reactor build.
 */
class ReadmeDemoTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void packagedCli_demo_runsToTheEnd() throws IOException, InterruptedException {
    Path root = DocsSnippetsTest.repoRoot();
    Path jar =
        root.resolve("ddbec-cli/target/ddbec-cli-" + System.getProperty("ddbec.version") + ".jar");
    assertThat(jar)
        .as("the CLI jar; build it with mvn package -pl ddbec-cli -am (or run the reactor)")
        .exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = Files.createTempFile("ddbec-demo", ".out");
    try {
      Process process =
          new ProcessBuilder(java.toString(), "-jar", jar.toString(), "demo")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean finished = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished).as("finished within " + LIMIT + ":\n" + text).isTrue();
      assertThat(process.exitValue()).as(text).isZero();
      assertThat(text)
          .contains("| S Ada Lovelace")
          .containsPattern("\\| name +\\| ENCRYPT_AND_SIGN +\\| B [0-9a-f]{8}\\.\\.")
          .contains("read: REJECTED, ItemIntegrityException")
          .contains("Demo finished in")
          .doesNotContain("Exception in thread")
          .doesNotContain("SLF4J");
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
