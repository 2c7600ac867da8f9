package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.MaterialsProviders;
import org.junit.jupiter.api.Test;

class InstalledProvidersTest {
  @Test
  void installed_cliClassPath_offersEveryPublishedProvider() {
    assertThat(MaterialsProviders.installed())
        .contains("static", "wrapped", "keystore", "kms", "most-recent", "pkcs11");
  }
}
