package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ddbec} command line in its own JVM, as a user runs it. Interop tests exercise the
 * CLI only this way: they never import its classes (RepositoryFilesTest checks that no interop or
 * benchmark source imports {@code dev.ddbec.cli}).
 */
final class CliProcess {
  /** The CLI's main class, named (not imported) so the test classpath is all the process needs. */
  private static final String MAIN_CLASS = "dev.ddbec.cli.DdbecCli";

  /** System properties the CLI's AWS clients read (default-chain credentials on moto). */
  private static final List<String> FORWARDED = List.of("aws.accessKeyId", "aws.secretAccessKey");

  private CliProcess() {}

  /** Exit code and output (standard output and standard error, interleaved). */
  record Result(int exitCode, String output) {}

  /**
   * Runs {@code ddbec args...} and waits for it.
   *
   * @param args the command line arguments
   * @return exit code and output
   */
  static Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    for (String property : FORWARDED) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add(MAIN_CLASS);
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      p.getInputStream().transferTo(output);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("ddbec %s finished", args[0]).isTrue();
      return new Result(p.exitValue(), output.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
