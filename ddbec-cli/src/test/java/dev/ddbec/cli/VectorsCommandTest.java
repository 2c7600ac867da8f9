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
}
