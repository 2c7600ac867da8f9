package dev.ddbec.api.testing;

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

  private Path moduleInfo(String body) throws Exception {
    return Files.writeString(dir.resolve("module-info.java"), "module m {\n" + body + "\n}\n");
  }

  private Path services(String body) throws Exception {
    return Files.writeString(dir.resolve("services"), body);
  }

  @Test
  void assertModuleInfoAndServicesAgree_noProvidesClause_fails() throws Exception {
    Path mi = moduleInfo("requires dev.ddbec.api;");
    Path sf = services("a.B\n");

    assertThatThrownBy(() -> ProviderDeclarations.assertModuleInfoAndServicesAgree(mi, sf))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("provides dev.ddbec.api.spi.MaterialsProviderFactory with");
  }

  @Test
  void assertModuleInfoAndServicesAgree_servicesFileListsAnotherClass_fails() throws Exception {
    Path mi = moduleInfo("provides dev.ddbec.api.spi.MaterialsProviderFactory with a.B, a.C;");
    Path sf = services("# factories\na.B\n\n  a.D  \n");

    assertThatThrownBy(() -> ProviderDeclarations.assertModuleInfoAndServicesAgree(mi, sf))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a.C")
        .hasMessageContaining("a.D");
  }

  @Test
  void assertModuleInfoAndServicesAgree_declaredClassMissing_failsNamingIt() throws Exception {
    Path mi = moduleInfo("provides dev.ddbec.api.spi.MaterialsProviderFactory with a.Nope;");
    Path sf = services("a.Nope\n");

    assertThatThrownBy(() -> ProviderDeclarations.assertModuleInfoAndServicesAgree(mi, sf))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a.Nope");
  }

  @Test
  void assertModuleInfoAndServicesAgree_declaredClassNotAFactory_fails() throws Exception {
    String cls = ProviderDeclarationsTest.class.getName();
    Path mi = moduleInfo("provides dev.ddbec.api.spi.MaterialsProviderFactory with " + cls + ";");
    Path sf = services(cls + "\n");

    assertThatThrownBy(() -> ProviderDeclarations.assertModuleInfoAndServicesAgree(mi, sf))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("implements dev.ddbec.api.spi.MaterialsProviderFactory");
  }

  @Test
  void assertModuleInfoAndServicesAgree_servicesFileMissing_throwsNoSuchFile() throws Exception {
    Path mi = moduleInfo("provides dev.ddbec.api.spi.MaterialsProviderFactory with a.B;");

    assertThatThrownBy(
            () -> ProviderDeclarations.assertModuleInfoAndServicesAgree(mi, dir.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
