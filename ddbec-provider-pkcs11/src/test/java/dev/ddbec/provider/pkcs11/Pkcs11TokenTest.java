package dev.ddbec.provider.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.provider.pkcs11.internal.TokenSlots;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token connection, key listing and generation against SoftHSM2. */
class Pkcs11TokenTest {
  private static SoftHsm hsm;
  private static Pkcs11Token token;

  @BeforeAll
  static void open() {
    hsm = SoftHsm.get();
    token = hsm.token();
  }

  @AfterAll
  static void close() {
    token.close();
  }

  @Test
  void build_tokenLabel_findsSlotWithoutInstallingTheProvider() {
    assertThat(token.tokenLabel()).contains(SoftHsm.TOKEN_LABEL);
    assertThat(Security.getProvider(token.provider().getName())).isNull();
    assertThat(Security.getProviders()).doesNotContain(token.provider());
    assertThat(TokenSlots.list(hsm.library()))
        .anySatisfy(s -> assertThat(s.label()).isEqualTo(SoftHsm.TOKEN_LABEL));
  }

  @Test
  void close_tokenUnusableAndNoProviderLeftInTheJceList() {
    Pkcs11Token t = hsm.token();
    String name = t.provider().getName();
    t.close();
    assertThat(Security.getProvider(name)).isNull();
    assertThatThrownBy(t::listKeys).isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void listKeys_fixtureKeys_reportTypeSizeExtractabilityAndUse() {
    Map<String, Pkcs11KeyInfo> keys =
        token.listKeys().stream()
            .collect(Collectors.toMap(Pkcs11KeyInfo::label, Function.identity()));
    assertThat(keys.get(SoftHsm.WRAP_AES))
        .isEqualTo(
            new Pkcs11KeyInfo(
                SoftHsm.WRAP_AES,
                "secret-key",
                "AES",
                OptionalInt.of(256),
                false,
                java.util.Set.of("wrapping")));
    assertThat(keys.get(SoftHsm.SIGN_HMAC).uses()).containsExactly("signing");
    assertThat(keys.get(SoftHsm.SIGN_HMAC).bits()).hasValue(256);
    assertThat(keys.get(SoftHsm.SIGN_HMAC).extractable()).isFalse();
    assertThat(keys.get(SoftHsm.WRAP_RSA).type()).isEqualTo("private-key");
    assertThat(keys.get(SoftHsm.WRAP_RSA).bits()).hasValue(2048);
    assertThat(keys.get(SoftHsm.WRAP_RSA).extractable()).isFalse();
    assertThat(keys.get(SoftHsm.X_WRAP_AES).extractable()).isTrue();
    assertThat(keys.get(SoftHsm.X_SIGN_HMAC).extractable()).isTrue();
    assertThat(keys.get(SoftHsm.X_WRAP_RSA).extractable()).isTrue();
  }

  @Test
  void generate_nonExtractableKeys_neverRevealKeyBytes() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS11", token.provider());
    ks.load(null, null);
    for (String label :
        List.of(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC, SoftHsm.WRAP_RSA, SoftHsm.SIGN_RSA)) {
      Key k = ks.getKey(label, null);
      assertThat(k).as(label).isNotNull();
      assertThat(k.getEncoded()).as(label).isNull();
      assertThat(k.getFormat()).as(label).isNull();
    }
    assertThat(ks.getKey(SoftHsm.X_WRAP_AES, null).getEncoded()).hasSize(32);
  }

  @Test
  void generate_existingLabel_throwsAndKeepsTheKey() {
    assertThatThrownBy(() -> token.generateAesKey(SoftHsm.WRAP_AES, 256, false))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("already exists");
    assertThat(token.listKeys()).extracting(Pkcs11KeyInfo::label).contains(SoftHsm.WRAP_AES);
  }

  @Test
  void generate_thenDelete_keyComesAndGoes() {
    Pkcs11KeyInfo info = token.generateAesKey("tmp-aes-128", 128, false);
    assertThat(info.bits()).hasValue(128);
    assertThat(token.deleteKey("tmp-aes-128")).isTrue();
    assertThat(token.listKeys()).extracting(Pkcs11KeyInfo::label).doesNotContain("tmp-aes-128");
    assertThat(token.deleteKey("tmp-aes-128")).isFalse();
  }

