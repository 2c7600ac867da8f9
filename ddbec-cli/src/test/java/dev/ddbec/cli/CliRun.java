package dev.ddbec.cli;

import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs ddbec in-process and keeps what the last run printed on stdout and stderr. */
final class CliRun {
  private final Supplier<CommandLine> commandLine;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  /** Runs {@link DdbecCli#commandLine()}, with ddbec's error handling (as {@code DdbecCli.run}). */
  CliRun() {
    this(DdbecCli::commandLine);
  }

  /** Runs a new command line from {@code commandLine} each time. */
  CliRun(Supplier<CommandLine> commandLine) {
    this.commandLine = commandLine;
  }

  /** Runs with fresh output and error writers; the exit status. */
  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return CliFixtures.execute(commandLine.get(), out, err, args);
  }

  /** What the last run printed on stdout. */
  String out() {
    return out.toString();
  }

  /** What the last run printed on stderr. */
  String err() {
    return err.toString();
  }
}
