package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.examples.docs.Snippets;
import dev.ddbec.examples.docs.Snippets.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/getting-started.md followed literally, as a user's own project: the page's {@code pom.xml}
 * and {@code QuickStart.java}, taken from the page itself, are built by Maven with the page's
 * command against a new, temporary local repository, and run against the local DynamoDB the tests
 * use.
 *
 * <p>The temporary repository holds the ddbec artifacts this build made, laid out as {@code
 * scripts/install.sh} installs them (parent POM, BOM, every published module), and nothing else.
 * Every other artifact (the AWS SDK, Maven's plugins) comes from the build's own local repository,
 * used as a read-only mirror, so the test needs no network and leaves that repository untouched.
 */
class GettingStartedTest {
  /** The command getting-started.md runs in the project; the test runs the same goals. */
  static final String RUN_COMMAND = "mvn -q compile exec:java";

  /** The modules of scripts/install.sh's {@code -pl} list. */
  private static final Pattern INSTALLED_MODULES = Pattern.compile("-pl ([\\w,-]+)");

  /** Modules the build runs but never publishes. */
  private static final Set<String> NOT_PUBLISHED =
      Set.of("ddbec-examples", "ddbec-interop-tests", "ddbec-benchmarks", "ddbec-sdk1-bridge");

  @TempDir Path dir;

  @Test
  void gettingStarted_pageProject_buildsAgainstInstalledArtifactsAndRuns() throws Exception {
    Path root = repoRoot();
    Path page = root.resolve("docs/getting-started.md");
    Map<String, String> snippets = new HashMap<>();
    for (Block b : Snippets.blocks(page)) {
      if (b.snippet() != null) {
        snippets.put(b.snippet(), b.text());
      }
    }
    assertThat(snippets).containsKeys("application-pom", "quick-start-program");
    assertThat(Files.readString(page)).contains(RUN_COMMAND + " -Dexec.args=");

    Path project = dir.resolve("bookshop");
    write(project.resolve("pom.xml"), snippets.get("application-pom"));
    write(
        project.resolve("src/main/java/dev/ddbec/examples/QuickStart.java"),
        snippets.get("quick-start-program"));
    Path repository = dir.resolve("repository");
    install(root, repository);
    Path settings = dir.resolve("settings.xml");
    write(settings, mirrorSettings(Path.of(System.getProperty("ddbec.maven.repo"))));
    Path materials = LocalAws.keyStore(Files.createDirectories(dir.resolve("keys")));
    URI endpoint = LocalAws.localDynamoDb().endpoint();

    List<String> command = new ArrayList<>();
    command.add(mavenExecutable());
    command.addAll(List.of(RUN_COMMAND.substring("mvn ".length()).split(" ")));
    command.addAll(
        List.of(
            "-B",
            // Not -o: offline mode also refuses the file: mirror, which makes no network call.
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + repository,
            "-Dexec.args=" + materials + " " + endpoint));
    Path log = dir.resolve("mvn.log");
    Process mvn =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = mvn.waitFor(3, TimeUnit.MINUTES);
    if (!done) {
      mvn.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(done && mvn.exitValue() == 0)
        .as("the project of the page builds and runs:\n" + output)
        .isTrue();
    assertThat(output)
        .contains("title=AttributeValue(S=Dune)")
        .contains("genre=AttributeValue(S=sf)");

    // What the program stored is encrypted: its table, through a plain client.
    try (DynamoDbClient plain = QuickStart.localDynamoDb(endpoint)) {
      Map<String, AttributeValue> stored =
          plain
              .getItem(
                  r ->
                      r.tableName("Books")
                          .key(Map.of("isbn", AttributeValue.fromS("978-0441013593"))))
              .item();
      assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(stored.get("genre")).isEqualTo(AttributeValue.fromS("sf"));
    }
    // Only ddbec's own artifacts were installed; the rest came through the mirror.
    assertThat(repository.resolve("dev/ddbec/ddbec-bom")).isDirectory();
  }

  /**
   * What the page's install command installs: the modules of scripts/install.sh, which are every
   * module of the build except the examples, interop tests and benchmarks, with sources and Javadoc
   * jars from the release profile, and without running the tests.
   */
  @Test
  void installScript_installsThePublishedModulesWithSourcesAndJavadoc() throws Exception {
    Path root = repoRoot();
    assertThat(Files.readString(root.resolve("docs/getting-started.md")))
        .contains("```bash\nscripts/install.sh\n```");
    String script = Files.readString(root.resolve("scripts/install.sh"));
    assertThat(script).contains("mvn -B install -Prelease -DskipTests ").contains(" -am ");
    List<String> reactor = new ArrayList<>();
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    while (module.find()) {
      if (!NOT_PUBLISHED.contains(module.group(1))) {
        reactor.add(module.group(1));
      }
    }
    assertThat(installedModules(root)).containsExactlyInAnyOrderElementsOf(reactor);

    String release = Files.readString(root.resolve("pom.xml"));
    release = release.substring(release.indexOf("<id>release</id>"));
    assertThat(release)
        .contains("<artifactId>maven-source-plugin</artifactId>")
        .contains("<goal>jar-no-fork</goal>")
        .contains("<artifactId>maven-javadoc-plugin</artifactId>")
        .contains("<goal>jar</goal>");
  }

  private static List<String> installedModules(Path root) throws IOException {
    Matcher m = INSTALLED_MODULES.matcher(Files.readString(root.resolve("scripts/install.sh")));
    assertThat(m.find()).as("scripts/install.sh names its modules with -pl").isTrue();
    return List.of(m.group(1).split(","));
  }

  /**
   * Installs this build's artifacts of the modules scripts/install.sh installs (and the parent POM,
   * which it installs through {@code -am}) into {@code repository}, with the layout of Maven's
   * install plugin: {@code dev/ddbec/A/V/A-V.pom} and {@code A-V.jar}. Copying the jars the build
   * has just packaged takes a moment; running the script would compile everything again.
   */
  private static void install(Path root, Path repository) throws IOException {
    String version = System.getProperty("ddbec.version");
    installFile(root.resolve("pom.xml"), repository, "ddbec-parent", version, "pom");
    for (String module : installedModules(root)) {
      if (module.equals("ddbec-bom")) {
        installFile(root.resolve("ddbec-bom/pom.xml"), repository, "ddbec-bom", version, "pom");
        continue;
      }
      Path jar = packaged(root.resolve(module), module + "-" + version + ".jar", repository);
      installFile(root.resolve(module).resolve("pom.xml"), repository, module, version, "pom");
      installFile(jar, repository, module, version, "jar");
    }
  }

  /**
   * The module's jar as the build packaged it, or, when the build stopped before packaging ({@code
   * mvn test}) or the jar is older than the classes, a jar of its compiled classes: what the build
   * itself resolves in both cases.
   */
  private static Path packaged(Path module, String jarName, Path work) throws IOException {
    Path jar = module.resolve("target").resolve(jarName);
    Path classes = module.resolve("target/classes");
    assertThat(classes).as("the build compiles " + module.getFileName() + " before").isDirectory();
    if (Files.isRegularFile(jar)) {
      FileTime packagedAt = Files.getLastModifiedTime(jar);
      try (Stream<Path> files = Files.walk(classes)) {
        if (files.filter(Files::isRegularFile).noneMatch(f -> modifiedAfter(f, packagedAt))) {
          return jar;
        }
      }
    }
    Path made = Files.createDirectories(work.resolveSibling("jars")).resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(made));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return made;
  }

  private static boolean modifiedAfter(Path file, FileTime time) {
    try {
      return Files.getLastModifiedTime(file).compareTo(time) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void installFile(
      Path file, Path repository, String artifact, String version, String extension)
      throws IOException {
    Path target =
        repository.resolve(
            "dev/ddbec/"
                + artifact
                + "/"
                + version
                + "/"
                + artifact
                + "-"
                + version
                + "."
                + extension);
    Files.createDirectories(target.getParent());
    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Maven settings that fetch every other artifact from the build's local repository. */
  private static String mirrorSettings(Path buildRepository) {
    assertThat(buildRepository).as("the build's local repository").isDirectory();
    return String.join(
        "\n",
        "<settings>",
        "  <mirrors>",
        "    <mirror>",
        "      <id>build-local-repository</id>",
        "      <mirrorOf>*</mirrorOf>",
        "      <url>" + buildRepository.toUri() + "</url>",
        "    </mirror>",
        "  </mirrors>",
        "</settings>",
        "");
  }

  private static String mavenExecutable() {
    String home = System.getProperty("ddbec.maven.home");
    boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
    String name = windows ? "mvn.cmd" : "mvn";
    if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "bin", name))) {
      return Path.of(home, "bin", name).toString();
    }
    return name;
  }

  private static Path repoRoot() {
    String root = System.getProperty("ddbec.repo.root");
    Path p = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
    return p.toAbsolutePath().normalize();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
  }
}
