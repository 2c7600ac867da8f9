package dev.ddbec.provider.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.ProviderFactoryContract;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeyStoreMaterialsProviderFactoryTest implements ProviderFactoryContract {
  @Override
  public Declared declared() {
    return new Declared(
        Map.of(
            "keystore",
            "accepted-signing-algorithms description.* encryption-alias "
                + "encryption-entry-password legacy-pkcs1-unwrap legacy-shared-rsa-key "
                + "password path signing-alias signing-entry-password type"),
        List.of(KeyStoreMaterialsProviderFactory.class));
  }

  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("T"), SampleTable.actions());
  private static final Map<String, AttributeValue> ITEM = SampleTable.item("k", "v");
  private static final List<MaterialsProviderFactory> FACTORIES =
      List.of(new KeyStoreMaterialsProviderFactory());

  @TempDir Path dir;

  @Test
  void load_passwordFile_roundTripsAndWritesDescriptionEntries() throws Exception {
    Path ks = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, new String(TestKeyStores.PASSWORD) + "\n");
    Map<String, String> o = options(ks, "file:" + pw);
    o.put("description.app", "books");

    MaterialsProvider p = MaterialsProviders.load(o, FACTORIES, v -> null);

    assertThat(p).isInstanceOf(KeyStoreMaterialsProvider.class);
    assertThat(p.encryptionMaterials(CONFIG.context()).materialDescription())
        .containsEntry("app", "books");
    ItemEncryptor e = ItemEncryptor.create(p);
    assertThat(e.decryptItem(e.encryptItem(ITEM, CONFIG), CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void load_passwordEnvAndJceksType_roundTrips() throws Exception {
    Path ks = TestKeyStores.rsa(dir.resolve("ks.jceks"), "JCEKS");
    Map<String, String> o = options(ks, "env:KS_PASSWORD");
    o.put("type", "JCEKS");

    MaterialsProvider p =
        MaterialsProviders.load(
            o, FACTORIES, v -> v.equals("KS_PASSWORD") ? new String(TestKeyStores.PASSWORD) : null);

    ItemEncryptor e = ItemEncryptor.create(p);
    assertThat(e.decryptItem(e.encryptItem(ITEM, CONFIG), CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void load_entryPasswords_areUsedForTheirEntries() throws Exception {
    java.security.KeyStore store = TestKeyStores.empty("JCEKS");
    TestKeyStores.putSecret(store, "enc", TestKeys.aes256(), "e-pw".toCharArray());
    TestKeyStores.putSecret(store, "sig", TestKeys.hmacSha256(), "s-pw".toCharArray());
    Path ks = TestKeyStores.write(store, dir.resolve("ks.jceks"));
    Map<String, String> o = options(ks, "env:KS");
    o.put("type", "JCEKS");
    o.put("encryption-entry-password", "env:ENC");
    o.put("signing-entry-password", "env:SIG");
    Map<String, String> env =
        Map.of("KS", new String(TestKeyStores.PASSWORD), "ENC", "e-pw", "SIG", "s-pw");

    MaterialsProvider p = MaterialsProviders.load(o, FACTORIES, env::get);

    ItemEncryptor e = ItemEncryptor.create(p);
    assertThat(e.decryptItem(e.encryptItem(ITEM, CONFIG), CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void load_inlinePassword_throwsWithoutEchoingIt() throws Exception {
    Path ks = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    assertThatThrownBy(
            () -> MaterialsProviders.load(options(ks, "Inline-Secret-9"), FACTORIES, v -> null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'password'")
        .hasMessageNotContaining("Inline-Secret-9");
  }

  @Test
  void load_wrongPasswordFromEnv_throwsWithoutThePassword() throws Exception {
    Path ks = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    options(ks, "env:KS"), FACTORIES, v -> "Not-The-Password-7"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("password is wrong")
        .hasMessageNotContaining("Not-The-Password-7");
  }

  @Test
  void load_missingAliasOrUnknownOption_throwsNamingTheOption() throws Exception {
    Path ks = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    Map<String, String> noAlias = options(ks, "env:KS");
    noAlias.remove("signing-alias");
    assertThatThrownBy(() -> MaterialsProviders.load(noAlias, FACTORIES, v -> "x"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'signing-alias'");
    Map<String, String> typo = options(ks, "env:KS");
    typo.put("store-type", "PKCS12");
    assertThatThrownBy(() -> MaterialsProviders.load(typo, FACTORIES, v -> "x"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("[store-type]")
        .hasMessageContaining("encryption-entry-password");
  }

  private static Map<String, String> options(Path ks, String password) {
    Map<String, String> o = new HashMap<>();
    o.put("provider", "keystore");
    o.put("path", ks.toString());
    o.put("password", password);
    o.put("encryption-alias", TestKeyStores.ENC);
    o.put("signing-alias", TestKeyStores.SIG);
    return o;
  }
}
