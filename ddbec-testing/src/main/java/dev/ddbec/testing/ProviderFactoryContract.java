package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *     return new Declared(List.of("kms"), List.of(KmsMaterialsProviderFactory.class));
 *   }
 *
 *   public Map<String, Set<String>> optionNames() {
 *     return Map.of("kms", Set.of("key-id", "region", ...));
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
   * @param providerNames the names its providers are installed under ({@code provider=})
   * @param factories its factory classes, sorted by name
   */
  record Declared(
      List<String> providerNames, List<Class<? extends MaterialsProviderFactory>> factories) {}

  /**
   * What the module under test declares.
   *
   * @return its provider names and factories
   */
  Declared declared();

  /**
   * The name and option names of each of the module's factories, written out in full: the public
   * face of its configuration, which must not change by accident.
   *
   * @return option names by factory name, one entry per factory of {@link #declared()}
   */
  Map<String, Set<String>> optionNames();

  /**
   * Each factory has the expected name and option names, as an immutable set.
   *
   * @throws ReflectiveOperationException if a factory lacks its public no-argument constructor
   */
  @Test
  default void factories_nameAndOptionNames_areTheExpectedOnes()
      throws ReflectiveOperationException {
    Map<String, Set<String>> actual = new HashMap<>();
    for (Class<? extends MaterialsProviderFactory> type : declared().factories()) {
      MaterialsProviderFactory factory = type.getConstructor().newInstance();
      assertThat(actual.put(factory.name(), factory.optionNames())).as(factory.name()).isNull();
      assertThatThrownBy(() -> factory.optionNames().add("x"))
          .as(factory.name())
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(actual).isEqualTo(optionNames());
  }

  /** {@link MaterialsProviders#installed()} names every provider of the module. */
  @Test
  default void factories_serviceLoader_findsTheModulesProviders() {
    assertThat(MaterialsProviders.installed()).containsAll(declared().providerNames());
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
