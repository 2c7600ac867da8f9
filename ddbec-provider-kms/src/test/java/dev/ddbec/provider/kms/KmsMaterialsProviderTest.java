package dev.ddbec.provider.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.MotoKmsServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/** {@link KmsMaterialsProvider} against a moto KMS server, through ddbec-core's ItemEncryptor. */
class KmsMaterialsProviderTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final Region US = Region.US_EAST_1;
  private static final Region EU = Region.EU_WEST_1;
  private static final String TABLE = "Books";
  private static final KmsCallCounter COUNTER = new KmsCallCounter().recording();

  private static KmsClient us;
  private static KmsClient eu;
  private static String keyArn;

  @BeforeAll
  static void keys() {
    us = MOTO.client(US, COUNTER);
    eu = MOTO.client(EU, COUNTER);
    keyArn = MotoKmsServer.createKey(us);
  }

  @BeforeEach
  void resetCounter() {
    COUNTER.reset();
  }

  // --- round trips, format, KMS context, HKDF ----------------------------------------------------

  @Test
  void encryptItemDecryptItem_fiveItems_oneKmsCallPerItem() {
    ItemEncryptor encryptor = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn));
    List<Map<String, AttributeValue>> stored = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      stored.add(encryptor.encryptItem(item("isbn-" + i, "" + i), config(TABLE)));
    }
    assertThat(COUNTER.calls("GenerateDataKey")).isEqualTo(5);
    assertThat(COUNTER.totalCalls()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(stored.get(i).get("title").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(encryptor.decryptItem(stored.get(i), config(TABLE)))
          .isEqualTo(item("isbn-" + i, "" + i));
    }
    assertThat(COUNTER.calls("Decrypt")).isEqualTo(5);
    assertThat(COUNTER.totalCalls()).isEqualTo(10);
    assertThat(COUNTER.attempts()).as("no retries").isEqualTo(10);
  }

  @Test
  void encryptionMaterials_description_hasDirectKmsEntries() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyArn)
            .materialDescription(Map.of("team", "books"))
            .build();
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item("a", "1")));
    GenerateDataKeyResponse gdk = COUNTER.responses(GenerateDataKeyResponse.class).get(0);
    assertThat(m.materialDescription())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "amzn-ddb-env-key",
                Base64.getEncoder().encodeToString(gdk.ciphertextBlob().asByteArray()),
                "amzn-ddb-env-alg",
                "AES/256",
                "amzn-ddb-sig-alg",
                "HmacSHA256/256",
                "amzn-ddb-wrap-alg",
                "kms",
                "aws-kms-ec-attr",
                "*keys*",
                "team",
                "books"));
    assertThat(m.signingAlgorithm()).isEqualTo("HmacSHA256");
    assertThat(m.encryptionKey().orElseThrow().getAlgorithm()).isEqualTo("AES");
  }

  @Test
  void encryptionMaterials_kmsContext_isTableKeysAndSpecs() {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    Map<String, AttributeValue> item = new HashMap<>(item("isbn-1", "10.5"));
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item));
    GenerateDataKeyRequest request = COUNTER.requests(GenerateDataKeyRequest.class).get(0);
    Map<String, String> expected =
        Map.of(
            "*amzn-ddb-env-alg*", "AES/256",
            "*amzn-ddb-sig-alg*", "HmacSHA256/256",
            "pk", "isbn-1",
            "sk", "10.5",
            "*aws-kms-table*", TABLE);
    assertThat(request.encryptionContext()).isEqualTo(expected);
    assertThat(request.keyId()).isEqualTo(keyArn);
    assertThat(request.numberOfBytes()).isEqualTo(32);
    assertThat(request.hasGrantTokens()).isFalse();

    p.decryptionMaterials(context(TABLE, item).withMaterialDescription(m.materialDescription()));
    DecryptRequest decrypt = COUNTER.requests(DecryptRequest.class).get(0);
    assertThat(decrypt.encryptionContext()).isEqualTo(expected);
    assertThat(decrypt.keyId()).as("strict by default for a key ARN").isEqualTo(keyArn);
  }

  @Test
  void decryptionMaterials_notStrict_namesNoKeyLikeTheOfficialClients() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder().kmsClient(us).keyId(keyArn).strictKeyId(false).build();
    Map<String, AttributeValue> item = item("isbn-1", "1");
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item));
    p.decryptionMaterials(context(TABLE, item).withMaterialDescription(m.materialDescription()));
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).keyId()).isNull();
  }

  @Test
  void encryptionMaterials_nonCanonicalNumberKey_throwsInvalidItemWithoutKmsCall() {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    for (String n : List.of("10.50", "007", "1E+2", "1e2", "+5", "-0", "0.0", ".5", "5.")) {
      Map<String, AttributeValue> item = new HashMap<>(item("isbn-1", "1"));
      item.put("sk", AttributeValue.fromN(n));
      assertThatThrownBy(() -> p.encryptionMaterials(context(TABLE, item)))
          .as(n)
          .isInstanceOf(InvalidItemException.class)
          .hasMessageContaining("sort key attribute 'sk'")
          .hasMessageContaining("canonical form")
          .hasMessageContaining("table " + TABLE);
      item.put("sk", AttributeValue.fromN("1"));
      item.put("pk", AttributeValue.fromN(n));
      assertThatThrownBy(() -> p.encryptionMaterials(context(TABLE, item)))
          .as(n)
          .isInstanceOf(InvalidItemException.class)
          .hasMessageContaining("partition key attribute 'pk'");
    }
    assertThat(COUNTER.totalCalls()).isZero();
  }

  @Test
  void encryptItemDecryptItem_canonicalNumberKeys_roundTrip() {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn));
    for (String n : List.of("0", "7", "-3", "10.5", "0.001", "-0.5", "12345678901234567890")) {
      Map<String, AttributeValue> item = new HashMap<>(item("isbn-1", n));
      item.put("pk", AttributeValue.fromN(n));
      assertThat(e.decryptItem(e.encryptItem(item, config(TABLE)), config(TABLE)))
          .as(n)
          .isEqualTo(item);
    }
  }

  @Test
  void encryptionMaterials_binaryKeys_areBase64InKmsContext() {
    byte[] pk = {0, (byte) 0xff, 0x10, 0x7f};
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromB(SdkBytes.fromByteArray(pk)),
            "sk", AttributeValue.fromS("s"),
            "v", AttributeValue.fromS("x"));
    KmsMaterialsProvider.create(us, keyArn).encryptionMaterials(context(TABLE, item));
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext())
        .containsEntry("pk", "AP8Qfw==")
        .containsEntry("sk", "s");
  }

  @Test
  void encryptionMaterials_derivedKeys_areHkdfSha256OfTheDataKey() throws Exception {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item("a", "1")));
    byte[] dataKey = dataKey(m);
    assertThat(m.encryptionKey().orElseThrow().getEncoded())
        .isEqualTo(hkdf(dataKey, "Encryption", 32));
    assertThat(m.signingKey().getEncoded()).isEqualTo(hkdf(dataKey, "Signing", 32));

    DecryptionMaterials d =
        p.decryptionMaterials(
            context(TABLE, item("a", "1")).withMaterialDescription(m.materialDescription()));
    assertThat(d.decryptionKey()).isEqualTo(m.encryptionKey());
    assertThat(d.verificationKey()).isEqualTo(m.signingKey());
  }

  @Test
  void keySpecs_overridden_roundTripWithLengthsAndContextFromTheSpecs() throws Exception {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyArn)
            .contentKeySpec("AES/128")
            .signingKeySpec("HmacSHA512/512")
            .build();
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item("a", "1")));
    byte[] dataKey = dataKey(m);
    assertThat(m.encryptionKey().orElseThrow().getEncoded())
        .isEqualTo(hkdf(dataKey, "Encryption", 16));
    assertThat(m.signingKey().getEncoded()).isEqualTo(hkdf(dataKey, "Signing", 64));
    assertThat(m.signingAlgorithm()).isEqualTo("HmacSHA512");
    assertThat(m.materialDescription())
        .containsEntry("amzn-ddb-env-alg", "AES/128")
        .containsEntry("amzn-ddb-sig-alg", "HmacSHA512/512");
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext())
        .containsEntry("*amzn-ddb-env-alg*", "AES/128")
        .containsEntry("*amzn-ddb-sig-alg*", "HmacSHA512/512");

    // A default provider reads the item: specs come from the item's description.
    ItemEncryptor writer = ItemEncryptor.create(p);
    Map<String, AttributeValue> stored = writer.encryptItem(item("b", "2"), config(TABLE));
    assertThat(
            ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn))
                .decryptItem(stored, config(TABLE)))
        .isEqualTo(item("b", "2"));
  }

  // --- wrong encryption context ------------------------------------------------------------------

  /**
   * The provider runs before the signature is checked (its keys are what verifies it), so a KMS
   * context that does not match is noticed by KMS first: Decrypt fails with
   * InvalidCiphertextException, which the provider reports as MaterialsUnavailableException. It
   * cannot tell a tampered item from a misconfigured reader (wrong table or key names).
   */
  @Test
  void decryptItem_otherTableName_throwsMaterialsUnavailableWithInvalidCiphertext() {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn));
    Map<String, AttributeValue> stored = e.encryptItem(item("a", "1"), config(TABLE));
    String envKey = envKey(stored);
    assertThatThrownBy(() -> e.decryptItem(stored, config("BooksCopy")))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("Decrypt")
        .hasMessageContaining("InvalidCiphertextException")
        .hasMessageContaining(keyArn)
        .hasMessageContaining("BooksCopy")
        .hasMessageNotContaining(envKey)
        .cause()
        .isInstanceOf(KmsException.class);
  }

  /** A key attribute is in the KMS encryption context: changing its value makes KMS refuse. */
  @ParameterizedTest
  @MethodSource("changedKeyValues")
  void decryptItem_keyValueChanged_throwsMaterialsUnavailableWithInvalidCiphertext(
      String attribute, AttributeValue value) {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn));
    Map<String, AttributeValue> stored = storedThenChanged(e, attribute, value);
    assertThatThrownBy(() -> e.decryptItem(stored, config(TABLE)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("InvalidCiphertextException");
  }

  static Stream<Arguments> changedKeyValues() {
    return Stream.of(
        Arguments.of("pk", AttributeValue.fromS("b")),
        Arguments.of("sk", AttributeValue.fromN("2")));
  }

  /**
   * Item a/1 encrypted by {@code e} for {@link #TABLE}, then {@code attribute} set to {@code
   * value}.
   */
  private static Map<String, AttributeValue> storedThenChanged(
      ItemEncryptor e, String attribute, AttributeValue value) {
    Map<String, AttributeValue> stored =
        new HashMap<>(e.encryptItem(item("a", "1"), config(TABLE)));
    stored.put(attribute, value);
    return stored;
  }

  /** A non-key attribute is not in the KMS context: KMS unwraps, the signature catches it. */
  @Test
  void decryptItem_signedAttributeChanged_throwsItemIntegrityAfterKmsDecrypt() {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn));
    Map<String, AttributeValue> stored = storedThenChanged(e, "price", AttributeValue.fromN("1"));
    COUNTER.reset();
    assertThatThrownBy(() -> e.decryptItem(stored, config(TABLE)))
        .isInstanceOf(ItemIntegrityException.class);
    assertThat(COUNTER.calls("Decrypt")).isEqualTo(1);
  }

  @Test
  void kmsTableName_override_changesOnlyTheKmsContext() {
    // Written while the KMS context was bound to "Books" and the signature to "Books-v2".
    KmsMaterialsProvider bound =
        KmsMaterialsProvider.builder().kmsClient(us).keyId(keyArn).kmsTableName(t -> TABLE).build();
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(bound).encryptItem(item("a", "1"), config("Books-v2"));
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext())
        .containsEntry("*aws-kms-table*", TABLE);

    assertThat(ItemEncryptor.create(bound).decryptItem(stored, config("Books-v2")))
        .isEqualTo(item("a", "1"));
    assertThatThrownBy(
            () ->
                ItemEncryptor.create(KmsMaterialsProvider.create(us, keyArn))
                    .decryptItem(stored, config("Books-v2")))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("InvalidCiphertextException")
        .hasMessageContaining("kmsTableName");
  }

  @Test
  void kmsTableName_null_leavesTheTableEntryOut() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder().kmsClient(us).keyId(keyArn).kmsTableName(t -> null).build();
    ItemEncryptor e = ItemEncryptor.create(p);
    Map<String, AttributeValue> stored = e.encryptItem(item("a", "1"), config(TABLE));
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext())
        .doesNotContainKey("*aws-kms-table*")
        .containsKeys("pk", "sk");
    assertThat(e.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
  }

  // --- key state, unknown keys, unreachable KMS --------------------------------------------------

  @Test
  void decryptItem_keyDisabled_throwsMaterialsUnavailableNamingCodeAndKey() {
    String key = MotoKmsServer.createKey(us);
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(us, key));
    Map<String, AttributeValue> stored = e.encryptItem(item("a", "1"), config(TABLE));
    us.disableKey(r -> r.keyId(MotoKmsServer.keyIdOf(key)));
    try {
      assertThatThrownBy(() -> e.decryptItem(stored, config(TABLE)))
          .isInstanceOf(MaterialsUnavailableException.class)
          .hasMessageContaining("Decrypt")
          .hasMessageContaining("DisabledException")
          .hasMessageContaining(key)
          .hasMessageContaining("enable it");
      assertThatThrownBy(() -> e.encryptItem(item("b", "2"), config(TABLE)))
          .isInstanceOf(MaterialsUnavailableException.class)
          .hasMessageContaining("GenerateDataKey")
          .hasMessageContaining("DisabledException");
    } finally {
      us.enableKey(r -> r.keyId(MotoKmsServer.keyIdOf(key)));
    }
    assertThat(e.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
  }

  @Test
  void encryptItem_keyUnknownInRegion_throwsMaterialsUnavailableWithNotFound() {
    // The key exists in us-east-1 only; eu-west-1 does not know it.
    String euArn = keyArn.replace(US.id(), EU.id());
    ItemEncryptor e =
        ItemEncryptor.create(KmsMaterialsProvider.builder().kmsClient(eu).keyId(euArn).build());
    assertThatThrownBy(() -> e.encryptItem(item("a", "1"), config(TABLE)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("NotFoundException")
        .hasMessageContaining(euArn);
  }

  @Test
  void encryptItem_kmsUnreachable_throwsMaterialsUnavailable() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (KmsClient nowhere =
        KmsClient.builder()
            .region(US)
            .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(nowhere, keyArn));
      assertThatThrownBy(() -> e.encryptItem(item("a", "1"), config(TABLE)))
          .isInstanceOf(MaterialsUnavailableException.class)
          .hasMessageContaining("no answer from KMS")
          .hasMessageContaining(keyArn);
    }
  }

  // --- strict key id -----------------------------------------------------------------------------

  @Test
  void build_strictKeyIdWithAlias_throwsInvalidConfiguration() {
    for (String id : List.of("alias/books", "arn:aws:kms:us-east-1:123456789012:alias/books")) {
      assertThatThrownBy(
              () ->
                  KmsMaterialsProvider.builder().kmsClient(us).keyId(id).strictKeyId(true).build())
          .as(id)
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("strictKeyId needs a key ARN")
          .hasMessageContaining("alias");
    }
  }

  @Test
  void build_strictKeyIdDefault_onForKeysOffForAliases() {
    String bareId = MotoKmsServer.keyIdOf(keyArn);
    String mrk = keyArn.replace(":key/", ":key/mrk-");
    for (String key : List.of(keyArn, bareId, mrk, "mrk-1234abcd")) {
      assertThat(KmsMaterialsProvider.create(us, key).strictKeyId()).as(key).isTrue();
      assertThat(
              KmsMaterialsProvider.builder()
                  .kmsClient(us)
                  .keyId(key)
                  .strictKeyId(false)
                  .build()
                  .strictKeyId())
          .as(key)
          .isFalse();
    }
    for (String alias : List.of("alias/books", "arn:aws:kms:us-east-1:123456789012:alias/books")) {
      assertThat(KmsMaterialsProvider.create(us, alias).strictKeyId()).as(alias).isFalse();
    }
  }

  @Test
  void strictKeyId_bareKeyId_kmsDecryptsWithThatKeyOnly() {
    String bareId = MotoKmsServer.keyIdOf(keyArn);
    ItemEncryptor strict = ItemEncryptor.create(KmsMaterialsProvider.create(us, bareId));
    Map<String, AttributeValue> stored = strict.encryptItem(item("a", "1"), config(TABLE));
    assertThat(strict.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).keyId()).isEqualTo(bareId);

    String other = MotoKmsServer.createKey(us);
    Map<String, AttributeValue> underOther =
        ItemEncryptor.create(KmsMaterialsProvider.create(us, other))
            .encryptItem(item("b", "2"), config(TABLE));
    assertThatThrownBy(() -> strict.decryptItem(underOther, config(TABLE)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("strict key id mode");
  }

  @Test
  void strictKeyId_itemsWrittenThroughAlias_readOnlyWhileAliasTargetsTheKey() {
    String keyA = MotoKmsServer.createKey(us);
    String keyB = MotoKmsServer.createKey(us);
    MotoKmsServer.alias(us, "alias/strict-test", keyA);
    ItemEncryptor viaAlias =
        ItemEncryptor.create(KmsMaterialsProvider.create(us, "alias/strict-test"));
    ItemEncryptor strictA = ItemEncryptor.create(KmsMaterialsProvider.create(us, keyA));
    ItemEncryptor lenientA =
        ItemEncryptor.create(
            KmsMaterialsProvider.builder().kmsClient(us).keyId(keyA).strictKeyId(false).build());

    Map<String, AttributeValue> underA = viaAlias.encryptItem(item("a", "1"), config(TABLE));
    assertThat(strictA.decryptItem(underA, config(TABLE))).isEqualTo(item("a", "1"));

    MotoKmsServer.alias(us, "alias/strict-test", keyB);
    Map<String, AttributeValue> underB = viaAlias.encryptItem(item("b", "2"), config(TABLE));
    COUNTER.reset();
    // KMS itself refuses: Decrypt names keyA, the item's data key is under keyB. (Real KMS answers
    // IncorrectKeyException, moto AccessDeniedException; both get the strict-mode hint.)
    assertThatThrownBy(() -> strictA.decryptItem(underB, config(TABLE)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("KMS Decrypt failed for key " + keyA)
        .hasMessageContaining("strict key id mode")
        .hasMessageContaining("strictKeyId(false)");
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).keyId()).isEqualTo(keyA);
    // Lenient, as the official clients: Decrypt names no key, so any usable key works.
    assertThat(lenientA.decryptItem(underB, config(TABLE))).isEqualTo(item("b", "2"));
  }

  // --- regions -----------------------------------------------------------------------------------

  @Test
  void regionMap_keyArnInOtherRegion_usesThatRegionsClient() {
    String euKey = MotoKmsServer.createKey(eu);
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder().kmsClient(us).kmsClient(EU, eu).keyId(euKey).build();
    assertThat(p.region()).contains(EU);
    ItemEncryptor e = ItemEncryptor.create(p);
    COUNTER.reset();
    Map<String, AttributeValue> stored = e.encryptItem(item("a", "1"), config(TABLE));
    assertThat(e.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
    assertThat(COUNTER.calls(EU, "GenerateDataKey")).isEqualTo(1);
    assertThat(COUNTER.calls(EU, "Decrypt")).isEqualTo(1);
    assertThat(COUNTER.calls(US, "GenerateDataKey") + COUNTER.calls(US, "Decrypt")).isZero();
  }

  @Test
  void regionMap_noClientForKeyRegion_throwsInvalidConfigurationNamingRegion() {
    String euKey = keyArn.replace(US.id(), EU.id());
    assertThatThrownBy(() -> KmsMaterialsProvider.builder().kmsClient(us).keyId(euKey).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("No KmsClient for region eu-west-1")
        .hasMessageContaining("[us-east-1]");
  }

  @Test
  void regionMap_keyIdWithoutRegion_usesDefaultClient() {
    String euKey = MotoKmsServer.createKey(eu);
    MotoKmsServer.alias(eu, "alias/eu-books", euKey);
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(eu)
            .kmsClient(US, us)
            .keyId("alias/eu-books")
            .build();
    ItemEncryptor e = ItemEncryptor.create(p);
    Map<String, AttributeValue> stored = e.encryptItem(item("a", "1"), config(TABLE));
    assertThat(e.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
    assertThat(COUNTER.calls(EU, "GenerateDataKey")).isEqualTo(1);
    assertThat(COUNTER.calls(EU, "Decrypt")).isEqualTo(1);
  }

  @Test
  void multiRegionKey_localReplica_writesThereAndReadsInEveryRegion() {
    String mrk = MotoKmsServer.createMultiRegionKey(us, EU);
    assertThat(mrk).contains(":key/mrk-").contains(US.id());
    // The application runs in eu-west-1 but is configured with the primary's ARN.
    KmsMaterialsProvider local =
        KmsMaterialsProvider.builder()
            .kmsClient(US, us)
            .kmsClient(EU, eu)
            .region(EU)
            .keyId(mrk)
            .strictKeyId(true)
            .build();
    assertThat(local.region()).contains(EU);
    Map<String, AttributeValue> stored =
        ItemEncryptor.create(local).encryptItem(item("a", "1"), config(TABLE));
    assertThat(COUNTER.calls(EU, "GenerateDataKey")).isEqualTo(1);
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).keyId())
        .isEqualTo(mrk.replace(US.id(), EU.id()));

    // Read in the primary's region and in the replica's (strict: a replica is the same key).
    KmsMaterialsProvider primary =
        KmsMaterialsProvider.builder().kmsClient(us).keyId(mrk).strictKeyId(true).build();
    assertThat(ItemEncryptor.create(primary).decryptItem(stored, config(TABLE)))
        .isEqualTo(item("a", "1"));
    assertThat(ItemEncryptor.create(local).decryptItem(stored, config(TABLE)))
        .isEqualTo(item("a", "1"));
    assertThat(COUNTER.calls(US, "Decrypt")).isEqualTo(1);
    assertThat(COUNTER.calls(EU, "Decrypt")).isEqualTo(1);
    // Strict: each names the replica of its own region.
    assertThat(COUNTER.requests(DecryptRequest.class))
        .extracting(DecryptRequest::keyId)
        .containsExactly(mrk, mrk.replace(US.id(), EU.id()));
  }

  @Test
  void multiRegionKey_noClientForLocalRegion_usesKeyArnRegion() {
    String mrk = MotoKmsServer.createMultiRegionKey(us, EU);
    KmsMaterialsProvider p = KmsMaterialsProvider.builder().kmsClient(US, us).keyId(mrk).build();
    assertThat(p.region()).contains(US);
  }

  // --- grant tokens, description, validation ----------------------------------------------------

  @Test
  void grantTokens_sentWithGenerateDataKeyAndDecrypt() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyArn)
            .grantTokens("token-1", "token-2")
            .build();
    ItemEncryptor e = ItemEncryptor.create(p);
    e.decryptItem(e.encryptItem(item("a", "1"), config(TABLE)), config(TABLE));
    assertThat(COUNTER.requests(GenerateDataKeyRequest.class).get(0).grantTokens())
        .containsExactly("token-1", "token-2");
    assertThat(COUNTER.requests(DecryptRequest.class).get(0).grantTokens())
        .containsExactly("token-1", "token-2");
  }

  @Test
  void decryptionMaterials_descriptionWithoutEnvKey_throwsItemIntegrityWithoutKmsCall() {
    assertThatDecryptionMaterials(
            Map.of("amzn-ddb-env-alg", "AES/256", "amzn-ddb-sig-alg", "x/256"))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("amzn-ddb-env-key");
    assertThat(COUNTER.totalCalls()).isZero();
  }

  @Test
  void decryptionMaterials_unsupportedContentKeySpec_throwsUnsupportedFormatWithoutKmsCall() {
    assertThatDecryptionMaterials(
            Map.of(
                "amzn-ddb-env-key", "AAAA",
                "amzn-ddb-env-alg", "DESede/168",
                "amzn-ddb-sig-alg", "HmacSHA256/256"))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("DESede/168");
    assertThat(COUNTER.totalCalls()).isZero();
  }

  /** What the provider of {@code keyArn} throws for item a/1 stored with this description. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertThatDecryptionMaterials(
      Map<String, String> description) {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    return assertThatThrownBy(
        () ->
            p.decryptionMaterials(
                context(TABLE, item("a", "1")).withMaterialDescription(description)));
  }

  @Test
  void encryptionMaterials_partitionKeyMissing_throwsInvalidItem() {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    Map<String, AttributeValue> noPk = new HashMap<>(item("a", "1"));
    noPk.remove("pk");
    assertThatThrownBy(() -> p.encryptionMaterials(context(TABLE, noPk)))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("partition key attribute 'pk'");
    assertThat(COUNTER.totalCalls()).isZero();
  }

  /** The one rule of FormatNames: every format key, not only the ones this provider writes. */
  @ParameterizedTest
  @ValueSource(
      strings = {"amzn-ddb-meta-id", "amzn-ddb-map-sym-mode", "aws-kms-ec-attr", "amzn-ddb-new"})
  void build_descriptionSetsAFormatKey_throwsInvalidConfiguration(String key) {
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .keyId(keyArn)
                    .materialDescription(Map.of(key, "x"))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'" + key + "' is reserved");
  }

  @Test
  void build_invalidSettings_throwInvalidConfiguration() {
    assertThatThrownBy(() -> KmsMaterialsProvider.builder().kmsClient(us).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("needs a key id");
    assertThatThrownBy(
            () -> KmsMaterialsProvider.builder().kmsClient(us).keyId("arn:aws:s3:::bucket").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .keyId(keyArn)
                    .contentKeySpec("AES/100")
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("contentKeySpec");
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .keyId(keyArn)
                    .signingKeySpec("SHA256withRSA/2048")
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("signingKeySpec");
    assertThatThrownBy(
            () ->
                KmsMaterialsProvider.builder()
                    .kmsClient(us)
                    .keyId(keyArn)
                    .materialDescription(Map.of("amzn-ddb-env-alg", "AES/128"))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("contentKeySpec");
  }

  @Test
  void close_clientPassedIn_staysOpen() {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(us, keyArn);
    p.close();
    assertThat(us.listKeys().keys()).isNotEmpty();
  }

  @Test
  void toString_showsConfigurationOnly() {
    KmsMaterialsProvider p =
        KmsMaterialsProvider.builder()
            .kmsClient(us)
            .keyId(keyArn)
            .grantTokens("secret-ish")
            .build();
    assertThat(p.toString())
        .contains(keyArn)
        .contains("us-east-1")
        .contains("grantTokens=1")
        .doesNotContain("secret-ish");
  }

  // --- helpers -----------------------------------------------------------------------------------

  static Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromN(sk));
    item.put("title", AttributeValue.fromS("Title of " + pk));
    item.put("price", AttributeValue.fromN("12.5"));
    item.put("tags", AttributeValue.fromSs(List.of("a", "b")));
    item.put("cover", AttributeValue.fromB(SdkBytes.fromUtf8String("png")));
    return item;
  }

  static CryptoConfig config(String table) {
    return CryptoConfig.of(
        EncryptionContext.builder()
            .tableName(table)
            .partitionKeyName("pk")
            .sortKeyName("sk")
            .build(),
        AttributeActions.builder()
            .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
            .action("price", CryptoAction.SIGN_ONLY)
            .build()
            .withIndexKeys("pk", "sk"));
  }

  static EncryptionContext context(String table, Map<String, AttributeValue> item) {
    return EncryptionContext.builder()
        .tableName(table)
        .partitionKeyName("pk")
        .sortKeyName("sk")
        .attributes(item)
        .build();
  }

  private static String envKey(Map<String, AttributeValue> stored) {
    String raw =
        new String(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray(),
            StandardCharsets.ISO_8859_1);
    int at = raw.indexOf("amzn-ddb-env-key");
    assertThat(at).isPositive();
    // The value follows its 4-byte length; take a long prefix of it.
    return raw.substring(
        at + "amzn-ddb-env-key".length() + 4, at + "amzn-ddb-env-key".length() + 44);
  }

  /**
   * The data key behind materials, asked of KMS directly (the provider zeroes the response's copy):
   * Decrypt of the stored wrapped key with the context of the GenerateDataKey call.
   */
  private static byte[] dataKey(EncryptionMaterials m) {
    byte[] blob = Base64.getDecoder().decode(m.materialDescription().get("amzn-ddb-env-key"));
    Map<String, String> kmsContext =
        COUNTER.requests(GenerateDataKeyRequest.class).get(0).encryptionContext();
    return us.decrypt(
            r -> r.ciphertextBlob(SdkBytes.fromByteArray(blob)).encryptionContext(kmsContext))
        .plaintext()
        .asByteArray();
  }

  /** RFC 5869 with HMAC-SHA256 and no salt, written independently of the provider's. */
  static byte[] hkdf(byte[] ikm, String info, int length) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, off = 0; off < length; i++) {
      mac.update(t);
      mac.update(info.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) i);
      t = mac.doFinal();
      System.arraycopy(t, 0, out, off, Math.min(32, length - off));
      off += 32;
    }
    return out;
  }
}
