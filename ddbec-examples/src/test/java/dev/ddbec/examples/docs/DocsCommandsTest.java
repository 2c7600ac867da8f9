package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.cli.DdbecCli;
import dev.ddbec.examples.docs.Snippets.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The shell blocks of README.md and docs/*.md: every {@code ddbec} command parses with the CLI's
 * real options (unknown subcommands, misspelt or missing options fail), every script the docs run
 * exists, and every module a {@code mvn -pl} names exists.
 */
class DocsCommandsTest {
  private static final Set<String> SHELL_LANGUAGES = Set.of("bash", "sh", "shell", "console");

  @Test
  void docs_everyDdbecCommandParses() throws Exception {
    Path root = DocsSnippetsTest.repoRoot();
    List<String> problems = new ArrayList<>();
    int ddbecCommands = 0;
    for (Path md : DocsSnippetsTest.markdownFiles()) {
      for (Block block : Snippets.blocks(md)) {
        if (!SHELL_LANGUAGES.contains(block.language()) || block.snippet() != null) {
          continue;
        }
        for (Command c : commands(block.text())) {
          String where = root.relativize(md) + ":" + (block.firstContentLine() + c.line());
          List<String> words = c.words();
          if (words.isEmpty()) {
            continue;
          }
          String program = words.get(0);
          if (program.equals("./ddbec") || program.equals("ddbec")) {
            ddbecCommands++;
            try {
              new CommandLine(DdbecCli.class)
                  .parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
              problems.add(where + ": `" + String.join(" ", words) + "`: " + e.getMessage());
            }
          }
          if (program.contains("/")
              && !program.startsWith("/")
              && !program.startsWith("~")
              && !program.startsWith("$")
              && !Files.isExecutable(root.resolve(program))) {
            problems.add(where + ": " + program + " does not exist (or is not executable)");
          }
          if (program.equals("mvn")) {
            int pl = words.indexOf("-pl");
            if (pl > 0 && pl + 1 < words.size()) {
              for (String module : words.get(pl + 1).split(",")) {
                if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                  problems.add(where + ": no module " + module);
                }
              }
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(ddbecCommands).as("ddbec commands checked").isGreaterThan(5);
  }

  @Test
  void commands_splitLikeAShell() {
    List<Command> cs =
        commands(
            String.join(
                "\n",
                "# a comment",
                "export X=1",
                "FOO=bar ./ddbec encrypt --table 'My Table' \\",
                "    --action \"a b=SIGN_ONLY\" < in.jsonl > out.jsonl",
                "./ddbec demo --keep   # trailing comment",
                "head -c 24 /dev/urandom | base64 > f && chmod 600 f"));
    assertThat(cs).hasSize(3);
    assertThat(cs.get(0).words())
        .containsExactly("./ddbec", "encrypt", "--table", "My Table", "--action", "a b=SIGN_ONLY");
    assertThat(cs.get(1).words()).containsExactly("./ddbec", "demo", "--keep");
    assertThat(cs.get(2).words()).containsExactly("head", "-c", "24", "/dev/urandom");
  }

  /** One command of a shell block: its words up to the first pipe, redirection or separator. */
  record Command(int line, List<String> words) {}

  /** Splits a shell block into commands (continuations joined); the first command per line. */
  static List<Command> commands(String text) {
    List<Command> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      StringBuilder joined = new StringBuilder(lines[i]);
      while (joined.toString().stripTrailing().endsWith("\\") && i + 1 < lines.length) {
        String s = joined.toString().stripTrailing();
        joined = new StringBuilder(s.substring(0, s.length() - 1)).append(' ').append(lines[++i]);
      }
      List<String> words = words(joined.toString());
      // Leading variable assignments (FOO=bar cmd) and `export X=1` lines.
      while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        words.remove(0);
      }
      if (!words.isEmpty() && !words.get(0).equals("export")) {
        out.add(new Command(first, words));
      }
    }
    return out;
  }

  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        if (word == null) {
          word = new StringBuilder();
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        continue;
      }
      if ((c == '#' && word == null) || c == '|' || c == '<' || c == '>' || c == ';' || c == '&') {
        if (c == '>' && word != null && word.toString().matches("\\d+")) {
          word = null; // 2>file
        }
        break;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      word.append(c);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
