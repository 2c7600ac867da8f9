package dev.ddbec.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.metastore.MostRecentMaterialsProviderFactory;
import dev.ddbec.testing.ProviderFactoryContract;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProviderFactoriesTest implements ProviderFactoryContract {
  @Override
  public Declared declared() {
    return new Declared(
        Map.of(
            "static",
            "accepted-signing-algorithms description.* encryption-key "
                + "signing-algorithm signing-key signing-private-key signing-public-key",
            "wrapped",
            "accepted-signing-algorithms description.* legacy-pkcs1-unwrap "
                + "legacy-shared-rsa-key signing-algorithm signing-key "
                + "signing-private-key signing-public-key unwrapping-private-key "
                + "wrapping-key wrapping-public-key",
            "most-recent",
            "endpoint material-name max-cache-size max-version-gap meta.* "
                + "min-version region table ttl"),
        List.of(
            MostRecentMaterialsProviderFactory.class,
            StaticMaterialsProviderFactory.class,
            WrappedMaterialsProviderFactory.class));
  }

  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("T"), SampleTable.actions());
  private static final Map<String, AttributeValue> ITEM = SampleTable.item("k", "v");

  /** The static provider with an AES key, the wrapped one with an AES wrapping key. */
  @ParameterizedTest(name = "{0}: {1} of {2} bytes and an HMAC signing-key")
  @CsvSource({"static, encryption-key, 16", "wrapped, wrapping-key, 32"})
  void factory_aesAndHmacKeyFiles_roundTrips(
      String provider, String keyOption, int keyLength, @TempDir Path dir) throws Exception {
    MaterialsProvider p =
        MaterialsProviders.load(
            Map.of(
                "provider",
                provider,
                keyOption,
                "file:" + write(dir, "key", keyLength),
                "signing-key",
                "file:" + write(dir, "sig", 32)));
    roundTrip(p);
  }

  @Test
  void wrappedFactory_rsaDerFiles_roundTrips(@TempDir Path dir) throws Exception {
    KeyPair wrap = TestKeys.rsa();
    KeyPair sign = TestKeys.rsa();
    Map<String, String> o = new HashMap<>();
    o.put("provider", "wrapped");
    o.put("wrapping-public-key", "file:" + der(dir, "wpub", wrap.getPublic().getEncoded()));
    o.put("unwrapping-private-key", "file:" + der(dir, "wpriv", wrap.getPrivate().getEncoded()));
    o.put("signing-public-key", "file:" + der(dir, "spub", sign.getPublic().getEncoded()));
    o.put("signing-private-key", "file:" + der(dir, "spriv", sign.getPrivate().getEncoded()));
    roundTrip(MaterialsProviders.load(o));
  }

  @Test
  void wrappedFactory_aesKeyOfWrongLength_throwsNamingOption(@TempDir Path dir) throws Exception {
    Path k = write(dir, "wrap", 7);
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    Map.of(
                        "provider",
                        "wrapped",
                        "wrapping-key",
                        "file:" + k,
                        "signing-key",
                        "file:" + k)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("wrapping-key")
        .hasMessageContaining("16, 24 or 32");
  }

  @Test
  void wrappedFactory_noSigningKey_throwsMissingOption(@TempDir Path dir) throws Exception {
    Path k = write(dir, "wrap", 32);
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(Map.of("provider", "wrapped", "wrapping-key", "file:" + k)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("signing-key");
  }

  @Test
  void staticFactory_otherSigningKeyOnDecrypt_failsIntegrity(@TempDir Path dir) throws Exception {
    Path enc = write(dir, "enc", 16);
    MaterialsProvider a = staticProvider(enc, write(dir, "s1", 32));
    MaterialsProvider b = staticProvider(enc, write(dir, "s2", 32));
    Map<String, AttributeValue> stored = ItemEncryptor.create(a).encryptItem(ITEM, CONFIG);
    assertThatThrownBy(() -> ItemEncryptor.create(b).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }

  private static MaterialsProvider staticProvider(Path encryptionKey, Path signingKey) {
    return MaterialsProviders.load(
        Map.of(
            "provider", "static",
            "encryption-key", "file:" + encryptionKey,
            "signing-key", "file:" + signingKey));
  }

  private static void roundTrip(MaterialsProvider p) {
    ItemEncryptor e = ItemEncryptor.create(p);
    Map<String, AttributeValue> stored = e.encryptItem(ITEM, CONFIG);
    assertThat(stored.get("secret").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(e.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void staticFactory_acceptedSigningAlgorithms_readAndCheckedAgainstTheKey(@TempDir Path dir)
      throws Exception {
    Map<String, String> options = new HashMap<>();
    options.put("provider", "static");
    options.put("encryption-key", "file:" + write(dir, "enc", 16));
    options.put("signing-key", "file:" + write(dir, "sig", 32));
    options.put("accepted-signing-algorithms", "HmacSHA384, HmacSHA512");
    MaterialsProvider p = MaterialsProviders.load(options);
    EncryptionContext ctx = CONFIG.context().withMaterialDescription(Map.of());
    assertThat(p.decryptionMaterials(ctx).acceptedSigningAlgorithms())
        .containsExactlyInAnyOrder("HmacSHA256", "HmacSHA384", "HmacSHA512");
    options.put("accepted-signing-algorithms", "SHA256withRSA");
    assertThatThrownBy(() -> MaterialsProviders.load(options))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  private static Path write(Path dir, String name, int length) throws Exception {
    byte[] b = new byte[length];
    new SecureRandom().nextBytes(b);
    return der(dir, name, b);
  }

  private static Path der(Path dir, String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }
}
