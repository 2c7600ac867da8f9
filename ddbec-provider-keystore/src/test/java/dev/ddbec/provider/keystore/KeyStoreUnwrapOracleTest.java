package dev.ddbec.provider.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.CountingRsaPrivateKey;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.UnwrapOracleProbe;
import dev.ddbec.testing.UnwrapOracleProbe.EnvKeyClass;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreSpi;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The KeyStore provider is no unwrap oracle: rewriting the (unsigned) wrapped content key of a
 * validly signed item gives the same failure whatever the RSA key makes of it, and PKCS#1 v1.5
 * items are refused without touching the private key unless the legacy opt-in is set.
 */
class KeyStoreUnwrapOracleTest {
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(SampleTable.context("Secrets"), SampleTable.actions());
  private static final Map<String, AttributeValue> ITEM = SampleTable.item("k", "attack at dawn");

  /**
   * A key store holding entries in memory, so that the encryption entry can be a key that counts
   * its uses (a file-backed store would re-encode it). Real JDK KeyStore API otherwise.
   */
  private static final class MemoryKeyStoreSpi extends KeyStoreSpi {
    private final Map<String, Object[]> entries = new HashMap<>();

    @Override
    public Key engineGetKey(String alias, char[] password) {
      Object[] e = entries.get(alias);
      return e == null ? null : (Key) e[0];
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
      Object[] e = entries.get(alias);
      return e == null ? null : ((Certificate[]) e[1]).clone();
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
      Certificate[] chain = engineGetCertificateChain(alias);
      return chain == null ? null : chain[0];
    }

