package dev.ddbec.provider.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import dev.ddbec.testing.ProviderFactoryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs11MaterialsProviderFactoryTest implements ProviderFactoryContract {
  @Override
  public Declared declared() {
    return new Declared(
        Map.of(
            "pkcs11",
            "accepted-signing-algorithms description.* keystore-type "
                + "legacy-pkcs1-unwrap legacy-shared-rsa-key library pin provider-name "
                + "session-check-interval-ms signing-algorithm signing-key slot "
                + "slot-list-index token-label verification-key wrapping-key "
                + "wrapping-public-key"),
        List.of(Pkcs11MaterialsProviderFactory.class));
  }

  private static SoftHsm hsm;

  @BeforeAll
  static void fixture() {
    hsm = SoftHsm.get();
  }

  private static Map<String, String> options(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("provider", "pkcs11");
    m.put("library", hsm.library().toString());
    m.put("pin", "env:HSM_PIN");
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        m.remove(kv[i]);
      } else {
        m.put(kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  /** {@link #options} for the token's AES wrapping and HMAC signing keys, then {@code kv}. */
  private static Map<String, String> aesHmacOptions(String... kv) {
    Map<String, String> m =
        options("token-label", "ddbec", "wrapping-key", "wrap-aes", "signing-key", "sign-hmac");
    m.putAll(options(kv));
    return m;
  }

  private static MaterialsProvider load(Map<String, String> options) {
    return MaterialsProviders.load(
        options,
        MaterialsProviders.factories(Pkcs11MaterialsProviderFactoryTest.class.getClassLoader()),
        v -> v.equals("HSM_PIN") ? SoftHsm.PIN : null);
  }

  @Test
  void load_tokenLabelFromKeyUris_roundTrips() {
    try (Pkcs11MaterialsProvider p =
        (Pkcs11MaterialsProvider)
            load(
                options(
                    "wrapping-key", "pkcs11:token=ddbec;object=wrap-aes",
                    "signing-key", "pkcs11:token=ddbec;object=sign-hmac",
                    "description.purpose", "test"))) {
      assertThat(p.token().tokenLabel()).contains(SoftHsm.TOKEN_LABEL);
      assertThat(
              p.encryptionMaterials(Pkcs11MaterialsProviderTest.CONFIG.context())
                  .materialDescription())
          .containsEntry("purpose", "test");
      Pkcs11MaterialsProviderTest.roundTrip(ItemEncryptor.create(p));
    }
  }

  @Test
  void load_pinFromFileAndRsaKeys_roundTrips(@TempDir Path dir) throws Exception {
    Path pin = dir.resolve("pin");
    Files.writeString(pin, SoftHsm.PIN + "\n");
    try (Pkcs11MaterialsProvider p =
        (Pkcs11MaterialsProvider)
            load(
                options(
                    "token-label", SoftHsm.TOKEN_LABEL,
                    "pin", "file:" + pin,
                    "wrapping-key", SoftHsm.WRAP_RSA,
                    "wrapping-public-key", SoftHsm.WRAP_RSA,
                    "signing-key", SoftHsm.SIGN_RSA,
                    "signing-algorithm", "SHA384withRSA",
                    "session-check-interval-ms", "1000"))) {
      Pkcs11MaterialsProviderTest.roundTrip(ItemEncryptor.create(p));
      assertThat(
              p.encryptionMaterials(Pkcs11MaterialsProviderTest.CONFIG.context())
                  .signingAlgorithm())
          .isEqualTo("SHA384withRSA");
    }
  }

  @Test
  void load_verificationKeyFromDerFile_isUsed(@TempDir Path dir) throws Exception {
    Path der = dir.resolve("sign.der");
    try (Pkcs11Token t = hsm.token()) {
      Files.write(der, t.publicKey(SoftHsm.SIGN_RSA).orElseThrow().getEncoded());
    }
    try (Pkcs11MaterialsProvider p =
        (Pkcs11MaterialsProvider)
            load(
                options(
                    "token-label", SoftHsm.TOKEN_LABEL,
                    "wrapping-key", SoftHsm.WRAP_AES,
                    "signing-key", SoftHsm.SIGN_RSA,
                    "verification-key", "file:" + der))) {
      Pkcs11MaterialsProviderTest.roundTrip(ItemEncryptor.create(p));
    }
  }

  @Test
  void load_badOptions_throwWithoutEchoingThePin() {
    List<Map<String, String>> bad =
        List.of(
            options("token-label", "ddbec", "wrapping-key", "wrap-aes"),
            aesHmacOptions("pin", "1234"),
            options(
                "token-label",
                "other",
                "wrapping-key",
                "pkcs11:token=ddbec;object=wrap-aes",
                "signing-key",
                "sign-hmac"),
            aesHmacOptions("slot", "x"),
            aesHmacOptions("colour", "red"),
            aesHmacOptions("pin", "env:UNSET"));
    for (Map<String, String> o : bad) {
      assertThatThrownBy(() -> load(o))
          .as(o.toString())
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageNotContaining(SoftHsm.PIN);
    }
  }
}
