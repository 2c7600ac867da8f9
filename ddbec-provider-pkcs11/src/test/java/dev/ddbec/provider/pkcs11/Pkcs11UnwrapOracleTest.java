package dev.ddbec.provider.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import dev.ddbec.testing.UnwrapOracleProbe;
import dev.ddbec.testing.UnwrapOracleProbe.EnvKeyClass;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#11 provider is no unwrap oracle: rewriting the (unsigned) wrapped content key of a
 * validly signed item gives the same failure whatever the token's RSA key makes of it, and PKCS#1
 * v1.5 items are refused without a token operation unless the legacy opt-in is set. SoftHSM2.
 */
class Pkcs11UnwrapOracleTest {
  private static Pkcs11MaterialsProvider provider(boolean legacy) {
    return Pkcs11MaterialsProviderTest.builder(SoftHsm.WRAP_RSA, SoftHsm.SIGN_HMAC)
        .legacyPkcs1Unwrap(legacy)
        .build();
  }

  private static Map<EnvKeyClass, String> probe(
      Pkcs11MaterialsProvider p, String wrapAlg, boolean nameIt) {
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    return UnwrapOracleProbe.roundTripThenOutcomes(
        Pkcs11MaterialsProviderTest.ITEM,
        item -> encryptor.encryptItem(item, Pkcs11MaterialsProviderTest.CONFIG),
        item -> encryptor.decryptItem(item, Pkcs11MaterialsProviderTest.CONFIG),
        p.token().publicKey(SoftHsm.WRAP_RSA).orElseThrow(),
        wrapAlg,
        nameIt);
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeys_failIdenticallyWithoutTokenOperation() {
    try (Pkcs11MaterialsProvider p = provider(false)) {
      Map<EnvKeyClass, String> named = probe(p, UnwrapOracleProbe.PKCS1, true);
      long afterRoundTrip = p.wrappingKeyOperations();
      Map<EnvKeyClass, String> unnamed = probe(p, UnwrapOracleProbe.PKCS1, false);

      String first = UnwrapOracleProbe.assertIndistinguishable(named, unnamed);
      assertThat(first)
          .startsWith(ItemIntegrityException.class.getName())
          .contains("legacy-pkcs1-unwrap=true");
      // Only the second probe's own round trip (one raw RSA) ran on the token since.
      assertThat(p.wrappingKeyOperations()).isEqualTo(afterRoundTrip + 1);
    }
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeysWithOptIn_failIdentically() {
    try (Pkcs11MaterialsProvider p = provider(true)) {
      long before = p.wrappingKeyOperations();
      Map<EnvKeyClass, String> named = probe(p, UnwrapOracleProbe.PKCS1, true);
      Map<EnvKeyClass, String> unnamed = probe(p, UnwrapOracleProbe.PKCS1, false);

      String first = UnwrapOracleProbe.assertIndistinguishable(named, unnamed);
      assertThat(first).contains("Could not decrypt attribute 'title'");
      assertThat(p.wrappingKeyOperations() - before).isEqualTo(8); // 2 round trips + 6 forgeries
    }
  }

  @Test
  void decryptItem_forgedOaepEnvKeys_failIdentically() {
    try (Pkcs11MaterialsProvider p = provider(false)) {
      Map<EnvKeyClass, String> outcomes = probe(p, UnwrapOracleProbe.OAEP_SHA256, true);
      assertThat(UnwrapOracleProbe.assertIndistinguishable(outcomes))
          .contains("Could not decrypt attribute 'title'");
    }
  }

  @Test
  void build_oneRsaKeyWrapsAndSigns_throwsUnlessLegacyShared() {
    assertThatThrownBy(
            () ->
                Pkcs11MaterialsProviderTest.builder(SoftHsm.X_WRAP_RSA, SoftHsm.X_WRAP_RSA).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    try (Pkcs11MaterialsProvider p =
        Pkcs11MaterialsProviderTest.builder(SoftHsm.X_WRAP_RSA, SoftHsm.X_WRAP_RSA)
            .legacySharedRsaKey(true)
            .build()) {
      Pkcs11MaterialsProviderTest.roundTrip(ItemEncryptor.create(p));
    }
  }

  @Test
  void factory_legacyOptions_areRead() {
    Map<String, String> options = new HashMap<>();
    options.put("provider", "pkcs11");
    options.put("library", SoftHsm.get().library().toString());
    options.put("token-label", SoftHsm.TOKEN_LABEL);
    options.put("pin", "env:HSM_PIN");
    options.put("wrapping-key", SoftHsm.X_WRAP_RSA);
    options.put("signing-key", SoftHsm.X_WRAP_RSA);
    assertThatThrownBy(() -> load(options))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    options.put("legacy-shared-rsa-key", "true");
    options.put("legacy-pkcs1-unwrap", "true");
    options.put("accepted-signing-algorithms", "SHA384withRSA");
    try (Pkcs11MaterialsProvider p = (Pkcs11MaterialsProvider) load(options)) {
      assertThat(p.toString()).contains("legacy PKCS#1 v1.5 unwrap");
    }
  }

  private static dev.ddbec.api.spi.MaterialsProvider load(Map<String, String> options) {
    return MaterialsProviders.load(
        options,
        MaterialsProviders.factories(Pkcs11UnwrapOracleTest.class.getClassLoader()),
        v -> v.equals("HSM_PIN") ? SoftHsm.PIN : null);
  }
}