  @Test
  void generate_invalidSizes_throw() {
    assertThatThrownBy(() -> token.generateAesKey("bad", 100, false))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> token.generateHmacKey("bad", 64, false))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> token.generateRsaKeyPair("bad", 1024, false))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void build_unknownTokenLabel_throwsListingTheTokens() {
    assertThatThrownBy(() -> hsm.tokenBuilder().tokenLabel("nope").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining(SoftHsm.TOKEN_LABEL);
  }

  @Test
  void build_wrongPin_throwsWithoutThePin() {
    assertThatThrownBy(
            () ->
                hsm.tokenBuilder()
                    .tokenLabel(SoftHsm.OTHER_TOKEN_LABEL)
                    .pin("987654"::toCharArray)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("log in")
        .hasMessageNotContaining("987654");
  }

  @Test
  void build_contradictoryOrMissingOptions_throw() {
    assertThatThrownBy(() -> Pkcs11Token.builder().tokenLabel("x").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("library");
    assertThatThrownBy(() -> hsm.tokenBuilder().slot(1).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> hsm.tokenBuilder().providerName("SunJCE").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> Pkcs11Token.builder().providerName("NoSuchProvider").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("NoSuchProvider")
        .hasMessageContaining("SunJCE");
    assertThatThrownBy(
            () ->
                Pkcs11Token.builder()
                    .library(hsm.library())
                    .tokenLabel(SoftHsm.TOKEN_LABEL)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("PIN");
  }

  @Test
  void build_otherTokenLabel_selectsThatToken() {
    try (Pkcs11Token other =
        hsm.tokenBuilder()
            .tokenLabel(SoftHsm.OTHER_TOKEN_LABEL)
            .pin(SoftHsm.OTHER_PIN::toCharArray)
            .build()) {
      assertThat(other.tokenLabel()).contains(SoftHsm.OTHER_TOKEN_LABEL);
      assertThat(other.listKeys()).isEmpty();
    }
    // Closing the last connection to the other token leaves this one logged in.
    assertThat(token.listKeys()).extracting(Pkcs11KeyInfo::label).contains(SoftHsm.WRAP_AES);
  }

  @Test
  void close_oneOfTwoConnections_keepsTheOtherLoggedIn() {
    hsm.token().close();
    assertThat(token.listKeys()).extracting(Pkcs11KeyInfo::label).contains(SoftHsm.WRAP_AES);
  }

  @Test
  void build_slotId_sameTokenAsByLabel() {
    long slot = TokenSlots.find(hsm.library(), SoftHsm.TOKEN_LABEL);
    try (Pkcs11Token bySlot =
        Pkcs11Token.builder()
            .library(hsm.library())
            .slot(slot)
            .pin(SoftHsm.PIN::toCharArray)
            .build()) {
      assertThat(bySlot.tokenLabel()).contains(SoftHsm.TOKEN_LABEL);
      assertThat(bySlot.listKeys()).extracting(Pkcs11KeyInfo::label).contains(SoftHsm.WRAP_AES);
    }
  }

  /**
   * The code path for a JCE provider the application installed (AWS CloudHSM in production),
   * exercised with a SunPKCS11 instance installed by the test under its own name.
   */
  @Test
  void build_installedProviderByName_usesItsKeyStoreAndLogsIn() throws Exception {
    long slot = TokenSlots.find(hsm.library(), SoftHsm.TOKEN_LABEL);
    Provider p =
        Security.getProvider("SunPKCS11")
            .configure("--name = appInstalled\nlibrary = " + hsm.library() + "\nslot = " + slot);
    Security.addProvider(p);
    try (Pkcs11Token byName =
        Pkcs11Token.builder().providerName(p.getName()).pin(SoftHsm.PIN::toCharArray).build()) {
      assertThat(byName.provider()).isSameAs(p);
      assertThat(byName.listKeys()).extracting(Pkcs11KeyInfo::label).contains(SoftHsm.SIGN_HMAC);
      assertThatThrownBy(() -> byName.generateAesKey("nope", 256, false))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("HSM's own tools");
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding", p);
      c.init(
          Cipher.ENCRYPT_MODE,
          byName
              .findKey(
                  dev.ddbec.provider.pkcs11.internal.Pkcs11Uri.parse(SoftHsm.WRAP_AES, "k"), "k")
              .orElseThrow());
      assertThat(c.doFinal(new byte[16])).hasSize(16);
    } finally {
      Security.removeProvider(p.getName());
    }
    assertThat(Security.getProvider(p.getName())).isNull();
  }
}
