package dev.ddbec.cli;

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
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ddbec demo           # see it work on a local moto server, no AWS account needed",
      "  ddbec encrypt --table Books --partition-key isbn --materials m.properties < in.jsonl",
      "  ddbec vectors run ../shared/vectors",
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
    return new CommandLine(new DdbecCli()).execute(args);
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
    CommandLine cmd = new CommandLine(new DdbecCli());
    cmd.setOut(out);
    cmd.setErr(err);
    try {
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DdbecCli.class.getPackage().getImplementationVersion();
      return new String[] {"ddbec " + (v == null ? "(development build)" : v)};
    }
  }
}
