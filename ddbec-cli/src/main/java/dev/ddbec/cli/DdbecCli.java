package dev.ddbec.cli;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ProviderResolutionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ddbec} command. */
@Command(
    name = "ddbec",
    mixinStandardHelpOptions = true,
    versionProvider = DdbecCli.Version.class,
    description =
        "Client-side encryption and signing of DynamoDB items (DynamoDB Encryption Client format).",
    subcommands = {
      DemoCommand.class,
      EncryptCommand.class,
      DecryptCommand.class,
      VectorsCommand.class,
      KeystoreCommand.class,
      HsmCommand.class,
      MetastoreCommand.class,
      TableCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ddbec demo           # see it work on a local moto server, no AWS account needed",
      "  ddbec encrypt --table Books --partition-key isbn --materials m.properties < in.jsonl",
      "  ddbec vectors fetch vectors/ && ddbec vectors run vectors/",
      "  ddbec keystore create ks.p12 --password-file ks.pass > m.properties",
      "  ddbec hsm list --library /usr/lib/softhsm/libsofthsm2.so --token-label ddbec \\",
      "      --pin env:DDBEC_HSM_PIN",
      "  ddbec metastore rotate --table ddbec-keys --material-name orders --materials kms.properties"
    })
public final class DdbecCli {
  DdbecCli() {}

  /**
   * Runs the command line.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting (for tests and embedding).
   *
   * @param args arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Runs the command line with the given output and error writers, without exiting (for tests and
   * embedding).
   *
   * @param out standard output
   * @param err standard error
   * @param args arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine();
    cmd.setOut(out);
    cmd.setErr(err);
    try {
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line with ddbec's error handling: a bad argument is one line naming the option and
   * what it accepts (exit 2), not the usage; a failure no command handled is one line (exit 1, or 2
   * for configuration errors), with the stack trace only when {@code DDBEC_DEBUG} is set.
   *
   * @return a new command line
   */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setParameterExceptionHandler(DdbecCli::badArguments);
    cmd.setExecutionExceptionHandler(DdbecCli::failed);
    return cmd;
  }

  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(
        "ddbec: "
            + e.getMessage()
            + " (see '"
            + cmd.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  /**
   * Prints a ddbec error as one line (the message of a configuration error, the type and message of
   * any other; neither holds key material or item values).
   *
   * @param err where to print
   * @param e the error
   * @return the exit code: 2 for a configuration error, 1 otherwise
   */
  static int report(PrintWriter err, DdbecException e) {
    int code;
    if (e instanceof InvalidConfigurationException || e instanceof ProviderResolutionException) {
      err.println("ddbec: " + e.getMessage());
      code = CommandLine.ExitCode.USAGE;
    } else {
      err.println("ddbec: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      code = CommandLine.ExitCode.SOFTWARE;
    }
    err.flush();
    return code;
  }

  private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code;
    if (e instanceof DdbecException d) {
      code = report(err, d);
    } else {
      // Not ours: the message may quote input, so only the type and where it came from.
      StackTraceElement[] at = e.getStackTrace();
      err.println(
          "ddbec: unexpected "
              + e.getClass().getName()
              + (at.length > 0 ? " at " + at[0] : "")
              + " (a bug: please report it; set DDBEC_DEBUG=1 for the stack trace)");
      code = CommandLine.ExitCode.SOFTWARE;
    }
    if (System.getenv("DDBEC_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DdbecCli.class.getPackage().getImplementationVersion();
      return new String[] {"ddbec " + (v == null ? "(development build)" : v)};
    }
  }
}
