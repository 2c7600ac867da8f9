package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.examples.docs.Snippets.Block;
import dev.ddbec.examples.docs.Snippets.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet in README.md, docs/*.md and ddbec-examples/README.md is the text of a region
 * of the compiled and tested examples ({@link Snippets}). Java, properties, XML and Python blocks
 * must name their region; shell blocks are checked by {@link DocsCommandsTest}.
 *
 * <p>After changing an example, regenerate the docs with:
 *
 * <pre>
 * mvn -B verify -pl ddbec-examples -am -Dtest=DocsSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dddbec.snippets.update=true
 * </pre>
 */
class DocsSnippetsTest {
  /** Languages whose blocks must come from an example. */
  static final Set<String> SNIPPET_LANGUAGES = Set.of("java", "properties", "xml", "python");

  static Path repoRoot() {
    String root = System.getProperty("ddbec.repo.root");
    Path p = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
    p = p.toAbsolutePath().normalize();
    assertThat(p.resolve("README.md")).as("repository root").exists();
    return p;
  }

  static List<Path> markdownFiles() throws IOException {
    Path root = repoRoot();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    files.add(root.resolve("ddbec-examples/README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  static Map<String, Region> regions() {
    Path examples = repoRoot().resolve("ddbec-examples");
    return Snippets.regions(
        List.of(
            examples.resolve("pom.xml"),
            examples.resolve("src/main/java"),
            examples.resolve("src/main/resources"),
            examples.resolve("src/test/java"),
            examples.resolve("src/test/resources")));
  }

  @Test
  void docs_everySnippetEqualsItsExampleRegion() throws IOException {
    Map<String, Region> regions = regions();
    boolean update = Boolean.getBoolean("ddbec.snippets.update");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path md : markdownFiles()) {
      Map<Block, String> replacements = new LinkedHashMap<>();
      for (Block block : Snippets.blocks(md)) {
        String where = repoRoot().relativize(md) + ":" + block.fenceLine();
        if (block.snippet() == null) {
          if (SNIPPET_LANGUAGES.contains(block.language())) {
            problems.add(
                where
                    + ": a ```"
                    + block.language()
                    + " block without <!-- snippet:NAME --> before it; show a region of an"
                    + " example instead");
          }
          continue;
        }
        Region region = regions.get(block.snippet());
        if (region == null) {
          problems.add(where + ": no example defines snippet '" + block.snippet() + "'");
          continue;
        }
        checked++;
        if (!region.text().equals(block.text())) {
          if (update) {
            replacements.put(block, region.text());
          } else {
            problems.add(
                where
                    + ": snippet '"
                    + block.snippet()
                    + "' differs from "
                    + repoRoot().relativize(region.file())
                    + ":"
                    + region.line()
                    + firstDifference(region.text(), block.text()));
          }
        }
      }
      if (!replacements.isEmpty()) {
        Snippets.rewrite(md, replacements);
        System.out.println(
            "[snippets] rewrote " + replacements.size() + " block(s) in " + md.getFileName());
      }
    }
    assertThat(problems)
        .as(
            "Docs snippets out of date. Fix the docs, or regenerate them from the examples with"
                + " -Dddbec.snippets.update=true (see DocsSnippetsTest)")
        .isEmpty();
    assertThat(checked).as("snippets checked").isPositive();
  }

  @Test
  void snippets_parseRegionsAndBlocks(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path source = dir.resolve("Example.java");
    Files.writeString(
        source,
        String.join(
            "\n",
            "class Example {",
            "  void run() {",
            "    // snippet:outer",
            "    int a = 1;",
            "    // snippet:inner",
            "    int b = 2;",
            "    // end-snippet",
            "    // end-snippet",
            "  }",
            "}"));
    Map<String, Region> regions = Snippets.regions(List.of(source));
    assertThat(regions.get("outer").text()).isEqualTo("int a = 1;\nint b = 2;");
    assertThat(regions.get("inner").text()).isEqualTo("int b = 2;");

    Path md = dir.resolve("doc.md");
    Files.writeString(
        md,
        String.join(
            "\n",
            "# Doc",
            "<!-- snippet:inner -->",
            "```java",
            "int b = 3;",
            "```",
            "",
            "```bash",
            "echo hi",
            "```",
            ""));
    List<Block> blocks = Snippets.blocks(md);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).snippet()).isEqualTo("inner");
    assertThat(blocks.get(0).text()).isEqualTo("int b = 3;");
    assertThat(blocks.get(1).snippet()).isNull();

    Snippets.rewrite(md, Map.of(blocks.get(0), "int b = 2;\nint c = 4;"));
    assertThat(Snippets.blocks(md).get(0).text()).isEqualTo("int b = 2;\nint c = 4;");
    assertThat(Snippets.blocks(md).get(1).text()).isEqualTo("echo hi");
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end>";
      String al = i < a.length ? a[i] : "<end>";
      if (!el.equals(al)) {
        return "; snippet line "
            + (i + 1)
            + ": example has\n    "
            + el
            + "\n  docs have\n    "
            + al;
      }
    }
    return "";
  }
}
