package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyUsePolicyTest {
  /** A builder as a provider writes it: it holds a policy and nothing else of these options. */
  static final class SomeBuilder implements KeyUsePolicy.Setters<SomeBuilder> {
    private KeyUsePolicy policy = KeyUsePolicy.defaults();

    @Override
    public KeyUsePolicy keyUsePolicy() {
      return policy;
    }

    @Override
    public SomeBuilder keyUsePolicy(KeyUsePolicy policy) {
      this.policy = policy;
      return this;
    }
  }

  @Test
  void defaults_areTheSafeOnes() {
    KeyUsePolicy p = KeyUsePolicy.defaults();
    assertThat(p.acceptedSigningAlgorithms()).isEmpty();
    assertThat(p.legacyPkcs1Unwrap()).isFalse();
    assertThat(p.legacySharedRsaKey()).isFalse();
  }

  @Test
  void setters_changeOneOptionEach_andLeaveTheOthers() {
    SomeBuilder b =
        new SomeBuilder()
            .legacyPkcs1Unwrap(true)
            .acceptedSigningAlgorithms(List.of("SHA384withRSA"))
            .legacySharedRsaKey(true)
            .legacyPkcs1Unwrap(false);
    KeyUsePolicy p = b.keyUsePolicy();
    assertThat(p.legacyPkcs1Unwrap()).isFalse();
    assertThat(p.legacySharedRsaKey()).isTrue();
    assertThat(p.acceptedSigningAlgorithms()).containsExactly("SHA384withRSA");
    assertThat(KeyUsePolicy.defaults().legacySharedRsaKey()).isFalse();
  }

  @Test
  void acceptedSigningAlgorithms_copiedAndUnmodifiable_nullMeansNone() {
    Collection<String> given = new ArrayList<>(List.of("SHA384withRSA"));
    KeyUsePolicy p = KeyUsePolicy.defaults().withAcceptedSigningAlgorithms(given);
    given.add("SHA512withRSA");
    assertThat(p.acceptedSigningAlgorithms()).containsExactly("SHA384withRSA");
    assertThatThrownBy(() -> p.acceptedSigningAlgorithms().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(p.withAcceptedSigningAlgorithms(null).acceptedSigningAlgorithms()).isEmpty();
    assertThatThrownBy(
            () ->
                KeyUsePolicy.defaults()
                    .withAcceptedSigningAlgorithms(Arrays.asList("SHA256withRSA", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void equals_byValue() {
    assertThat(KeyUsePolicy.defaults().withLegacySharedRsaKey(true))
        .isEqualTo(KeyUsePolicy.defaults().withLegacySharedRsaKey(true))
        .hasSameHashCodeAs(KeyUsePolicy.defaults().withLegacySharedRsaKey(true))
        .isNotEqualTo(KeyUsePolicy.defaults());
  }

  @Test
  void from_readsTheThreeOptions_absentKeepDefaults() {
    ProviderConfig config =
        new ProviderConfig(
            "p",
            Map.of(
                "accepted-signing-algorithms", "SHA384withRSA, SHA512withRSA",
                "legacy-pkcs1-unwrap", "TRUE"),
            name -> null);
    KeyUsePolicy p = KeyUsePolicy.from(config);
    assertThat(p.acceptedSigningAlgorithms()).containsExactly("SHA384withRSA", "SHA512withRSA");
    assertThat(p.legacyPkcs1Unwrap()).isTrue();
    assertThat(p.legacySharedRsaKey()).isFalse();
    assertThat(KeyUsePolicy.from(new ProviderConfig("p", Map.of(), name -> null)))
        .isEqualTo(KeyUsePolicy.defaults());
    assertThat(KeyUsePolicy.OPTION_NAMES)
        .containsExactlyInAnyOrder(
            "accepted-signing-algorithms", "legacy-pkcs1-unwrap", "legacy-shared-rsa-key");
  }

  @Test
  void from_legacyOptionNotABoolean_throwsInvalidConfiguration() {
    ProviderConfig config =
        new ProviderConfig("p", Map.of("legacy-shared-rsa-key", "yes"), name -> null);
    assertThatThrownBy(() -> KeyUsePolicy.from(config))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("legacy-shared-rsa-key");
  }
}
