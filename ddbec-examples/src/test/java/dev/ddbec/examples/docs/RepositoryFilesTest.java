package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository is self-contained: no file that is (or is about to be) committed reads, names or
 * links a path outside it, or a path of one particular machine; and every {@code docs/format.md §N}
 * reference names a section that the page has.
 */
class RepositoryFilesTest {
  /**
   * Paths that exist only on one machine or beside this repository. Written with character classes
   * so that this file does not match its own patterns. A path preceded by a letter, digit, dot,
   * {@code ~}, {@code $} or {@code }} is relative or part of a URL ({@code https://host/work/}),
   * not an absolute path of a machine.
   */
  static final List<Pattern> FORBIDDEN =
      List.of(
          // The directory beside the repository that only its authors had.
          Pattern.compile("[.][.][/\\\\]shared\\b"),
          // Home and work directories of particular machines.
          Pattern.compile("(?<![\\w.~$}-])[/](work|root)[/]"),
          Pattern.compile("(?<![\\w.~$}-])[/](home|Users)[/][A-Za-z_]"),
          // Windows drive paths (C:\ in text, C:\\ in source strings).
          Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]:[\\\\]{1,2}[A-Za-z]"),
          // Temporary files of one run; allowed where the line presents them as an example.
          Pattern.compile("(?<![\\w.~$}-])[/]tmp[/]"));

  /** A line that shows a path as an example for the reader, not as a path this build uses. */
  private static final Pattern EXAMPLE =
      Pattern.compile("such as|e\\.g\\.|for example", Pattern.CASE_INSENSITIVE);

  /** Directories that are build output or local environments, never committed. */
  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", "target", ".venv", "node_modules", ".idea");

  private static final Pattern FORMAT_REFERENCE =
      Pattern.compile("docs/format\\.md §(\\d+(\\.\\d+)?)");

  @Test
  void repositoryFiles_nameNoPathOutsideTheRepository() throws IOException {
    Path root = DocsSnippetsTest.repoRoot();
    List<String> files = repositoryFiles(root);
    List<String> problems = new ArrayList<>();
    int scanned = 0;
    for (String file : files) {
      String text = text(root.resolve(file));
      if (text == null) {
        continue; // binary (key stores, images)
      }
      scanned++;
      problems.addAll(problems(file, text));
    }
    assertThat(problems)
        .as(
            "Files name paths outside the repository or of one machine: use a path inside the"
                + " repository, one the user passes, or present it as an example")
        .isEmpty();
    // Cannot pass by scanning nothing: the repository has hundreds of text files, among them the
    // docs, the poms and this test itself.
    assertThat(scanned).as("text files scanned").isGreaterThan(200);
    assertThat(files)
        .contains(
            "README.md",
            "pom.xml",
            "docs/format.md",
            "ddbec-examples/src/test/java/dev/ddbec/examples/docs/RepositoryFilesTest.java");
  }

  @Test
  void forbiddenPatterns_flagMachinePathsOnly() {
    String shared = ".." + "/shared";
    assertThat(problems("a", "see " + shared + "/spec")).hasSize(1);
    assertThat(problems("a", "read(\"" + "/" + "work/main/x\")")).hasSize(1);
    assertThat(problems("a", "-Dmaven.repo.local=" + "/" + "root/.m2/repository")).hasSize(1);
    assertThat(problems("a", "cd " + "/" + "home/alice/ddbec")).hasSize(1);
    assertThat(problems("a", "cd " + "/" + "Users/alice/ddbec")).hasSize(1);
    assertThat(problems("a", "dir C:" + "\\" + "Users" + "\\" + "alice")).hasSize(1);
    assertThat(problems("a", "Path.of(\"C:" + "\\\\" + "ddbec\")")).hasSize(1);
    assertThat(problems("a", "out=" + "/" + "tmp/junit123/x.json")).hasSize(1);

    assertThat(problems("a", "a private path such as " + "/" + "tmp/ddbec/softhsm2.conf"))
        .isEmpty();
    assertThat(problems("a", "https://example.com" + "/" + "work/x and docs/work/y")).isEmpty();
    assertThat(problems("a", "~" + "/" + "home/x, $HOME" + "/" + "work/, ./shared/x")).isEmpty();
    assertThat(problems("a", "#!" + "/" + "usr/bin/env bash; AES/CBC/PKCS5Padding; a:b")).isEmpty();
    assertThat(problems("a", "regex [/]work[/] and [.][.][/]shared")).isEmpty();
  }

  @Test
  void formatReferences_nameSectionsOfTheFormatPage() throws IOException {
    Path root = DocsSnippetsTest.repoRoot();
    String page = Files.readString(root.resolve("docs/format.md"));
    Set<String> missing = new TreeSet<>();
    int references = 0;
    for (String file : repositoryFiles(root)) {
      String text = text(root.resolve(file));
      if (text == null) {
        continue;
      }
      Matcher m = FORMAT_REFERENCE.matcher(text);
      while (m.find()) {
        references++;
        if (!page.contains("<a id=\"s" + m.group(1) + "\"></a>")) {
          missing.add(file + ": docs/format.md §" + m.group(1));
        }
      }
    }
    assertThat(missing).as("references to sections docs/format.md does not have").isEmpty();
    assertThat(references).as("docs/format.md § references in the sources").isGreaterThan(20);
  }

  /** The problems of one file's text, one per offending line. */
  static List<String> problems(String file, String text) {
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      for (Pattern p : FORBIDDEN) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          boolean tmpExample = m.group().contains("tmp") && EXAMPLE.matcher(line).find();
          if (!tmpExample) {
            problems.add(file + ":" + (i + 1) + ": " + line.strip());
            break;
          }
        }
      }
    }
    return problems;
  }

  /**
   * The files git tracks plus the new files it does not ignore (so a problem is found before it is
   * committed); without git (a source archive), every file outside build output and local
   * environments.
   */
  static List<String> repositoryFiles(Path root) throws IOException {
    List<String> fromGit = gitFiles(root);
    if (fromGit != null) {
      return fromGit;
    }
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !skipped(root.relativize(p)))
          .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
    }
    return files;
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED_DIRECTORIES.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> gitFiles(Path root) throws IOException {
    if (!Files.exists(root.resolve(".git"))) {
      return null;
    }
    Process git;
    try {
      git =
          new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException noGit) {
      return null;
    }
    byte[] out;
    try (InputStream in = git.getInputStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      out = buffer.toByteArray();
    }
    try {
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    List<String> files = new ArrayList<>();
    for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
      // Deleted but not yet committed: nothing to read.
      if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
        files.add(name);
      }
    }
    return files;
  }

  /** The file as UTF-8 text, or null when it is binary. */
  private static String text(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
