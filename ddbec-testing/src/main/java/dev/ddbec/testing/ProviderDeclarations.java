package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.spi.MaterialsProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks that a module declares its {@link MaterialsProviderFactory} implementations both ways
 * ServiceLoader finds them: {@code provides … with …} in {@code module-info.java} (module path) and
 * {@code META-INF/services} (class path). Provider modules call it from their factory tests (it
 * needs AssertJ on the test class path):
 *
 * <pre>{@code
 * assertThat(ProviderDeclarations.assertModuleInfoAndServicesAgree())
 *     .containsExactly(KmsMaterialsProviderFactory.class.getName());
 * }</pre>
 */
public final class ProviderDeclarations {
  /** The module descriptor, relative to the module's directory (where Maven runs its tests). */
  public static final Path MODULE_INFO = Path.of("src/main/java/module-info.java");

  /** The service file, relative to the module's directory. */
  public static final Path SERVICES_FILE =
      Path.of("src/main/resources/META-INF/services/" + MaterialsProviderFactory.class.getName());

  private static final Pattern PROVIDES =
      Pattern.compile(
          "provides\\s+"
              + Pattern.quote(MaterialsProviderFactory.class.getName())
              + "\\s+with\\s+([^;]+);");

  private ProviderDeclarations() {}

  /**
   * {@link #assertModuleInfoAndServicesAgree(Path, Path)} with {@link #MODULE_INFO} and {@link
   * #SERVICES_FILE}.
   *
   * @return the declared factory class names, sorted
   * @throws IOException if a file cannot be read
   */
  public static Set<String> assertModuleInfoAndServicesAgree() throws IOException {
    return assertModuleInfoAndServicesAgree(MODULE_INFO, SERVICES_FILE);
  }

  /**
   * Asserts that the module descriptor has a {@code provides MaterialsProviderFactory with …}
   * clause, that it names the same classes as the service file (blank lines and {@code #} comments
   * ignored), that there is at least one, and that each is a {@link MaterialsProviderFactory} the
   * {@link ServiceLoader} finds on the test class path.
   *
   * @param moduleInfo the {@code module-info.java} source
   * @param servicesFile the {@code META-INF/services/dev.ddbec.api.spi.MaterialsProviderFactory}
   *     file
   * @return the declared factory class names, sorted, for further assertions
   * @throws IOException if a file cannot be read
   */
  public static Set<String> assertModuleInfoAndServicesAgree(Path moduleInfo, Path servicesFile)
      throws IOException {
    Matcher m = PROVIDES.matcher(Files.readString(moduleInfo));
    assertThat(m.find())
        .as("%s has 'provides %s with ...;'", moduleInfo, MaterialsProviderFactory.class.getName())
        .isTrue();
    Set<String> declared =
        Pattern.compile(",")
            .splitAsStream(m.group(1))
            .map(String::trim)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> services =
        Files.readAllLines(servicesFile).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty() && !s.startsWith("#"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(declared).as("%s vs %s", moduleInfo, servicesFile).isEqualTo(services).isNotEmpty();
    Set<String> found =
        ServiceLoader.load(MaterialsProviderFactory.class).stream()
            .map(p -> p.type().getName())
            .collect(Collectors.toSet());
    for (String cls : services) {
      Class<?> c;
      try {
        c = Class.forName(cls);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(
            servicesFile + " names " + cls + ", which is not on the class path");
      }
      assertThat(MaterialsProviderFactory.class.isAssignableFrom(c))
          .as("%s implements %s", cls, MaterialsProviderFactory.class.getName())
          .isTrue();
      assertThat(found).as("ServiceLoader finds %s", cls).contains(cls);
    }
    return Collections.unmodifiableSet(declared);
  }
}
