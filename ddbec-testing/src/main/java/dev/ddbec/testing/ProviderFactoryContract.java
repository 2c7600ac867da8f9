package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import java.io.IOException;
import java.util.List;
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
 *   public List<String> providerNames() { return List.of("kms"); }
 *   public List<Class<? extends MaterialsProviderFactory>> factories() {
 *     return List.of(KmsMaterialsProviderFactory.class);
 *   }
 * }
 * }</pre>
 */
public interface ProviderFactoryContract {
  /**
   * The names the module's providers are installed under.
   *
   * @return the {@code provider=} names
   */
  List<String> providerNames();

  /**
   * The module's factory classes, sorted by name.
   *
   * @return every factory the module declares
   */
  List<Class<? extends MaterialsProviderFactory>> factories();

  /** {@link MaterialsProviders#installed()} names every provider of the module. */
  @Test
  default void factories_serviceLoader_findsTheModulesProviders() {
    assertThat(MaterialsProviders.installed()).containsAll(providerNames());
  }

  /**
   * The module declares exactly {@link #factories()}, the same in both places.
   *
   * @throws IOException if a declaration cannot be read
   */
  @Test
  default void factories_moduleInfoAndMetaInfServices_agree() throws IOException {
    assertThat(ProviderDeclarations.assertModuleInfoAndServicesAgree())
        .containsExactlyElementsOf(factories().stream().map(Class::getName).toList());
  }
}
