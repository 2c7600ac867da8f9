package dev.ddbec.provider.keystore;

import static dev.ddbec.provider.keystore.TestKeyStores.ENC;
import static dev.ddbec.provider.keystore.TestKeyStores.PASSWORD;
import static dev.ddbec.provider.keystore.TestKeyStores.RSA_A;
import static dev.ddbec.provider.keystore.TestKeyStores.RSA_B;
import static dev.ddbec.provider.keystore.TestKeyStores.SIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.TestKeys;
import dev.ddbec.testing.UnwrapOracleProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeyStoreMaterialsProviderTest {
  private static final EncryptionContext CONTEXT = SampleTable.context("Books");
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(
          CONTEXT,
          AttributeActions.builder()
              .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
              .action("genre", CryptoAction.SIGN_ONLY)
              .build()
              .withIndexKeys("pk"));
  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk", AttributeValue.fromS("isbn-1"),
          "title", AttributeValue.fromS("secret title"),
          "pages", AttributeValue.fromN("321"),
          "genre", AttributeValue.fromS("sf"),
          "cover", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));

  @TempDir Path dir;

  // ---------------------------------------------------------------------------------------------
  // Round trips
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PKCS12", "JCEKS"})
  void encryptThenDecrypt_symmetricEntries_roundTripsWithStaticKey(String type) throws Exception {
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(TestKeyStores.symmetric(dir.resolve("ks"), type), type).build();
    ItemEncryptor e = ItemEncryptor.create(p);

    Map<String, AttributeValue> stored = e.encryptItem(ITEM, CONFIG);

    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("genre")).isEqualTo(ITEM.get("genre"));
    assertThat(description(stored))
        .doesNotContainKeys("amzn-ddb-env-key", "amzn-ddb-wrap-alg")
        .containsEntry("amzn-ddb-map-signingAlg", "HmacSHA256");
    assertThat(e.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
    // Static materials: the same key for every item.
    assertThat(p.encryptionMaterials(CONTEXT).encryptionKey())
        .isEqualTo(p.encryptionMaterials(CONTEXT).encryptionKey());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PKCS12", "JCEKS"})
  void encryptThenDecrypt_rsaKeyPairs_roundTripsWithWrappedContentKeyPerItem(String type)
      throws Exception {
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(TestKeyStores.rsa(dir.resolve("ks"), type), type).build();
    ItemEncryptor e = ItemEncryptor.create(p);

    Map<String, AttributeValue> first = e.encryptItem(ITEM, CONFIG);
    Map<String, AttributeValue> second = e.encryptItem(ITEM, CONFIG);

    Map<String, String> d = description(first);
    assertThat(d)
        .containsEntry("amzn-ddb-env-alg", "AES/256")
        .containsEntry("amzn-ddb-wrap-alg", "RSA/ECB/OAEPWithSHA-256AndMGF1Padding")
        .containsEntry("amzn-ddb-map-signingAlg", "SHA256withRSA")
        .containsKey("amzn-ddb-env-key");
    assertThat(d.get("amzn-ddb-env-key")).isNotEqualTo(description(second).get("amzn-ddb-env-key"));
    assertThat(e.decryptItem(first, CONFIG)).isEqualTo(ITEM);
    assertThat(e.decryptItem(second, CONFIG)).isEqualTo(ITEM);
  }

  @ParameterizedTest(name = "encryption {0}, signing {1}")
  @CsvSource({"aes,rsa", "rsa,hmac"})
  void encryptThenDecrypt_mixedEntryKinds_roundTrips(String enc, String sig) throws Exception {
    KeyStore ks = TestKeyStores.empty("PKCS12");
    if (enc.equals("aes")) {
      TestKeyStores.putSecret(ks, ENC, TestKeys.aes256(), PASSWORD);
    } else {
      TestKeyStores.putPair(ks, ENC, RSA_A, PASSWORD);
    }
    if (sig.equals("hmac")) {
      TestKeyStores.putSecret(ks, SIG, TestKeys.hmacSha256(), PASSWORD);
    } else {
      TestKeyStores.putPair(ks, SIG, RSA_B, PASSWORD);
    }
    Path file = TestKeyStores.write(ks, dir.resolve("ks.p12"));
    ItemEncryptor e = ItemEncryptor.create(TestKeyStores.provider(file, "PKCS12").build());

    assertThat(e.decryptItem(e.encryptItem(ITEM, CONFIG), CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void encryptThenDecrypt_keyStoreInstanceWithOwnEntryPasswords_roundTrips() throws Exception {
    KeyStore ks = TestKeyStores.empty("JCEKS");
    TestKeyStores.putSecret(ks, ENC, TestKeys.aes256(), "enc-pw".toCharArray());
    TestKeyStores.putSecret(ks, SIG, TestKeys.hmacSha256(), "sig-pw".toCharArray());
    KeyStoreMaterialsProvider p =
        KeyStoreMaterialsProvider.builder()
            .keyStore(ks)
            .encryptionAlias(ENC)
            .signingAlias(SIG)
            .encryptionEntryPassword("enc-pw"::toCharArray)
            .signingEntryPassword("sig-pw"::toCharArray)
            .build();
    ItemEncryptor e = ItemEncryptor.create(p);

    assertThat(e.decryptItem(e.encryptItem(ITEM, CONFIG), CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void decryptionMaterials_rsaPkcs1WrappedItemWithoutWrapAlgAndOptIn_unwraps() throws Exception {
    // Old Java writers wrapped with RSA PKCS#1 v1.5 and wrote no amzn-ddb-wrap-alg.
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(TestKeyStores.rsa(dir.resolve("ks"), "PKCS12"), "PKCS12")
            .legacyPkcs1Unwrap(true)
            .build();
    SecretKey contentKey = TestKeys.aes256();
    Map<String, String> d =
        UnwrapOracleProbe.legacyPkcs1Description(
            (RSAPublicKey) RSA_A.getPublic(), contentKey.getEncoded());

    DecryptionMaterials m = p.decryptionMaterials(CONTEXT.withMaterialDescription(d));

    assertThat(m.decryptionKey()).contains(new SecretKeySpec(contentKey.getEncoded(), "AES"));
    assertThat(m.verificationKey()).isEqualTo(RSA_B.getPublic());
  }

  @Test
  void decryptionMaterials_tamperedWrappedKey_yieldsAnotherKeyOfTheSameLength() throws Exception {
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(TestKeyStores.rsa(dir.resolve("ks"), "PKCS12"), "PKCS12").build();
    EncryptionMaterials enc = p.encryptionMaterials(CONTEXT);
    Map<String, String> d = new HashMap<>(enc.materialDescription());
    byte[] wrapped = Base64.getDecoder().decode(d.get("amzn-ddb-env-key"));
    wrapped[10] ^= 1;
    d.put("amzn-ddb-env-key", Base64.getEncoder().encodeToString(wrapped));

    // Implicit rejection: no unwrap error; the item then fails at attribute decryption.
    SecretKey key = p.decryptionMaterials(CONTEXT.withMaterialDescription(d)).decryptionKey().get();
    assertThat(key.getEncoded()).hasSize(32).isNotEqualTo(enc.encryptionKey().get().getEncoded());
  }

  // ---------------------------------------------------------------------------------------------
  // Description matching (as the official Java provider)
  // ---------------------------------------------------------------------------------------------

  @Test
  void decryptItem_itemDescriptionHasProviderEntries_decrypts() throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), "PKCS12");
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(file, "PKCS12").materialDescription(Map.of("app", "books")).build();
    ItemEncryptor e = ItemEncryptor.create(p);

    Map<String, AttributeValue> stored = e.encryptItem(ITEM, CONFIG);

    assertThat(description(stored)).containsEntry("app", "books");
    assertThat(e.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @ParameterizedTest(name = "writer description {0}")
  @ValueSource(strings = {"none", "other"})
  void decryptItem_itemDescriptionLacksProviderEntry_throwsMaterialsUnavailableNamingIt(
      String writer) throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), "PKCS12");
    Map<String, String> writerDescription =
        writer.equals("none") ? Map.of() : Map.of("app", "orders");
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(
                TestKeyStores.provider(file, "PKCS12")
                    .materialDescription(writerDescription)
                    .build())
            .encryptItem(ITEM, CONFIG);
    ItemEncryptor reader =
        ItemEncryptor.create(
            TestKeyStores.provider(file, "PKCS12")
                .materialDescription(Map.of("app", "books"))
                .build());

    assertThatThrownBy(() -> reader.decryptItem(stored, CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("[app]")
        .hasMessageContaining("table Books")
        .hasMessageNotContaining("books")
        .hasMessageNotContaining("orders");
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "amzn-ddb-env-alg, AES/128, reserved",
        // The one rule of FormatNames: the Direct KMS key without the amzn-ddb- prefix too.
        "aws-kms-ec-attr, *keys*, 'aws-kms-ec-attr' is reserved"
      })
  void build_reservedDescriptionKey_throwsInvalidConfiguration(
      String key, String value, String message) throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), "PKCS12");
    assertThatThrownBy(
            () ->
                TestKeyStores.provider(file, "PKCS12")
                    .materialDescription(Map.of(key, value))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(message);
  }

  // ---------------------------------------------------------------------------------------------
  // Certificate-only entries
  // ---------------------------------------------------------------------------------------------

  @Test
  void encryptionCertificateOnly_encryptsButCannotDecrypt() throws Exception {
    Path full = TestKeyStores.rsa(dir.resolve("full.p12"), "PKCS12");
    KeyStore ks = TestKeyStores.empty("PKCS12");
    TestKeyStores.putCert(ks, ENC, RSA_A);
    TestKeyStores.putPair(ks, SIG, RSA_B, PASSWORD);
    Path certOnly = TestKeyStores.write(ks, dir.resolve("cert.p12"));
    ItemEncryptor writer = ItemEncryptor.create(TestKeyStores.provider(certOnly, "PKCS12").build());

    Map<String, AttributeValue> stored = writer.encryptItem(ITEM, CONFIG);

    assertThat(
            ItemEncryptor.create(TestKeyStores.provider(full, "PKCS12").build())
                .decryptItem(stored, CONFIG))
        .isEqualTo(ITEM);
    assertThatThrownBy(() -> writer.decryptItem(stored, CONFIG))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'enc'")
        .hasMessageContaining("certificate without a private key")
        .hasMessageContaining("not decrypt");
  }

  @Test
  void signingCertificateOnly_verifiesAndDecryptsButCannotEncrypt() throws Exception {
    Path full = TestKeyStores.rsa(dir.resolve("full.p12"), "PKCS12");
    KeyStore ks = TestKeyStores.empty("PKCS12");
    TestKeyStores.putPair(ks, ENC, RSA_A, PASSWORD);
    TestKeyStores.putCert(ks, SIG, RSA_B);
    Path verifyOnly = TestKeyStores.write(ks, dir.resolve("verify.p12"));
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(TestKeyStores.provider(full, "PKCS12").build())
            .encryptItem(ITEM, CONFIG);
    ItemEncryptor reader =
        ItemEncryptor.create(TestKeyStores.provider(verifyOnly, "PKCS12").build());

    assertThat(reader.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
    assertThatThrownBy(() -> reader.encryptItem(ITEM, CONFIG))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'sig'")
        .hasMessageContaining("not encrypt");
  }

  // ---------------------------------------------------------------------------------------------
  // Refresh
  // ---------------------------------------------------------------------------------------------

  @Test
  void refresh_fileReplacedWithNewKeys_usesNewKeysOnlyAfterRefresh() throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    KeyStoreMaterialsProvider p = TestKeyStores.provider(file, "PKCS12").build();
    ItemEncryptor e = ItemEncryptor.create(p);
    Map<String, AttributeValue> before = e.encryptItem(ITEM, CONFIG);

    Files.delete(file);
    TestKeyStores.symmetric(file, "PKCS12"); // new AES and HMAC keys
    Map<String, AttributeValue> stillOld = e.encryptItem(ITEM, CONFIG);
    p.refresh();
    Map<String, AttributeValue> after = e.encryptItem(ITEM, CONFIG);

    assertThat(e.decryptItem(after, CONFIG)).isEqualTo(ITEM);
    assertThat(
            ItemEncryptor.create(TestKeyStores.provider(file, "PKCS12").build())
                .decryptItem(after, CONFIG))
        .isEqualTo(ITEM);
    for (Map<String, AttributeValue> old : List.of(before, stillOld)) {
      assertThatThrownBy(() -> e.decryptItem(old, CONFIG))
          .isInstanceOf(ItemIntegrityException.class);
    }
  }

  @Test
  void refresh_fileDamaged_throwsMaterialsUnavailableAndKeepsOldKeys() throws Exception {
    Path file = TestKeyStores.rsa(dir.resolve("ks.p12"), "PKCS12");
    KeyStoreMaterialsProvider p = TestKeyStores.provider(file, "PKCS12").build();
    ItemEncryptor e = ItemEncryptor.create(p);
    Map<String, AttributeValue> stored = e.encryptItem(ITEM, CONFIG);

    Files.write(file, new byte[] {0x30, 0x03, 1, 2, 3});

    assertThatThrownBy(p::refresh)
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("still using the keys loaded before")
        .hasMessageContaining(file.toString())
        .hasCauseInstanceOf(InvalidConfigurationException.class);
    assertThat(e.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void refresh_keyStoreInstanceEntryReplaced_readsEntriesAgain() throws Exception {
    KeyStore ks = TestKeyStores.empty("PKCS12");
    TestKeyStores.putSecret(ks, ENC, TestKeys.aes256(), PASSWORD);
    TestKeyStores.putSecret(ks, SIG, TestKeys.hmacSha256(), PASSWORD);
    KeyStoreMaterialsProvider p =
        KeyStoreMaterialsProvider.builder()
            .keyStore(ks)
            .encryptionAlias(ENC)
            .signingAlias(SIG)
            .encryptionEntryPassword(PASSWORD::clone)
            .signingEntryPassword(PASSWORD::clone)
            .build();
    EncryptionMaterials before = p.encryptionMaterials(CONTEXT);

    TestKeyStores.putSecret(ks, ENC, TestKeys.aes256(), PASSWORD);
    p.refresh();

    assertThat(p.encryptionMaterials(CONTEXT).encryptionKey()).isNotEqualTo(before.encryptionKey());
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration errors
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PKCS12", "JCEKS"})
  void build_wrongStorePassword_throwsInvalidConfigurationWithoutThePassword(String type)
      throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), type);
    assertThatThrownBy(
            () ->
                TestKeyStores.provider(file, type).password("Wr0ng-Secret-42"::toCharArray).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("password is wrong")
        .hasMessageNotContaining("Wr0ng-Secret-42")
        .hasMessageNotContaining(new String(PASSWORD));
  }

  @Test
  void build_nonAsciiPasswordForPkcs12_throwsExplainingTheJdkLimit() throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    assertThatThrownBy(
            () -> TestKeyStores.provider(file, "PKCS12").password("p\u00e4ss"::toCharArray).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("printable ASCII")
        .hasMessageNotContaining("p\u00e4ss");
  }

  @Test
  void build_wrongEntryPassword_throwsNamingTheAlias() throws Exception {
    KeyStore ks = TestKeyStores.empty("JCEKS");
    TestKeyStores.putSecret(ks, ENC, TestKeys.aes256(), "enc-Secret-1".toCharArray());
    TestKeyStores.putSecret(ks, SIG, TestKeys.hmacSha256(), PASSWORD);
    Path file = TestKeyStores.write(ks, dir.resolve("ks.jceks"));

    assertThatThrownBy(
            () ->
                TestKeyStores.provider(file, "JCEKS")
                    .encryptionEntryPassword("Wr0ng-Secret-42"::toCharArray)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("encryption entry 'enc'")
        .hasMessageContaining("entry password is wrong")
        .hasMessageNotContaining("Wr0ng-Secret-42")
        .hasMessageNotContaining("enc-Secret-1");
  }

  @Test
  void build_missingAlias_throwsListingTheAliases() throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), "PKCS12");
    assertThatThrownBy(() -> TestKeyStores.provider(file, "PKCS12").signingAlias("nope").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no entry 'nope' (the signing alias)")
        .hasMessageContaining("[enc, sig]");
  }

  @Test
  void build_jceksFileReadAsPkcs12_throwsHintingAtTheType() throws Exception {
    Path file = TestKeyStores.symmetric(dir.resolve("ks"), "JCEKS");
    assertThatThrownBy(() -> TestKeyStores.provider(file, "PKCS12").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("type");
  }

  @Test
  void build_missingFile_throwsNamingIt() {
    Path file = dir.resolve("missing.p12");
    assertThatThrownBy(() -> TestKeyStores.provider(file, "PKCS12").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(file + " does not exist");
  }

  @Test
  void build_unusableEntryKinds_throwNamingEntryAndKey() throws Exception {
    KeyStore ks = TestKeyStores.empty("JCEKS");
    TestKeyStores.putSecret(ks, ENC, TestKeys.hmacSha256(), PASSWORD);
    TestKeyStores.putSecret(ks, SIG, TestKeys.aes256(), PASSWORD);
    TestKeyStores.putSecret(ks, "aes", TestKeys.aes256(), PASSWORD);
    Path file = TestKeyStores.write(ks, dir.resolve("ks.jceks"));

    assertThatThrownBy(() -> TestKeyStores.provider(file, "JCEKS").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("encryption entry 'enc'")
        .hasMessageContaining("HmacSHA256 secret key")
        .hasMessageContaining("AES");
    assertThatThrownBy(() -> TestKeyStores.provider(file, "JCEKS").encryptionAlias("aes").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("signing entry 'sig'")
        .hasMessageContaining("HmacSHA256");
  }

  @Test
  void toString_namesFileAndAliasesButNoSecrets() throws Exception {
    Path file = TestKeyStores.rsa(dir.resolve("ks.p12"), "PKCS12");
    String s = TestKeyStores.provider(file, "PKCS12").build().toString();

    assertThat(s)
        .contains(file.toString(), "enc", "sig", "RSA key pair", "SHA256withRSA", "redacted")
        .doesNotContain(new String(PASSWORD))
        .doesNotContain(Base64.getEncoder().encodeToString(RSA_A.getPrivate().getEncoded()));
  }

  // ---------------------------------------------------------------------------------------------
  // Contract: never null, context untouched, thread safety
  // ---------------------------------------------------------------------------------------------

  @Test
  void materials_contextUnchangedAndNeverNull() throws Exception {
    KeyStoreMaterialsProvider p =
        TestKeyStores.provider(TestKeyStores.rsa(dir.resolve("ks"), "PKCS12"), "PKCS12")
            .materialDescription(Map.of("app", "books"))
            .build();
    EncryptionContext context = CONTEXT.withAttributes(ITEM);
    EncryptionContext copy = context.toBuilder().build();

    EncryptionMaterials em = p.encryptionMaterials(context);
    DecryptionMaterials dm =
        p.decryptionMaterials(context.withMaterialDescription(em.materialDescription()));

    assertThat(em).isNotNull();
    assertThat(dm.decryptionKey()).isEqualTo(em.encryptionKey());
    assertThat(context).isEqualTo(copy);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"symmetric", "rsa"})
  void sharedProvider_eightThreadsWhileRefreshing_allRoundTripsSucceed(String kind)
      throws Exception {
    Path file =
        kind.equals("rsa")
            ? TestKeyStores.rsa(dir.resolve("ks.p12"), "PKCS12")
            : TestKeyStores.symmetric(dir.resolve("ks.p12"), "PKCS12");
    KeyStoreMaterialsProvider p = TestKeyStores.provider(file, "PKCS12").build();
    ItemEncryptor e = ItemEncryptor.create(p);
    int threads = 8;
    int perThread = kind.equals("rsa") ? 25 : 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      start.await();
                      for (int i = 0; i < perThread; i++) {
                        Map<String, AttributeValue> item = new HashMap<>(ITEM);
                        item.put("pk", AttributeValue.fromS(thread + "-" + i));
                        assertThat(e.decryptItem(e.encryptItem(item, CONFIG), CONFIG))
                            .isEqualTo(item);
                        done.incrementAndGet();
                      }
                      return null;
                    }));
      }
      // The file does not change, so refreshing concurrently must not disturb anyone.
      futures.add(
          pool.submit(
              (Callable<Void>)
                  () -> {
                    start.await();
                    for (int i = 0; i < 5; i++) {
                      p.refresh();
                    }
                    return null;
                  }));
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(done.get()).isEqualTo(threads * perThread);
  }

  private static Map<String, String> description(Map<String, AttributeValue> stored) {
    byte[] b = stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray();
    Map<String, String> out = new HashMap<>();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
    buf.getInt(); // version
    while (buf.hasRemaining()) {
      byte[] k = new byte[buf.getInt()];
      buf.get(k);
      byte[] v = new byte[buf.getInt()];
      buf.get(v);
      out.put(
          new String(k, java.nio.charset.StandardCharsets.UTF_8),
          new String(v, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }
}
