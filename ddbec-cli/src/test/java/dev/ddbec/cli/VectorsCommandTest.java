package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VectorsCommandTest {
  @Test
  void vectorsRun_notAVectorDirectory_exits2WithMessage(@TempDir Path empty) {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute("vectors", "run", empty.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("is not a vector directory");
  }

  @Test
  void help_everyCommand_showsAnExample() {
    for (String[] args :
        new String[][] {{"--help"}, {"vectors", "--help"}, {"vectors", "run", "--help"}}) {
      StringWriter out = new StringWriter();
      CommandLine cmd = new CommandLine(new DdbecCli());
      cmd.setOut(new PrintWriter(out));
      assertThat(cmd.execute(args)).isZero();
      assertThat(out.toString()).contains("Usage:");
    }
  }

  @Test
  void vectorsRun_missingDirectory_failsWithoutStackTrace(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("nothing-here");
    assertThat(Files.exists(dir)).isFalse();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("vectors", "run", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void vectorsRun_dynamoDbEndpointNotHttp_exits2WithMessage(@TempDir Path empty) {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setErr(new PrintWriter(err));
    int code =
        cmd.execute("vectors", "run", empty.toString(), "--dynamodb-endpoint", "ftp://localhost");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--dynamodb-endpoint must be an http(s) URL");
  }

  @Test
  void vectorsRunHelp_explainsTheDynamoDbEndpoint() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("vectors", "run", "--help")).isZero();
    assertThat(out.toString()).contains("--dynamodb-endpoint", "MetaStore", "NOT_RUN");
  }

  @Test
  void vectorsRun_damagedFiles_reportsEachAsFailedAndRunsTheRest(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("encrypted_item"));
    Files.write(dir.resolve("encrypted_item/scenarios.json"), new byte[] {(byte) 0xff, '{'});
    Files.writeString(dir.resolve("serialize_attribute.json"), "[".repeat(5000));
    Files.writeString(dir.resolve("material_description.json"), "{\"not\": \"a list\"}");
    Files.writeString(dir.resolve("string_to_sign.json"), "[]");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("vectors", "run", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .contains("FAIL    serialize_attribute.json  vector file")
        .contains("FAIL    deserialize_attribute.json  cannot read vector file")
        .contains("FAIL    encrypted_item/scenarios.json  vector file")
        .contains("not valid JSON")
        .contains("0 passed, 4 failed, 0 not run");
  }

  @Test
  void vectorsFetch_targetNotEmpty_exits2BeforeDownloading(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mine.txt"), "keep");
    StringWriter err = new StringWriter();
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setErr(new PrintWriter(err));
    assertThat(
            cmd.execute("vectors", "fetch", dir.toString(), "--index-url", "http://127.0.0.1:9/"))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("ddbec: " + dir + " is not empty; give a new or empty directory\n");
  }

  @Test
  void vectorsFetch_indexUnreachable_exits1InOneLine(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cmd = DdbecCli.commandLine();
    cmd.setErr(new PrintWriter(err));
    Path target = dir.resolve("vectors");
    assertThat(
            cmd.execute(
                "vectors", "fetch", target.toString(), "--index-url", "http://127.0.0.1:9/simple/"))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("ddbec: cannot fetch the vectors: ");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(target).doesNotExist();
  }

  @Test
  void help_vectors_showsFetchThenRun() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"vectors", "--help"},
          {"vectors", "run", "--help"},
          {"vectors", "fetch", "--help"}
        }) {
      StringWriter out = new StringWriter();
      CommandLine cmd = DdbecCli.commandLine();
      cmd.setOut(new PrintWriter(out));
      assertThat(cmd.execute(args)).isZero();
      assertThat(out.toString())
          .contains("ddbec vectors fetch vectors/ && ddbec vectors run vectors/");
      // No path outside the repository: RepositoryFilesTest (ddbec-examples) checks the sources.
    }
  }
}
