package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The interop tests and the benchmarks use the library as its users do: no source of theirs (main
 * or test) names a class of the CLI ({@code dev.ddbec.cli}) or of another module's {@code internal}
 * package. The CLI is exercised as a separate process instead.
 */
class ModuleBoundariesTest {
  /** The checked modules, each with its own package (whose internals it may use). */
  private static final Map<String, String> MODULES =
      Map.of(
          "ddbec-interop-tests/", "dev.ddbec.interop",
          "ddbec-benchmarks/", "dev.ddbec.benchmarks");

  /**
   * A qualified class name in code (an import or a fully qualified use) of the CLI or of an
   * internal package. String literals and comments are removed from a line before it is matched.
   */
  private static final Pattern FORBIDDEN =
      Pattern.compile("\\bdev\\.ddbec\\.(cli|[a-z0-9.]+\\.internal)\\.[A-Za-z_$][\\w$]*");

  @Test
  void interopTestsAndBenchmarks_nameNoCliOrInternalClassOfAnotherModule() throws IOException {
    Path root = DocsSnippetsTest.repoRoot();
    Set<String> found = new TreeSet<>();
    int scanned = 0;
    for (String file : RepositoryFilesTest.repositoryFiles(root)) {
      for (Map.Entry<String, String> module : MODULES.entrySet()) {
        if (file.startsWith(module.getKey()) && file.endsWith(".java")) {
          scanned++;
          for (String name : references(Files.readString(root.resolve(file)), module.getValue())) {
            found.add(file + ": " + name);
          }
        }
      }
    }
    assertThat(scanned)
        .as("Java files scanned in the interop tests and benchmarks")
        .isGreaterThan(20);
    assertThat(found)
        .as(
            "Interop tests and benchmarks use public API only: run the CLI as a process"
                + " (CliProcess), or make what they need public")
        .isEmpty();
  }

  @Test
  void references_flagCliAndOtherModulesInternals_only() {
    String own = "dev.ddbec.interop";
    assertThat(references("import dev.ddbec.cli.DdbecCli;", own))
        .containsExactly("dev.ddbec.cli.DdbecCli");
    assertThat(references("import static dev.ddbec.core.internal.Hex.hex;", own))
        .containsExactly("dev.ddbec.core.internal.Hex");
    assertThat(references("  int c = dev.ddbec.cli.DdbecCli.run(args);", own))
        .containsExactly("dev.ddbec.cli.DdbecCli");
    assertThat(references("import dev.ddbec.provider.keystore.internal.Rsa;", own)).hasSize(1);

    assertThat(references("import dev.ddbec.interop.internal.Helper;", own)).isEmpty();
    assertThat(references("import dev.ddbec.core.format.ItemFormat;", own)).isEmpty();
    assertThat(references("String MAIN = \"dev.ddbec.cli.DdbecCli\";", own)).isEmpty();
    assertThat(references("// runs dev.ddbec.cli.DdbecCli as a process", own)).isEmpty();
    assertThat(references(" * {@code dev.ddbec.cli.DdbecCli}", own)).isEmpty();
  }

  /** The forbidden class names a source names in code. */
  static List<String> references(String source, String ownPackage) {
    List<String> names = new ArrayList<>();
    for (String line : source.split("\n", -1)) {
      String code = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
      String trimmed = code.strip();
      if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
        continue;
      }
      int comment = code.indexOf("//");
      if (comment >= 0) {
        code = code.substring(0, comment);
      }
      Matcher m = FORBIDDEN.matcher(code);
      while (m.find()) {
        if (!m.group().startsWith(ownPackage + ".")) {
          names.add(m.group());
        }
      }
    }
    return names;
  }
}
