package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Relative links between the docs point at files that exist, and anchors at their headings. */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** An explicit anchor, as docs/format.md puts before each numbered section. */
  private static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");

  @Test
  void docs_relativeLinksAndAnchorsResolve() throws IOException {
    Path root = DocsSnippetsTest.repoRoot();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path md : DocsSnippetsTest.markdownFiles()) {
      List<String> lines = Files.readAllLines(md);
      boolean inCode = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.trim().startsWith("```")) {
          inCode = !inCode;
        }
        if (inCode) {
          continue;
        }
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("[a-z]+:.*")) {
            continue; // http:, https:, mailto:
          }
          checked++;
          String where = root.relativize(md) + ":" + (i + 1) + ": " + target;
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          Path resolved = file.isEmpty() ? md : md.getParent().resolve(file).normalize();
          if (!Files.exists(resolved)) {
            problems.add(where + ": no such file");
            continue;
          }
          if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
            problems.add(where + ": no heading with that anchor in " + resolved.getFileName());
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(20);
  }

  /**
   * GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens) and explicit
   * {@code <a id="...">} anchors.
   */
  private static Set<String> anchors(Path md) throws IOException {
    Set<String> anchors = new HashSet<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(md)) {
      if (line.trim().startsWith("```")) {
        inCode = !inCode;
      }
      Matcher explicit = ANCHOR.matcher(line);
      while (!inCode && explicit.find()) {
        anchors.add(explicit.group(1));
      }
      if (!inCode && line.startsWith("#")) {
        String text = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
        anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
