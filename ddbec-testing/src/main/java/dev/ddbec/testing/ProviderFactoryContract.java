package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The tests every module that ships {@link MaterialsProviderFactory} implementations runs: {@link
 * MaterialsProviders#installed()} names its providers, and {@link ProviderDeclarations} finds
 * {@code module-info.java} and {@code META-INF/services} declaring exactly its factories. A
 * module's factory test implements this interface (it needs JUnit 5 and AssertJ on the test class
 * path):
 *
 * <pre>{@code
 * class KmsMaterialsProviderFactoryTest implements ProviderFactoryContract {
 *   public Declared declared() {
 *     return new Declared(
 *         Map.of("kms", "content-key-spec decrypt-only description.* endpoint ..."),
 *         List.of(KmsMaterialsProviderFactory.class));
 *   }
 * }
 * }</pre>
 */
// JUnit is an optional dependency of this module: whoever runs these tests has it.
@SuppressWarnings("exports")
public interface ProviderFactoryContract {
  /**
   * What a module declares.
   *
   * @param optionNames by the name each factory is installed under ({@code provider=}), its option
   *     names in full, sorted and separated by single spaces: the public face of its configuration,
   *     which must not change by accident
   * @param factories its factory classes, sorted by name
   */
  record Declared(
      Map<String, String> optionNames, List<Class<? extends MaterialsProviderFactory>> factories) {}

  /**
   * What the module under test declares.
   *
   * @return its factories' names and option names, and its factory classes
   */
  Declared declared();

  /**
   * Each factory has the expected name and option names, as an immutable set.
   *
   * @throws ReflectiveOperationException if a factory lacks its public no-argument constructor
   */
  @Test
  default void factories_nameAndOptionNames_areTheExpectedOnes()
      throws ReflectiveOperationException {
    Map<String, String> actual = new HashMap<>();
    for (Class<? extends MaterialsProviderFactory> type : declared().factories()) {
      MaterialsProviderFactory factory = type.getConstructor().newInstance();
      String names = String.join(" ", new TreeSet<>(factory.optionNames()));
      assertThat(actual.put(factory.name(), names)).as(factory.name()).isNull();
      assertThatThrownBy(() -> factory.optionNames().add("x"))
          .as(factory.name())
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(actual).isEqualTo(declared().optionNames());
  }

  /** {@link MaterialsProviders#installed()} names every provider of the module. */
  @Test
  default void factories_serviceLoader_findsTheModulesProviders() {
    assertThat(MaterialsProviders.installed()).containsAll(declared().optionNames().keySet());
  }

  /**
   * The module declares exactly its factories, the same in both places.
   *
   * @throws IOException if a declaration cannot be read
   */
  @Test
  default void factories_moduleInfoAndMetaInfServices_agree() throws IOException {
    assertThat(ProviderDeclarations.assertModuleInfoAndServicesAgree())
        .containsExactlyElementsOf(declared().factories().stream().map(Class::getName).toList());
  }
}
