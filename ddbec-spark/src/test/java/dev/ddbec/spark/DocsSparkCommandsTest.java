package dev.ddbec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every {@code spark-submit ... DdbecSparkJob} command in docs/spark.md parses. */
class DocsSparkCommandsTest {
  @Test
  void everySparkSubmitCommandOfTheGuideParses() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "docs", "spark.md"));
    List<String> commands = new ArrayList<>();
    boolean inShell = false;
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("```")) {
        inShell = line.equals("```bash");
        continue;
      }
      if (!inShell) {
        continue;
      }
      current.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
      if (!line.endsWith("\\")) {
        if (current.toString().strip().startsWith("spark-submit")) {
          commands.add(current.toString());
        }
        current.setLength(0);
      }
    }
    assertThat(commands).hasSizeGreaterThanOrEqualTo(2);
    for (String c : commands) {
      List<String> words = Arrays.asList(c.strip().split("\\s+"));
      assertThat(words).contains("dev.ddbec.spark.DdbecSparkJob");
      // The job's arguments follow the application jar (the first .jar not after --jars).
      int jar = -1;
      for (int i = 1; i < words.size(); i++) {
        if (words.get(i).endsWith(".jar") && !words.get(i - 1).equals("--jars")) {
          jar = i;
          break;
        }
      }
      assertThat(jar).as(c).isPositive();
      String[] args = words.subList(jar + 1, words.size()).toArray(String[]::new);
      CommandLine.ParseResult parsed =
          DdbecSparkJob.commandLine(new DdbecSparkJob(null)).parseArgs(args);
      assertThat(parsed.hasSubcommand()).as(c).isTrue();
    }
  }
}
