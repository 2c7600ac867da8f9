package dev.ddbec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.cli.DdbecCli;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The spark-submit entry point has the option names of the CLI's commands. The options both take
 * are declared once, in ddbec-cli-options' mixins; this test guards what each side still declares
 * itself: which mixins a command uses, and its own options ({@code --checkpoint}, a file for {@code
 * ddbec table} and a directory here), so that an option added to one command line and forgotten in
 * the other fails here.
 */
class CliOptionNamesTest {
  private static Set<String> names(CommandLine c) {
    Set<String> out = new TreeSet<>();
    for (OptionSpec o : c.getCommandSpec().options()) {
      out.addAll(java.util.List.of(o.names()));
    }
    return out;
  }

  @Test
  void tableCommands_sameOptionNamesAsDdbecTable() {
    CommandLine cli = new CommandLine(DdbecCli.class).getSubcommands().get("table");
    CommandLine spark = DdbecSparkJob.commandLine(new DdbecSparkJob(null));
    for (String command : new String[] {"verify", "reencrypt", "protect"}) {
      assertThat(names(spark.getSubcommands().get(command)))
          .as(command)
          .isEqualTo(names(cli.getSubcommands().get(command)));
    }
    Set<String> decrypt = names(new CommandLine(DdbecCli.class).getSubcommands().get("decrypt"));
    assertThat(decrypt).containsAll(names(spark.getSubcommands().get("decrypt-export")));
  }
}
