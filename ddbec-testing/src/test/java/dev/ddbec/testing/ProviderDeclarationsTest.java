package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures of {@link ProviderDeclarations}; its passing case runs in every provider module's
 * factory test.
 */
class ProviderDeclarationsTest {
  @TempDir Path dir;

  /** Writes the two files and asserts that the check fails, its message containing each part. */
  private void assertFails(String provides, String services, String... messageParts)
      throws Exception {
    Path moduleInfo =
        Files.writeString(dir.resolve("module-info.java"), "module m {\n" + provides + "\n}\n");
    Path servicesFile = Files.writeString(dir.resolve("services"), services);

    assertThatThrownBy(
            () -> ProviderDeclarations.assertModuleInfoAndServicesAgree(moduleInfo, servicesFile))
        .isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void assertModuleInfoAndServicesAgree_noProvidesClause_fails() throws Exception {
    assertFails(
        "requires dev.ddbec.api;",
        "a.B\n",
        "provides dev.ddbec.api.spi.MaterialsProviderFactory with");
  }

  @Test
  void assertModuleInfoAndServicesAgree_servicesFileListsAnotherClass_fails() throws Exception {
    assertFails(
        "provides dev.ddbec.api.spi.MaterialsProviderFactory with a.B, a.C;",
        "# factories\na.B\n\n  a.D  \n",
        "a.C",
        "a.D");
  }

  @Test
  void assertModuleInfoAndServicesAgree_declaredClassMissing_failsNamingIt() throws Exception {
    assertFails(
        "provides dev.ddbec.api.spi.MaterialsProviderFactory with a.Nope;", "a.Nope\n", "a.Nope");
  }

  @Test
  void assertModuleInfoAndServicesAgree_declaredClassNotAFactory_fails() throws Exception {
    String cls = ProviderDeclarationsTest.class.getName();
    assertFails(
        "provides dev.ddbec.api.spi.MaterialsProviderFactory with " + cls + ";",
        cls + "\n",
        "implements dev.ddbec.api.spi.MaterialsProviderFactory");
  }

  @Test
  void assertModuleInfoAndServicesAgree_servicesFileMissing_throwsNoSuchFile() throws Exception {
    Path moduleInfo =
        Files.writeString(
            dir.resolve("module-info.java"),
            "module m {\nprovides dev.ddbec.api.spi.MaterialsProviderFactory with a.B;\n}\n");

    assertThatThrownBy(
            () ->
                ProviderDeclarations.assertModuleInfoAndServicesAgree(
                    moduleInfo, dir.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