    @Override
    public Date engineGetCreationDate(String alias) {
      return new Date();
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
      entries.put(alias, new Object[] {key, chain.clone()});
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void engineDeleteEntry(String alias) {
      entries.remove(alias);
    }

    @Override
    public Enumeration<String> engineAliases() {
      return Collections.enumeration(entries.keySet());
    }

    @Override
    public boolean engineContainsAlias(String alias) {
      return entries.containsKey(alias);
    }

    @Override
    public int engineSize() {
      return entries.size();
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
      return entries.containsKey(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
      return false;
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
      return null;
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void engineLoad(InputStream stream, char[] password) {}
  }

  private static KeyStore memoryStore(PrivateKey encryptionKey) throws Exception {
    KeyStore ks = new KeyStore(new MemoryKeyStoreSpi(), null, "memory") {};
    ks.load(null, null);
    ks.setKeyEntry(
        TestKeyStores.ENC,
        encryptionKey,
        null,
        new Certificate[] {TestKeyStores.cert(TestKeyStores.RSA_A)});
    ks.setKeyEntry(
        TestKeyStores.SIG,
        TestKeyStores.RSA_B.getPrivate(),
        null,
        new Certificate[] {TestKeyStores.cert(TestKeyStores.RSA_B)});
    return ks;
  }

  private static KeyStoreMaterialsProvider provider(KeyStore ks, boolean legacy) {
    return KeyStoreMaterialsProvider.builder()
        .keyStore(ks)
        .encryptionAlias(TestKeyStores.ENC)
        .signingAlias(TestKeyStores.SIG)
        .encryptionEntryPassword(TestKeyStores.PASSWORD::clone)
        .signingEntryPassword(TestKeyStores.PASSWORD::clone)
        .legacyPkcs1Unwrap(legacy)
        .build();
  }

  private static Map<EnvKeyClass, String> probe(
      KeyStoreMaterialsProvider p, String wrapAlg, boolean nameIt) {
    ItemEncryptor encryptor = ItemEncryptor.create(p);
    return UnwrapOracleProbe.roundTripThenOutcomes(
        ITEM,
        item -> encryptor.encryptItem(item, CONFIG),
        item -> encryptor.decryptItem(item, CONFIG),
        (RSAPublicKey) TestKeyStores.RSA_A.getPublic(),
        wrapAlg,
        nameIt);
  }

  private static CountingRsaPrivateKey countingKey() {
    return new CountingRsaPrivateKey((RSAPrivateCrtKey) TestKeyStores.RSA_A.getPrivate());
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeys_failIdenticallyWithoutRsaOperation() throws Exception {
    CountingRsaPrivateKey key = countingKey();
    KeyStoreMaterialsProvider p = provider(memoryStore(key), false);
    Map<EnvKeyClass, String> named = probe(p, UnwrapOracleProbe.PKCS1, true);
    int roundTrip = key.uses();
    Map<EnvKeyClass, String> unnamed = probe(p, UnwrapOracleProbe.PKCS1, false);

    String first = UnwrapOracleProbe.assertIndistinguishable(named, unnamed);
    assertThat(first)
        .startsWith(ItemIntegrityException.class.getName())
        .contains("legacy-pkcs1-unwrap=true");
    assertThat(key.uses()).isEqualTo(2 * roundTrip).isPositive();
  }

  @Test
  void decryptItem_forgedPkcs1EnvKeysWithOptIn_failIdentically() throws Exception {
    CountingRsaPrivateKey key = countingKey();
    KeyStoreMaterialsProvider p = provider(memoryStore(key), true);
    Map<EnvKeyClass, String> named = probe(p, UnwrapOracleProbe.PKCS1, true);
    Map<EnvKeyClass, String> unnamed = probe(p, UnwrapOracleProbe.PKCS1, false);

    String first = UnwrapOracleProbe.assertIndistinguishable(named, unnamed);
    assertThat(first).contains("Could not decrypt attribute 'secret'");
    assertThat(key.uses()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void decryptItem_forgedOaepEnvKeys_failIdentically() throws Exception {
    Map<EnvKeyClass, String> outcomes =
        probe(provider(memoryStore(countingKey()), false), UnwrapOracleProbe.OAEP_SHA256, true);
    assertThat(UnwrapOracleProbe.assertIndistinguishable(outcomes))
        .contains("Could not decrypt attribute 'secret'");
  }

  @Test
  void build_oneRsaKeyForEncryptionAndSigning_throwsUnlessLegacyShared(@TempDir Path dir)
      throws Exception {
    KeyStore ks = TestKeyStores.empty("PKCS12");
    TestKeyStores.putPair(ks, TestKeyStores.ENC, TestKeyStores.RSA_A, TestKeyStores.PASSWORD);
    TestKeyStores.putPair(ks, TestKeyStores.SIG, TestKeyStores.RSA_A, TestKeyStores.PASSWORD);
    Path file = TestKeyStores.write(ks, dir.resolve("shared.p12"));
    assertThatThrownBy(() -> TestKeyStores.provider(file, "PKCS12").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    assertThatThrownBy(
            () -> TestKeyStores.provider(file, "PKCS12").signingAlias(TestKeyStores.ENC).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    assertThat(TestKeyStores.provider(file, "PKCS12").legacySharedRsaKey(true).build()).isNotNull();

    Map<String, String> options = new HashMap<>();
    options.put("provider", "keystore");
    options.put("path", file.toString());
    Path pw =
        java.nio.file.Files.writeString(dir.resolve("pw"), new String(TestKeyStores.PASSWORD));
    options.put("password", "file:" + pw);
    options.put("encryption-alias", TestKeyStores.ENC);
    options.put("signing-alias", TestKeyStores.SIG);
    assertThatThrownBy(() -> MaterialsProviders.load(options))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("same RSA key");
    options.put("legacy-shared-rsa-key", "true");
    options.put("legacy-pkcs1-unwrap", "true");
    options.put("accepted-signing-algorithms", "SHA384withRSA");
    assertThat(MaterialsProviders.load(options).toString()).contains("legacy PKCS#1 v1.5 unwrap");
  }

  @Test
  void decryptItem_itemNamesAnotherSigningAlgorithm_refusedUnlessAccepted() throws Exception {
    KeyStore ks = memoryStore(TestKeyStores.RSA_A.getPrivate());
    // The item says it was signed with SHA384withRSA; the provider verifies with SHA256withRSA.
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(provider(ks, false)).encryptItem(ITEM, CONFIG);
    Map<String, AttributeValue> relabelled = new HashMap<>(stored);
    assertThatThrownBy(
            () ->
                ItemEncryptor.create(provider(ks, false))
                    .decryptItem(withSigningAlg(relabelled, "SHA384withRSA"), CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("accepts only [SHA256withRSA]");
    KeyStoreMaterialsProvider accepting =
        KeyStoreMaterialsProvider.builder()
            .keyStore(ks)
            .encryptionAlias(TestKeyStores.ENC)
            .signingAlias(TestKeyStores.SIG)
            .encryptionEntryPassword(TestKeyStores.PASSWORD::clone)
            .signingEntryPassword(TestKeyStores.PASSWORD::clone)
            .acceptedSigningAlgorithms(List.of("SHA384withRSA"))
            .build();
    // Accepted: verification then runs with SHA384withRSA, and fails on this SHA-256 signature.
    assertThatThrownBy(
            () ->
                ItemEncryptor.create(accepting)
                    .decryptItem(withSigningAlg(relabelled, "SHA384withRSA"), CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("Signature verification failed");
  }

  private static Map<String, AttributeValue> withSigningAlg(
      Map<String, AttributeValue> stored, String alg) {
    // The description is not signed: rewriting its signingAlg keeps the signature valid.
    byte[] d = stored.get("*amzn-ddb-map-desc*").b().asByteArray();
    String text = new String(d, java.nio.charset.StandardCharsets.ISO_8859_1);
    String replaced = text.replace("SHA256withRSA", alg);
    assertThat(replaced).isNotEqualTo(text);
    Map<String, AttributeValue> out = new HashMap<>(stored);
    out.put(
        "*amzn-ddb-map-desc*",
        AttributeValue.fromB(
            software.amazon.awssdk.core.SdkBytes.fromByteArray(
                replaced.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    return out;
  }
}
