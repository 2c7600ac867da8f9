package dev.ddbec.provider.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory is found through {@code module-info.java}'s {@code provides} on the module path (the
 * class-path case, through {@code META-INF/services}, is in {@link
 * KeyStoreMaterialsProviderFactoryTest}): the main classes of ddbec-api and this module and their
 * runtime dependencies are resolved as modules in a fresh layer, and {@code MaterialsProviders}
 * from that layer builds a provider by name.
 */
class ModulePathTest {
  private static final List<String> TEST_ONLY =
      List.of(
          "test-classes",
          "-tests.jar",
          "junit",
          "opentest4j",
          "apiguardian",
          "assertj",
          "jqwik",
          "jazzer",
          "ddbec-core",
          "byte-buddy");

  @Test
  void materialsProvidersLoad_modulePath_findsKeystoreThroughModuleInfo(@TempDir Path dir)
      throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path[] entries =
        Arrays.stream(cp.split(File.pathSeparator))
            .filter(e -> TEST_ONLY.stream().noneMatch(e::contains))
            .map(Path::of)
            .toArray(Path[]::new);
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolveAndBind(
                ModuleFinder.of(entries), ModuleFinder.of(), Set.of("dev.ddbec.provider.keystore"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("dev.ddbec.provider.keystore");
    Class<?> providers = loader.loadClass("dev.ddbec.api.MaterialsProviders");
    Path ks = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    Map<String, String> options =
        Map.of(
            "provider",
            "keystore",
            "path",
            ks.toString(),
            "password",
            "env:KS",
            "encryption-alias",
            TestKeyStores.ENC,
            "signing-alias",
            TestKeyStores.SIG);
    Function<String, String> env = v -> new String(TestKeyStores.PASSWORD);

    Object factories = providers.getMethod("factories", ClassLoader.class).invoke(null, loader);
    Object provider =
        providers
            .getMethod("load", Map.class, List.class, Function.class)
            .invoke(null, options, factories, env);

    assertThat(provider.getClass().getModule().getName()).isEqualTo("dev.ddbec.provider.keystore");
    assertThat(provider.getClass().getModule().getLayer()).isSameAs(layer);
    assertThat(provider.toString()).contains("AES-256", "HmacSHA256");
  }
}
