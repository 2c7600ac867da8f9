package dev.ddbec.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.CountingRsaPrivateKey;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.TestKeys;
import dev.ddbec.testing.UnwrapOracleProbe;
import dev.ddbec.testing.UnwrapOracleProbe.EnvKeyClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The wrapped provider is no unwrap oracle: an attacker who rewrites the (unsigned) wrapped content
 * key of a validly signed item learns nothing from how decryption fails.
 */
class WrappedUnwrapOracleTest {
  private static final KeyPair WRAP = TestKeys.rsa();
  private static final KeyPair SIGN = TestKeys.rsa();
  private static final SecretKey HMAC = new SecretKeySpec(new byte[32], "HmacSHA256");
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("Secrets"), SampleTable.actions());
  private static final Map<String, AttributeValue> ITEM = SampleTable.item("k", "attack at dawn");

  private static WrappedMaterialsProvider provider(CountingRsaPrivateKey key, boolean legacy) {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(WRAP.getPublic())
        .unwrappingKey(key)
        .hmacKey(HMAC)
        .legacyPkcs1Unwrap(legacy)
        .build();
  }

  private static Map<EnvKeyClass, String> probe(
      MaterialsProvider p, String wrapAlg, boolean nameIt) {
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    return UnwrapOracleProbe.roundTripThenOutcomes(
        ITEM,
        item -> encryptor.encryptItem(item, CONFIG),
        item -> encryptor.decryptItem(item, CONFIG),
        (RSAPublicKey) WRAP.getPublic(),
        wrapAlg,
        nameIt);
  }

  private static CountingRsaPrivateKey countingKey() {
    return new CountingRsaPrivateKey((RSAPrivateCrtKey) WRAP.getPrivate());
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeys_failIdenticallyWithoutRsaOperation() {
    CountingRsaPrivateKey key = countingKey();
    WrappedMaterialsProvider p = provider(key, false);
    Map<EnvKeyClass, String> named = probe(p, UnwrapOracleProbe.PKCS1, true);
    int afterRoundTrip = key.uses();
    Map<EnvKeyClass, String> unnamed = probe(p, UnwrapOracleProbe.PKCS1, false);

    assertThat(UnwrapOracleProbe.assertIndistinguishable(named, unnamed))
        .startsWith(ItemIntegrityException.class.getName())
        .contains("legacy-pkcs1-unwrap=true");
    // The round trips of the two probes are the only RSA operations (one each).
    assertThat(key.uses()).isEqualTo(2 * afterRoundTrip).isPositive();
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeysWithOptIn_failIdentically() {
    CountingRsaPrivateKey key = countingKey();
    Map<EnvKeyClass, String> named = probe(provider(key, true), UnwrapOracleProbe.PKCS1, true);
    Map<EnvKeyClass, String> unnamed = probe(provider(key, true), UnwrapOracleProbe.PKCS1, false);

    String first = UnwrapOracleProbe.assertIndistinguishable(named, unnamed);
    assertThat(first)
        .startsWith(ItemIntegrityException.class.getName())
        .contains("Could not decrypt attribute 'secret'");
    assertThat(key.uses()).isGreaterThanOrEqualTo(8); // the forged keys did reach the RSA key
  }

  @Test
  void decryptItem_forgedOaepEnvKeys_failIdentically() {
    Map<EnvKeyClass, String> outcomes =
        probe(provider(countingKey(), false), UnwrapOracleProbe.OAEP_SHA256, true);
    assertThat(UnwrapOracleProbe.assertIndistinguishable(outcomes))
        .contains("Could not decrypt attribute 'secret'");
  }

  @Test
  void build_oneRsaKeyWrapsAndSigns_throwsUnlessLegacyShared() {
    assertThatThrownBy(
            () ->
                WrappedMaterialsProvider.builder()
                    .wrappingKeyPair(WRAP)
                    .signingKeyPair(WRAP)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    assertThatThrownBy(
            () ->
                WrappedMaterialsProvider.builder()
                    .unwrappingKey(WRAP.getPrivate())
                    .verificationKey(WRAP.getPublic())
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(
            WrappedMaterialsProvider.builder()
                .wrappingKeyPair(WRAP)
                .signingKeyPair(WRAP)
                .legacySharedRsaKey(true)
                .build())
        .isNotNull();
  }

  @Test
  void decryptItem_itemNamesAnotherSigningAlgorithm_refusedUnlessAccepted() {
    MaterialsProvider writer =
        WrappedMaterialsProvider.builder()
            .wrappingKeyPair(WRAP)
            .signingKeyPair(SIGN)
            .signingAlgorithm("SHA384withRSA")
            .build();
    Map<String, AttributeValue> stored = ItemEncryptor.create(writer).encryptItem(ITEM, CONFIG);

    MaterialsProvider strict =
        WrappedMaterialsProvider.builder().wrappingKeyPair(WRAP).signingKeyPair(SIGN).build();
    assertThatThrownBy(() -> ItemEncryptor.create(strict).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("SHA384withRSA")
        .hasMessageContaining("accepts only [SHA256withRSA]");

    MaterialsProvider accepting =
        WrappedMaterialsProvider.builder()
            .wrappingKeyPair(WRAP)
            .signingKeyPair(SIGN)
            .acceptedSigningAlgorithms(List.of("SHA384withRSA"))
            .build();
    assertThat(ItemEncryptor.create(accepting).decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void factory_legacyOptionsAndAcceptedAlgorithms_areRead(@TempDir Path dir) throws Exception {
    Path priv = Files.write(dir.resolve("wrap.pk8"), WRAP.getPrivate().getEncoded());
    Path pub = Files.write(dir.resolve("wrap.x509"), WRAP.getPublic().getEncoded());
    Path hmac = Files.write(dir.resolve("sign.hmac"), HMAC.getEncoded());
    Map<String, String> base =
        Map.of(
            "provider", "wrapped",
            "wrapping-public-key", "file:" + pub,
            "unwrapping-private-key", "file:" + priv,
            "signing-key", "file:" + hmac);
    assertThat(MaterialsProviders.load(base).toString()).doesNotContain("legacy");
    Map<String, String> legacy = new java.util.HashMap<>(base);
    legacy.put("legacy-pkcs1-unwrap", "true");
    legacy.put("accepted-signing-algorithms", "HmacSHA512");
    assertThat(MaterialsProviders.load(legacy).toString()).contains("legacy PKCS#1 v1.5 unwrap");

    Path signPriv = Files.write(dir.resolve("sign.pk8"), WRAP.getPrivate().getEncoded());
    Path signPub = Files.write(dir.resolve("sign.x509"), WRAP.getPublic().getEncoded());
    Map<String, String> shared = new java.util.HashMap<>(base);
    shared.remove("signing-key");
    shared.put("signing-private-key", "file:" + signPriv);
    shared.put("signing-public-key", "file:" + signPub);
    assertThatThrownBy(() -> MaterialsProviders.load(shared))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    shared.put("legacy-shared-rsa-key", "true");
    assertThat(MaterialsProviders.load(shared)).isNotNull();
  }
}
