package dev.ddbec.cli;

import dev.ddbec.cli.vectors.VectorResult;
import dev.ddbec.cli.vectors.VectorResult.Status;
import dev.ddbec.cli.vectors.VectorSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddbec vectors run DIR}. */
@Command(
    name = "vectors",
    mixinStandardHelpOptions = true,
    description = "Test-vector tools.",
    subcommands = {VectorsCommand.Run.class})
final class VectorsCommand {
  private VectorsCommand() {}

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a DynamoDB Encryption Client test-vector directory (laid out like the official"
            + " clients' test/vectors) and prints one line per case or scenario and a total.",
        "Exits 1 if anything failed. Scenarios that cannot run here (real AWS KMS) are listed"
            + " as NOT_RUN."
      },
      footer = {"", "Example:", "  ddbec vectors run ../shared/vectors"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The vector directory.")
    Path dir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      VectorSuite suite;
      try {
        suite = VectorSuite.of(dir);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("ddbec: " + e.getMessage());
        return 2;
      }
      List<VectorResult> results = suite.runAll();
      int pass = 0;
      int fail = 0;
      int notRun = 0;
      for (VectorResult r : results) {
        out.printf("%-7s %s  %s%n", r.status(), r.name(), r.detail());
        if (r.status() == Status.PASS) {
          pass++;
        } else if (r.status() == Status.FAIL) {
          fail++;
        } else {
          notRun++;
        }
      }
      out.printf("%d passed, %d failed, %d not run%n", pass, fail, notRun);
      out.flush();
      return fail == 0 ? 0 : 1;
    }
  }
}
