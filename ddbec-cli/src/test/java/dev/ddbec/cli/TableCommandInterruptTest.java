package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Ctrl-C during {@code ddbec table reencrypt}, as a user presses it: the CLI runs in its own JVM
 * and receives a real SIGINT ({@code kill -INT}; {@link Process#destroy()} would send SIGTERM,
 * which also runs shutdown hooks but is not what a terminal sends). It must exit 130 after writing
 * a complete checkpoint and the summary line, and the same command must then finish the rest.
 */
class TableCommandInterruptTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final int ITEMS = 300;
  private static final int SEGMENTS = 2;
  private static final Duration LIMIT = Duration.ofSeconds(90);

  /** BulkCounts component order, as the checkpoint stores them. */
  private static final int SCANNED = 0;

  private static final int REWRITTEN = 6;

  @TempDir Path dir;

  @Test
  void ctrlC_writesCheckpointAndSummaryThenExits130_andTheSameCommandFinishes() throws Exception {
    Path oldMaterials = CliFixtures.wrappedMaterials(dir, "old");
    Path newMaterials = CliFixtures.wrappedMaterials(dir, "new");
    String table = DDB.local().createTable("cli-interrupt", "pk", null);
    DynamoDbClient ddb = DDB.local().client();
    for (int i = 0; i < ITEMS; i++) {
      Map<String, AttributeValue> item =
          Map.of(
              "pk", AttributeValue.fromS(String.format("item-%03d", i)),
              "title", AttributeValue.fromS("title " + i));
      ddb.putItem(r -> r.tableName(table).item(item));
    }
    assertThat(inProcess(table, "protect", "--to-materials", oldMaterials.toString()))
        .as("protect under the old materials")
        .isZero();

    Path checkpoint = dir.resolve("reencrypt.checkpoint");
    List<String> reencrypt =
        List.of(
            "--materials",
            oldMaterials.toString(),
            "--to-materials",
            newMaterials.toString(),
            "--checkpoint",
            checkpoint.toString(),
            "--segments",
            Integer.toString(SEGMENTS),
            "--page-size",
            "20",
            // 300 items at 40 writes a second: about 7.5 seconds in all.
            "--max-write-rate",
            "40");

    // First run: interrupted once the first pages are checkpointed.
    Path out1 = dir.resolve("run1.out");
    Path err1 = dir.resolve("run1.err");
    Process first = start(table, reencrypt, out1, err1);
    assertSigintNotIgnored(first);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (total(checkpoint, REWRITTEN) == 0) {
      assertThat(first.isAlive())
          .as("the run ended before its first checkpoint: " + Files.readString(err1))
          .isTrue();
      assertThat(System.nanoTime()).as("no checkpoint within " + LIMIT).isLessThan(deadline);
      Thread.sleep(50);
    }
    Process kill =
        new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    int status = waitFor(first, err1);

    assertThat(status).as("exit status after Ctrl-C: " + Files.readString(err1)).isEqualTo(130);
    assertThat(Files.readString(err1)).contains("ddbec: stopped; run the same command again");
    JsonNode stopped = lastLine(out1);
    assertThat(stopped.get("complete").asBoolean()).isFalse();
    long rewritten = stopped.get("rewritten").asLong();
    assertThat(rewritten).isPositive().isLessThan(ITEMS);
    assertThat(stopped.get("failed").asLong()).isZero();
    assertThat(stopped.get("skipped").asLong()).isZero();

    // The checkpoint is complete (every segment, parsable counts) and matches the summary and the
    // table: exactly the items it counts as rewritten read under the new materials.
    Properties p = checkpointProperties(checkpoint);
    assertThat(p.getProperty("operation")).isEqualTo("rewrite");
    assertThat(p.getProperty("table")).isEqualTo(table);
    assertThat(p.getProperty("totalSegments")).isEqualTo(Integer.toString(SEGMENTS));
    boolean anyUnfinished = false;
    for (int s = 0; s < SEGMENTS; s++) {
      assertThat(p.getProperty("segment." + s + ".done")).isIn("true", "false");
      anyUnfinished |= !Boolean.parseBoolean(p.getProperty("segment." + s + ".done"));
      assertThat(counts(p, s)).hasSize(10);
    }
    assertThat(anyUnfinished).as("a segment left to do").isTrue();
    assertThat(total(checkpoint, REWRITTEN)).isEqualTo(rewritten);
    assertThat(total(checkpoint, SCANNED)).isEqualTo(stopped.get("scanned").asLong());
    assertThat(okUnder(table, newMaterials)).isEqualTo(rewritten);
    assertThat(okUnder(table, oldMaterials)).isEqualTo(ITEMS - rewritten);

    // Second run, same command: continues where the checkpoint left off and finishes.
    Path out2 = dir.resolve("run2.out");
    Path err2 = dir.resolve("run2.err");
    int second = waitFor(start(table, reencrypt, out2, err2), err2);
    assertThat(second).as(Files.readString(err2)).isZero();
    JsonNode done = lastLine(out2);
    assertThat(done.get("complete").asBoolean()).isTrue();
    assertThat(done.get("scanned").asLong()).isEqualTo(ITEMS);
    assertThat(done.get("rewritten").asLong()).isEqualTo(ITEMS);
    assertThat(done.get("skipped").asLong()).as("nothing read twice").isZero();
    assertThat(done.get("failed").asLong()).isZero();
    assertThat(okUnder(table, newMaterials)).isEqualTo(ITEMS);
    assertThat(okUnder(table, oldMaterials)).isZero();
  }

  private static String[] tableArgs(String table, String subcommand, List<String> extra) {
    return CliFixtures.localTableArgs(DDB.local(), "table", subcommand, table, extra);
  }

  /** Runs a table command in this JVM and returns its exit status. */
  private static int inProcess(String table, String subcommand, String... extra) {
    return DdbecCli.run(
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        tableArgs(table, subcommand, List.of(extra)));
  }

  /** The number of items that verify and decrypt under {@code materials}. */
  private static long okUnder(String table, Path materials) throws IOException {
    StringWriter out = new StringWriter();
    DdbecCli.run(
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        tableArgs(table, "verify", List.of("--materials", materials.toString())));
    String[] lines = out.toString().strip().split("\n");
    JsonNode summary = DynamoDbJson.MAPPER.readTree(lines[lines.length - 1]);
    assertThat(summary.get("scanned").asLong()).isEqualTo(ITEMS);
    return summary.get("ok").asLong();
  }

  /**
   * Starts {@code ddbec table reencrypt} in a new JVM: this JVM's java and class path, the moto
   * endpoint as {@code --endpoint} and its credentials in the environment.
   */
  private static Process start(String table, List<String> extra, Path out, Path err)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    // The JVM installs its SIGINT handler only if SIGINT is not ignored when it starts, and an
    // ignored signal is inherited: a build started in the background by a shell without job
    // control (`mvn verify &` in a script) ignores it. Restore the default for the CLI, as a
    // terminal's foreground process has it.
    if (ignoresSigint("self")) {
      command.addAll(List.of("env", "--default-signal=INT"));
    }
    command.addAll(
        List.of(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.ddbec.cli.DdbecCli"));
    command.addAll(List.of(tableArgs(table, "reencrypt", extra)));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    AwsCredentials credentials = DDB.local().credentialsProvider().resolveCredentials();
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
    if (credentials instanceof AwsSessionCredentials session) {
      env.put("AWS_SESSION_TOKEN", session.sessionToken());
    }
    return pb.start();
  }

  /**
   * Whether {@code /proc/PID/status} says the process ignores SIGINT; false where there is no
   * {@code /proc}.
   */
  private static boolean ignoresSigint(String pid) throws IOException {
    Path status = Path.of("/proc", pid, "status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
        return (ignored & (1L << (2 - 1))) != 0; // bit n-1 for signal n; SIGINT is 2
      }
    }
    return false;
  }

  private static void assertSigintNotIgnored(Process process) throws IOException {
    assertThat(ignoresSigint(Long.toString(process.pid())))
        .as("the CLI's JVM ignores SIGINT, so it installed no handler and kill -INT does nothing")
        .isFalse();
  }

  private static int waitFor(Process process, Path err) throws Exception {
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "ddbec table reencrypt did not end within " + LIMIT + ": " + Files.readString(err));
    }
    return process.exitValue();
  }

  private static JsonNode lastLine(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("stdout").isNotEmpty();
    return DynamoDbJson.MAPPER.readTree(lines.get(lines.size() - 1));
  }

  private static Properties checkpointProperties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static long[] counts(Properties p, int segment) {
    String counts = p.getProperty("segment." + segment + ".counts");
    assertThat(counts).as("segment " + segment + " counts").isNotNull();
    return Arrays.stream(counts.split(",")).mapToLong(Long::parseLong).toArray();
  }

  /** The sum over the checkpoint's segments of one count; 0 while there is no checkpoint. */
  private static long total(Path checkpoint, int index) throws IOException {
    if (!Files.exists(checkpoint)) {
      return 0;
    }
    Properties p = checkpointProperties(checkpoint);
    long sum = 0;
    for (int s = 0; s < SEGMENTS; s++) {
      if (p.getProperty("segment." + s + ".counts") != null) {
        sum += counts(p, s)[index];
      }
    }
    return sum;
  }
}
