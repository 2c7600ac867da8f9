package dev.ddbec.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.testing.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The static provider's builder shares MaterialsProviderBuilder's key-use and description setters.
 */
class StaticMaterialsProviderKeyUseTest {

  @Test
  void legacyPkcs1Unwrap_isRefused_theProviderUnwrapsNothing() {
    StaticMaterialsProvider.Builder b =
        StaticMaterialsProvider.builder()
            .encryptionKey(TestKeys.aes256())
            .hmacKey(TestKeys.hmacSha256())
            .legacyPkcs1Unwrap(true);

    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("legacyPkcs1Unwrap");
  }

  @Test
  void acceptedSigningAlgorithmsAndDescription_reachTheMaterials() {
    StaticMaterialsProvider p =
        StaticMaterialsProvider.builder()
            .encryptionKey(TestKeys.aes256())
            .hmacKey(TestKeys.hmacSha256())
            .acceptedSigningAlgorithms(List.of("HmacSHA512"))
            .materialDescription(Map.of("tenant", "7"))
            .build();
    EncryptionContext context = EncryptionContext.builder().tableName("Books").build();

    DecryptionMaterials d = p.decryptionMaterials(context);

    assertThat(d.acceptedSigningAlgorithms()).containsExactlyInAnyOrder("HmacSHA256", "HmacSHA512");
    assertThat(p.encryptionMaterials(context).materialDescription()).containsEntry("tenant", "7");
  }
}
