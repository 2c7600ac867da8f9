package dev.ddbec.provider.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.UnwrapOracleProbe;
import java.security.AuthProvider;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The PKCS#11 provider against SoftHSM2, through ddbec-core's ItemEncryptor. */
class Pkcs11MaterialsProviderTest {
  static final CryptoConfig CONFIG =
      CryptoConfig.of(
          SampleTable.context("HsmTable"),
          SampleTable.actions().toBuilder().action("year", CryptoAction.SIGN_ONLY).build());
  static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk", AttributeValue.fromS("isbn-1"),
          "title", AttributeValue.fromS("Secret Title"),
          "year", AttributeValue.fromN("1999"));

  private static SoftHsm hsm;
  private static Pkcs11MaterialsProvider aesHmac;
  private static Pkcs11MaterialsProvider rsaRsa;

  @BeforeAll
  static void open() {
    hsm = SoftHsm.get();
    aesHmac = provider(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC);
    rsaRsa = provider(SoftHsm.WRAP_RSA, SoftHsm.SIGN_RSA);
  }

  @AfterAll
  static void close() {
    aesHmac.close();
    rsaRsa.close();
  }

  static Pkcs11MaterialsProvider provider(String wrapping, String signing) {
    return builder(wrapping, signing).build();
  }

  /** A provider builder on the shared SoftHSM2 token with these wrapping and signing keys. */
  static Pkcs11MaterialsProvider.Builder builder(String wrapping, String signing) {
    return Pkcs11MaterialsProvider.builder()
        .token(SoftHsm.get().token())
        .wrappingKey(wrapping)
        .signingKey(signing);
  }

  static void roundTrip(ItemEncryptor encryptor) {
    Map<String, AttributeValue> stored = encryptor.encryptItem(ITEM, CONFIG);
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(encryptor.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void encryptionMaterials_aesWrappingKey_describesAesWrapOfA256BitKey() {
    EncryptionMaterials m = assertDescribes(aesHmac, "AESWrap", 40, "HmacSHA256");
    assertThat(m.encryptionKey().orElseThrow().getEncoded()).hasSize(32);
  }

  @Test
  void encryptionMaterials_rsaWrappingKey_describesOaepSha256() {
    assertDescribes(rsaRsa, "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", 256, "SHA256withRSA");
  }

  /**
   * The provider's encryption materials: an AES-256 content key wrapped with {@code wrapAlgorithm}
   * into {@code wrappedBytes}, signed with {@code signingAlgorithm}.
   */
  private static EncryptionMaterials assertDescribes(
      Pkcs11MaterialsProvider p, String wrapAlgorithm, int wrappedBytes, String signingAlgorithm) {
    EncryptionMaterials m = p.encryptionMaterials(CONFIG.context());
    assertThat(m.materialDescription())
        .containsEntry("amzn-ddb-env-alg", "AES/256")
        .containsEntry("amzn-ddb-wrap-alg", wrapAlgorithm);
    assertThat(Base64.getDecoder().decode(m.materialDescription().get("amzn-ddb-env-key")))
        .hasSize(wrappedBytes);
    assertThat(m.signingAlgorithm()).isEqualTo(signingAlgorithm);
    return m;
  }

  @ParameterizedTest
  @CsvSource({
    "wrap-aes, sign-hmac",
    "wrap-rsa, sign-rsa",
    "wrap-aes, sign-rsa",
    "wrap-rsa, sign-hmac"
  })
  void encryptItem_eachKeyCombination_roundTrips(String wrapping, String signing) {
    try (Pkcs11MaterialsProvider p = provider(wrapping, signing)) {
      roundTrip(ItemEncryptor.create(p));
    }
  }

  @Test
  void materials_tokenKeys_nonExtractableAndCarryTheTokenProvider() throws Exception {
    EncryptionMaterials hmac = aesHmac.encryptionMaterials(CONFIG.context());
    assertThat(hmac.signingKey().getEncoded()).isNull();
    assertThat(hmac.signingProvider()).containsSame(aesHmac.token().provider());
    Mac mac = Mac.getInstance(hmac.signingAlgorithm(), hmac.signingProvider().orElseThrow());
    mac.init(hmac.signingKey());
    assertThat(mac.doFinal(new byte[] {1, 2, 3})).hasSize(32);
    DecryptionMaterials hmacDec =
        aesHmac.decryptionMaterials(
            CONFIG.context().withMaterialDescription(hmac.materialDescription()));
    assertThat(hmacDec.signingProvider()).containsSame(aesHmac.token().provider());

    EncryptionMaterials rsa = rsaRsa.encryptionMaterials(CONFIG.context());
    assertThat(rsa.signingKey().getEncoded()).isNull();
    assertThat(rsa.signingProvider()).containsSame(rsaRsa.token().provider());
    Signature s =
        Signature.getInstance(rsa.signingAlgorithm(), rsa.signingProvider().orElseThrow());
    s.initSign((java.security.PrivateKey) rsa.signingKey());
    s.update(new byte[] {1});
    byte[] sig = s.sign();
    DecryptionMaterials dec =
        rsaRsa.decryptionMaterials(
            CONFIG.context().withMaterialDescription(rsa.materialDescription()));
    assertThat(dec.verificationKey()).isInstanceOf(RSAPublicKey.class);
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify((RSAPublicKey) dec.verificationKey());
    v.update(new byte[] {1});
    assertThat(v.verify(sig)).isTrue();
  }

  /** The one rule of FormatNames: every format key, not only the wrapped-key entries. */
  @Test
  void build_descriptionSetsTheSymModeKey_throwsInvalidConfiguration() {
    assertThatThrownBy(
            () ->
                builder(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC)
                    .materialDescription(Map.of("amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding"))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'amzn-ddb-map-sym-mode' is reserved");
  }

  @Test
  void encryptAndDecryptItem_tokenKeys_tokenProviderNeverInstalledProcessWide() {
    for (Pkcs11MaterialsProvider p : List.of(aesHmac, rsaRsa)) {
      roundTrip(ItemEncryptor.create(p));
      assertThat(java.security.Security.getProviders())
          .as(p.toString())
          .doesNotContain(p.token().provider())
          .noneMatch(installed -> installed.getName().equals(p.token().provider().getName()));
    }
  }

  @Test
  void encryptItem_afterSoftwareSigningOnTheSameThread_stillSignsOnTheToken() {
    byte[] k = new byte[32];
    WrappedMaterialsProvider software =
        WrappedMaterialsProvider.builder()
            .wrappingKey(new SecretKeySpec(k, "AES"))
            .hmacKey(new SecretKeySpec(k, "HmacSHA256"))
            .build();
    roundTrip(ItemEncryptor.create(software)); // caches JCA instances for software keys
    roundTrip(ItemEncryptor.create(aesHmac));
    roundTrip(ItemEncryptor.create(rsaRsa));
    roundTrip(ItemEncryptor.create(software));
  }

  @Test
  void provider_eightThreadsShareOneInstance_everyItemRoundTrips() throws Exception {
    for (Pkcs11MaterialsProvider p : List.of(aesHmac, rsaRsa)) {
      ItemEncryptor encryptor = ItemEncryptor.create(p);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 15; i++) {
                      Map<String, AttributeValue> item = new HashMap<>(ITEM);
                      item.put("title", AttributeValue.fromS("t" + thread + "-" + i));
                      Map<String, AttributeValue> stored = encryptor.encryptItem(item, CONFIG);
                      assertThat(encryptor.decryptItem(stored, CONFIG)).isEqualTo(item);
                    }
                    return thread;
                  }));
        }
        for (Future<Integer> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void encryptItem_tokenLoggedOut_logsInAgainOnceAndSucceeds() throws Exception {
    try (Pkcs11MaterialsProvider p = provider(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC)) {
      ItemEncryptor encryptor = ItemEncryptor.create(p);
      Map<String, AttributeValue> before = encryptor.encryptItem(ITEM, CONFIG);
      long generation = p.token().generation();
      ((AuthProvider) p.token().provider()).logout();
      roundTrip(encryptor);
      assertThat(encryptor.decryptItem(before, CONFIG)).isEqualTo(ITEM);
      assertThat(p.token().generation()).isEqualTo(generation + 1);
    }
  }

  @Test
  void decryptItem_rsaTokenLoggedOut_logsInAgainAndSucceeds() throws Exception {
    try (Pkcs11MaterialsProvider p = provider(SoftHsm.WRAP_RSA, SoftHsm.SIGN_HMAC)) {
      ItemEncryptor encryptor = ItemEncryptor.create(p);
      Map<String, AttributeValue> stored = encryptor.encryptItem(ITEM, CONFIG);
      ((AuthProvider) p.token().provider()).logout();
      assertThat(encryptor.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
      roundTrip(encryptor);
    }
  }

  @Test
  void encryptItem_rsaWrapWithSessionCheckInterval_failsRetryablyUntilRefresh() throws Exception {
    try (Pkcs11MaterialsProvider p =
        builder(SoftHsm.WRAP_RSA, SoftHsm.SIGN_HMAC)
            .sessionCheckInterval(java.time.Duration.ofHours(1))
            .build()) {
      ItemEncryptor encryptor = ItemEncryptor.create(p);
      roundTrip(encryptor);
      ((AuthProvider) p.token().provider()).logout();
      // Wrapping with the public key does not touch the token; the stale signing key fails in the
      // item encryptor, as a retryable error rather than a configuration error.
      assertThatThrownBy(() -> encryptor.encryptItem(ITEM, CONFIG))
          .isInstanceOf(MaterialsUnavailableException.class);
      p.refresh();
      roundTrip(encryptor);
    }
  }

  @Test
  void encryptItem_rsaWrapDefaultSessionCheck_recoversWithoutRefresh() throws Exception {
    try (Pkcs11MaterialsProvider p = provider(SoftHsm.WRAP_RSA, SoftHsm.SIGN_RSA)) {
      ItemEncryptor encryptor = ItemEncryptor.create(p);
      ((AuthProvider) p.token().provider()).logout();
      roundTrip(encryptor);
    }
  }

  @Test
  void refresh_afterLogout_restoresTheSigningKey() throws Exception {
    try (Pkcs11MaterialsProvider p = provider(SoftHsm.WRAP_RSA, SoftHsm.SIGN_RSA)) {
      ((AuthProvider) p.token().provider()).logout();
      p.refresh();
      roundTrip(ItemEncryptor.create(p));
    }
  }

  @Test
  void encryptionMaterials_keyGoneAfterRelogin_throwsMaterialsUnavailableWithoutPin()
      throws Exception {
    try (Pkcs11Token admin = hsm.token()) {
      admin.generateAesKey("tmp-gone", 256, false);
      Pkcs11MaterialsProvider p = provider("tmp-gone", SoftHsm.SIGN_HMAC);
      try {
        p.encryptionMaterials(CONFIG.context());
        admin.deleteKey("tmp-gone");
        ((AuthProvider) p.token().provider()).logout();
        assertThatThrownBy(() -> p.encryptionMaterials(CONFIG.context()))
            .isInstanceOf(MaterialsUnavailableException.class)
            .hasMessageContaining("ddbec")
            .hasMessageNotContaining(SoftHsm.PIN);
      } finally {
        p.close();
      }
    }
  }

  @Test
  void decryptionMaterials_tamperedWrappedKey_yieldsAnotherKeyOfTheSameLength() {
    for (Pkcs11MaterialsProvider p : List.of(aesHmac, rsaRsa)) {
      var enc = p.encryptionMaterials(CONFIG.context());
      Map<String, String> d = new HashMap<>(enc.materialDescription());
      byte[] wrapped = Base64.getDecoder().decode(d.get("amzn-ddb-env-key"));
      wrapped[wrapped.length / 2] ^= 1;
      d.put("amzn-ddb-env-key", Base64.getEncoder().encodeToString(wrapped));
      // Implicit rejection: no unwrap error; the item then fails at attribute decryption.
      byte[] key =
          p.decryptionMaterials(CONFIG.context().withMaterialDescription(d))
              .decryptionKey()
              .orElseThrow()
              .getEncoded();
      assertThat(key).hasSize(32).isNotEqualTo(enc.encryptionKey().orElseThrow().getEncoded());
    }
    Map<String, String> tooBig =
        new HashMap<>(rsaRsa.encryptionMaterials(CONFIG.context()).materialDescription());
    byte[] ff = new byte[256];
    java.util.Arrays.fill(ff, (byte) 0xff);
    tooBig.put("amzn-ddb-env-key", Base64.getEncoder().encodeToString(ff));
    assertThat(
            rsaRsa
                .decryptionMaterials(CONFIG.context().withMaterialDescription(tooBig))
                .decryptionKey()
                .orElseThrow()
                .getEncoded())
        .hasSize(32);
  }

  @Test
  void decryptionMaterials_wrongOrUnknownWrapAlgorithmOrNoKey_throws() {
    Map<String, String> d =
        new HashMap<>(aesHmac.encryptionMaterials(CONFIG.context()).materialDescription());
    d.put("amzn-ddb-wrap-alg", "RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    assertThatThrownBy(
            () -> aesHmac.decryptionMaterials(CONFIG.context().withMaterialDescription(d)))
        .isInstanceOf(ItemIntegrityException.class);
    d.put("amzn-ddb-wrap-alg", "AES/GCM/NoPadding");
    assertThatThrownBy(
            () -> aesHmac.decryptionMaterials(CONFIG.context().withMaterialDescription(d)))
        .isInstanceOf(UnsupportedFormatException.class);
    d.remove("amzn-ddb-env-key");
    assertThatThrownBy(
            () -> aesHmac.decryptionMaterials(CONFIG.context().withMaterialDescription(d)))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void decryptionMaterials_legacyPkcs1WithoutWrapAlgorithm_unwrapsOnTheToken() throws Exception {
    try (Pkcs11MaterialsProvider p =
        builder(SoftHsm.X_WRAP_RSA, SoftHsm.SIGN_HMAC).legacyPkcs1Unwrap(true).build()) {
      RSAPublicKey pub = p.token().publicKey(SoftHsm.X_WRAP_RSA).orElseThrow();
      byte[] contentKey = new byte[32];
      new java.security.SecureRandom().nextBytes(contentKey);
      Map<String, String> d = UnwrapOracleProbe.legacyPkcs1Description(pub, contentKey);
      DecryptionMaterials m = p.decryptionMaterials(CONFIG.context().withMaterialDescription(d));
      assertThat(m.decryptionKey().orElseThrow().getEncoded()).isEqualTo(contentKey);
    }
  }

  @Test
  void build_badKeyReferences_throwInvalidConfiguration() {
    assertThatThrownBy(() -> provider("no-such-key", SoftHsm.SIGN_HMAC))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no-such-key")
        .hasMessageContaining(SoftHsm.WRAP_AES);
    assertThatThrownBy(() -> provider(SoftHsm.SIGN_HMAC, SoftHsm.SIGN_HMAC))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Wrapping key");
    assertThatThrownBy(() -> provider(SoftHsm.WRAP_AES, SoftHsm.WRAP_AES))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Signing key");
    assertThatThrownBy(
            () ->
                provider(
                    "pkcs11:object=" + SoftHsm.WRAP_AES + ";type=private-key", SoftHsm.SIGN_HMAC))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("secret-key");
    assertThatThrownBy(() -> provider("pkcs11:token=elsewhere;object=wrap-aes", SoftHsm.SIGN_HMAC))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("elsewhere");
    assertThatThrownBy(
            () ->
                Pkcs11MaterialsProvider.builder()
                    .token(hsm.token())
                    .wrappingKey(SoftHsm.WRAP_AES)
                    .signingKey(SoftHsm.SIGN_HMAC)
                    .signingAlgorithm("SHA256withRSA")
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                Pkcs11MaterialsProvider.builder()
                    .token(hsm.token())
                    .wrappingKey(SoftHsm.WRAP_RSA)
                    .wrappingPublicKey(hsm.token().publicKey(SoftHsm.SIGN_RSA).orElseThrow())
                    .signingKey(SoftHsm.SIGN_HMAC)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void build_rfc7512Uris_resolveLikeLabels() {
    try (Pkcs11MaterialsProvider p =
        provider(
            "pkcs11:token=ddbec;object=wrap-aes;type=secret-key",
            "pkcs11:token=ddbec;object=sign%2Dhmac")) {
      roundTrip(ItemEncryptor.create(p));
      assertThat(p.toString()).contains("wrap-aes", "sign-hmac").doesNotContain(SoftHsm.PIN);
    }
  }

  @Test
  void close_thenUse_throwsInvalidConfiguration() {
    Pkcs11MaterialsProvider p = provider(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC);
    p.close();
    assertThatThrownBy(() -> p.encryptionMaterials(CONFIG.context()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("closed");
  }
}
