package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.MaterialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoConfigTest {
  private static final EncryptionContext CONTEXT =
      EncryptionContext.builder().tableName("T").partitionKeyName("pk").sortKeyName("sk").build();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pk", "sk"}) // the partition key, the sort key
  void of_keyAttributeWouldBeEncrypted_throwsInvalidConfigurationException(String key) {
    AttributeActions actions =
        AttributeActions.builder()
            .defaultAction(CryptoAction.DO_NOTHING)
            .action(key, CryptoAction.ENCRYPT_AND_SIGN)
            .build();

    assertThatThrownBy(() -> CryptoConfig.of(CONTEXT, actions))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(key);
  }

  @Test
  void of_defaultEncryptWithoutIndexKeys_throwsInvalidConfigurationException() {
    assertThatThrownBy(
            () -> CryptoConfig.of(CONTEXT, AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN)))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void of_keysProtectedWithIndexKeys_accepted() {
    AttributeActions actions =
        AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk", "sk");

    CryptoConfig config = CryptoConfig.of(CONTEXT, actions);

    assertThat(config.actions()).isEqualTo(actions);
    assertThat(config.context()).isEqualTo(CONTEXT);
    assertThat(config.materialsProviderOverride()).isEmpty();
  }

  @Test
  void of_contextWithoutKeyNames_anyActionsAccepted() {
    EncryptionContext noKeys = EncryptionContext.builder().tableName("T").build();

    assertThatNoException()
        .isThrownBy(
            () -> CryptoConfig.of(noKeys, AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN)));
  }

  @Test
  void of_keysSignOnlyOrDoNothing_accepted() {
    AttributeActions actions =
        AttributeActions.builder()
            .action("pk", CryptoAction.SIGN_ONLY)
            .action("sk", CryptoAction.DO_NOTHING)
            .build();

    assertThatNoException().isThrownBy(() -> CryptoConfig.of(CONTEXT, actions));
  }

  @Test
  void of_nullArguments_throwNullPointerException() {
    AttributeActions actions = AttributeActions.of(CryptoAction.SIGN_ONLY);

    assertThatThrownBy(() -> CryptoConfig.of(null, actions))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CryptoConfig.of(CONTEXT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withMaterialsProvider_provider_overrideSet() {
    MaterialsProvider provider = TestProvider.STATIC_AES_HMAC.provider();
    CryptoConfig config = CryptoConfig.of(CONTEXT, AttributeActions.of(CryptoAction.SIGN_ONLY));

    assertThat(config.withMaterialsProvider(provider).materialsProviderOverride())
        .containsSame(provider);
    assertThatThrownBy(() -> config.withMaterialsProvider(null))
        .isInstanceOf(NullPointerException.class);
  }
}
