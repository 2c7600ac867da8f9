package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.interop.DelegatedKeyInteropTest.CountingDelegate;
import dev.ddbec.interop.PythonPeer.PeerError;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;

/**
 * The official Python client's extension points against ddbec's, both directions, through {@link
 * PythonPeer} (dynamodb-encryption-sdk 3.3.0):
 *
 * <ul>
 *   <li><b>Keys as PEM</b>: RSA keys written as PEM by {@code cryptography} (PKCS#8 / X.509 and the
 *       PKCS#1 forms) and loaded by Python with {@code KeyEncodingType.PEM}; ddbec reads the same
 *       PEM through {@link MaterialsProviders#load} options ({@code file:} and {@code env:}).
 *   <li><b>Direct KMS key selection</b>: {@code AwsKmsCryptographicMaterialsProvider} subclassed to
 *       override {@code _select_key_id} (a key per tenant) and {@code _kms_encryption_context} (a
 *       tenant entry; the library has no public hook for it) against {@link
 *       KmsMaterialsProvider.Builder#keyIdSelector} and {@link
 *       KmsMaterialsProvider.Builder#kmsContextEntries}; the KMS answers show which key wrapped
 *       each item.
 *   <li><b>Delegated keys</b>: a Python {@code DelegatedKey} subclass against ddbec's {@link
 *       dev.ddbec.api.spi.DelegatedKey} (the counting delegate of {@link DelegatedKeyInteropTest}),
 *       static and wrapped, each side's delegate calls counted.
 *   <li><b>Most-recent provider</b>: Python's {@code CachingMostRecentProvider} has one fixed
 *       {@code material_name} (no per-context hook), so a multi-tenant table needs one Python
 *       provider per tenant; items written by ddbec's {@link
 *       CachingMostRecentProvider.Builder#materialNameSelector} are read by the Python provider for
 *       that material name, and the reverse.
 * </ul>
 *
 * KMS runs on moto's KMS and the MetaStore on moto's DynamoDB, both on loopback.
 */
class PythonParityInteropTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final String REGION_ID = "us-west-2";
  private static final String TABLE = "PythonParity";
  private static final CryptoConfig CONFIG = InteropItems.pkSkConfig(TABLE, "signed");
  private static final ObjectNode PYTHON_ACTIONS =
      PeerRequests.actions(PeerRequests.ENCRYPT, Map.of("signed", PeerRequests.SIGN));
  private static final KmsCallCounter COUNTER = new KmsCallCounter().recording();
  private static final AtomicInteger FILES = new AtomicInteger();

  @TempDir static Path dir;
  @AutoClose private static PythonPeer peer;
  private static KmsClient kms;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void setUp() {
    peer = PythonPeer.start();
    kms = MOTO.client(Region.of(REGION_ID), COUNTER);
    keyA = MotoKmsServer.createKey(kms);
    keyB = MotoKmsServer.createKey(kms);
  }

  @BeforeEach
  void resetCounter() {
    COUNTER.reset();
  }

  // --- keys as PEM ---------------------------------------------------------------------------

  /** An RSA key pair written as PEM by Python's {@code cryptography}. */
  private record PemPair(String privatePem, String publicPem) {
    static PemPair create(String format) {
      JsonNode r = peer.callOk(request("rsa_pem_key_pair").put("format", format));
      return new PemPair(r.get("private_pem").asText(), r.get("public_pem").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pkcs8", "pkcs1"})
  void pem_wrappedRsa_pythonAndDdbecReadEachOther(String format) {
    PemPair wrap = PemPair.create(format);
    PemPair sign = PemPair.create(format);
    assertThat(wrap.privatePem())
        .startsWith(
            format.equals("pkcs1")
                ? "-----BEGIN RSA PRIVATE KEY-----"
                : "-----BEGIN PRIVATE KEY-----");
    assertThat(wrap.publicPem())
        .startsWith(
            format.equals("pkcs1")
                ? "-----BEGIN RSA PUBLIC KEY-----"
                : "-----BEGIN PUBLIC KEY-----");
    ObjectNode python =
        providerSpec("wrapped_rsa_pem")
            .put("wrapping_public_pem", wrap.publicPem())
            .put("unwrapping_private_pem", wrap.privatePem())
            .put("signing_private_pem", sign.privatePem())
            .put("signing_public_pem", sign.publicPem());
    // The signing private key comes from the environment (PEM text), the others from files.
    Map<String, String> wrapping =
        Map.of(
            "provider", "wrapped",
            "wrapping-public-key", file(wrap.publicPem()),
            "unwrapping-private-key", file(wrap.privatePem()));
    Map<String, String> options = new HashMap<>(wrapping);
    options.put("signing-private-key", "env:SIGNING_PRIVATE_PEM");
    options.put("signing-public-key", file(sign.publicPem()));
    MaterialsProvider ddbecProvider =
        load(options, Map.of("SIGNING_PRIVATE_PEM", sign.privatePem()));
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecProvider);

    for (int i = 0; i < 3; i++) {
      Map<String, AttributeValue> item = item("pem-" + i, i);
      Map<String, AttributeValue> byPython = peer.encrypt(pythonTable(python), item);
      assertThat(description(byPython))
          .containsEntry(FormatNames.WRAP_ALG, "RSA/ECB/OAEPWithSHA-256AndMGF1Padding")
          .containsEntry(FormatNames.SIGNING_ALG, "SHA256withRSA");
      assertThat(ddbec.decryptItem(byPython, CONFIG)).isEqualTo(item);
      assertThat(peer.decrypt(pythonTable(python), ddbec.encryptItem(item, CONFIG)))
          .isEqualTo(item);
    }

    // Another signing key pair's public PEM: the signature does not verify.
    Map<String, AttributeValue> stored = peer.encrypt(pythonTable(python), item("pem-x", 9));
    Map<String, String> otherOptions = new HashMap<>(wrapping);
    otherOptions.put("signing-public-key", file(PemPair.create(format).publicPem()));
    MaterialsProvider otherSigner = load(otherOptions, Map.of());
    assertThatThrownBy(() -> ItemEncryptor.create(otherSigner).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pkcs8", "pkcs1"})
  void pem_staticAesWithRsaSignature_pythonAndDdbecReadEachOther(String format) {
    PemPair sign = PemPair.create(format);
    byte[] aes = TestKeys.randomBytes(32);
    ObjectNode python =
        providerSpec("static_rsa_pem")
            .put("aes", b64(aes))
            .put("signing_private_pem", sign.privatePem())
            .put("signing_public_pem", sign.publicPem());
    ItemEncryptor ddbec =
        ItemEncryptor.create(
            load(
                Map.of(
                    "provider", "static",
                    "encryption-key", file(aes),
                    "signing-private-key", file(sign.privatePem()),
                    "signing-public-key", file(sign.publicPem())),
                Map.of()));
    for (int i = 0; i < 3; i++) {
      Map<String, AttributeValue> item = item("static-pem-" + i, i);
      Map<String, AttributeValue> byPython = peer.encrypt(pythonTable(python), item);
      assertThat(description(byPython)).containsEntry(FormatNames.SIGNING_ALG, "SHA256withRSA");
      assertThat(ddbec.decryptItem(byPython, CONFIG)).isEqualTo(item);
      assertThat(peer.decrypt(pythonTable(python), ddbec.encryptItem(item, CONFIG)))
          .isEqualTo(item);
    }
  }

  // --- Direct KMS: key per encryption context ------------------------------------------------

  private static String keyFor(String partitionKey) {
    return partitionKey.startsWith("a") ? keyA : keyB;
  }

  /** Python's way: the subclass in ddbec_peer.py ("a..." tenants on key A, the rest on key B). */
  private static ObjectNode pythonTenantProvider(boolean tenantEntry) {
    ObjectNode p =
        PeerRequests.awsKmsProvider(keyB, MOTO.endpoint().toString(), REGION_ID)
            .put("type", "aws_kms_tenant");
    p.putObject("keys_by_initial").put("a", keyA);
    return tenantEntry ? p.put("tenant_entry", "tenant") : p;
  }

  /** ddbec's way: the same choices as functions given to the builder. */
  private static KmsMaterialsProvider.Builder ddbecTenantProvider(boolean tenantEntry) {
    KmsMaterialsProvider.Builder b =
        KmsMaterialsProvider.builder()
            .kmsClient(kms)
            .keyIdSelector(c -> keyFor(c.attributes().get("pk").s()));
    return tenantEntry
        ? b.kmsContextEntries(c -> Map.of("tenant", c.attributes().get("pk").s()))
        : b;
  }

  /** The key KMS used to decrypt the item's data key (a decrypt-only reader names none). */
  private static String wrappingKeyOf(Map<String, AttributeValue> stored, boolean tenantEntry) {
    KmsMaterialsProvider.Builder reader =
        KmsMaterialsProvider.builder().kmsClient(kms).decryptOnly();
    if (tenantEntry) {
      reader.kmsContextEntries(c -> Map.of("tenant", c.attributes().get("pk").s()));
    }
    COUNTER.reset();
    ItemEncryptor.create(reader.build()).decryptItem(stored, CONFIG);
    List<DecryptResponse> answers = COUNTER.responses(DecryptResponse.class);
    assertThat(answers).hasSize(1);
    return answers.get(0).keyId();
  }

  @ParameterizedTest(name = "tenant entry in the KMS context: {0}")
  @ValueSource(booleans = {true, false})
  void kms_pythonSelectKeyIdSubclassEncrypts_ddbecSelectorDecrypts(boolean tenantEntry) {
    ObjectNode python = pythonTenantProvider(tenantEntry);
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecTenantProvider(tenantEntry).build());
    for (String pk : new String[] {"alice", "bob", "amir"}) {
      Map<String, AttributeValue> item = item(pk, 1);
      Map<String, AttributeValue> stored = peer.encrypt(pythonTable(python), item);
      assertThat(wrappingKeyOf(stored, tenantEntry)).isEqualTo(keyFor(pk));

      COUNTER.reset();
      assertThat(ddbec.decryptItem(stored, CONFIG)).isEqualTo(item);
      DecryptRequest decrypt = COUNTER.requests(DecryptRequest.class).get(0);
      assertThat(decrypt.keyId())
          .as("strict key id: Decrypt names the selected key")
          .isEqualTo(keyFor(pk));
      if (tenantEntry) {
        assertThat(decrypt.encryptionContext()).containsEntry("tenant", pk);
      }
    }
    // A selector that picks the other key: KMS refuses (the item is wrapped under the chosen one).
    Map<String, AttributeValue> alice = peer.encrypt(pythonTable(python), item("alice", 2));
    KmsMaterialsProvider.Builder wrongKey =
        KmsMaterialsProvider.builder().kmsClient(kms).keyIdSelector(c -> keyB);
    if (tenantEntry) {
      wrongKey.kmsContextEntries(c -> Map.of("tenant", c.attributes().get("pk").s()));
    }
    assertThatThrownBy(() -> ItemEncryptor.create(wrongKey.build()).decryptItem(alice, CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class);
    if (tenantEntry) {
      // Without the extra entry the KMS context differs: KMS refuses.
      assertThatThrownBy(
              () ->
                  ItemEncryptor.create(ddbecTenantProvider(false).build())
                      .decryptItem(alice, CONFIG))
          .isInstanceOf(MaterialsUnavailableException.class)
          .hasMessageContaining("InvalidCiphertextException");
    }
  }

  @ParameterizedTest(name = "tenant entry in the KMS context: {0}")
  @ValueSource(booleans = {true, false})
  void kms_ddbecSelectorEncrypts_pythonSelectKeyIdSubclassDecrypts(boolean tenantEntry) {
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecTenantProvider(tenantEntry).build());
    ObjectNode python = pythonTenantProvider(tenantEntry);
    for (String pk : new String[] {"anna", "ben", "amir"}) {
      Map<String, AttributeValue> item = item(pk, 7);
      COUNTER.reset();
      Map<String, AttributeValue> stored = ddbec.encryptItem(item, CONFIG);
      assertThat(COUNTER.requests(GenerateDataKeyRequest.class))
          .extracting(GenerateDataKeyRequest::keyId)
          .containsExactly(keyFor(pk));
      assertThat(wrappingKeyOf(stored, tenantEntry)).isEqualTo(keyFor(pk));
      assertThat(peer.decrypt(pythonTable(python), stored)).isEqualTo(item);
      if (tenantEntry) {
        // The library's provider without the overridden context cannot read it.
        ObjectNode plain =
            PeerRequests.awsKmsProvider(keyFor(pk), MOTO.endpoint().toString(), REGION_ID);
        assertThatThrownBy(() -> peer.decrypt(pythonTable(plain), stored))
            .isInstanceOf(PeerError.class);
      }
    }
  }

  // --- delegated keys ------------------------------------------------------------------------

  private static Map<String, Integer> pythonDelegateCalls(ObjectNode provider) {
    ObjectNode call = request("delegated_calls");
    call.set("provider", provider);
    Map<String, Integer> calls = new HashMap<>();
    peer.callOk(call)
        .get("calls")
        .properties()
        .forEach(e -> calls.put(e.getKey(), e.getValue().asInt()));
    return calls;
  }

  @ParameterizedTest(name = "wrapped: {0}")
  @ValueSource(booleans = {false, true})
  void delegatedKeys_pythonDelegatedKeyAndDdbecDelegatedKeyReadEachOther(boolean wrapped) {
    byte[] keyBytes = TestKeys.randomBytes(32);
    byte[] hmacBytes = TestKeys.randomBytes(32);
    ObjectNode python =
        providerSpec("delegated")
            .put(wrapped ? "wrap_aes" : "aes", b64(keyBytes))
            .put("hmac", b64(hmacBytes));
    CountingDelegate key = new CountingDelegate(keyBytes, "AES");
    CountingDelegate hmac = new CountingDelegate(hmacBytes, "HmacSHA256");
    ItemEncryptor ddbec =
        ItemEncryptor.create(
            wrapped
                ? WrappedMaterialsProvider.builder().wrappingKey(key).hmacKey(hmac).build()
                : StaticMaterialsProvider.builder().encryptionKey(key).hmacKey(hmac).build());
    for (int i = 0; i < 5; i++) {
      Map<String, AttributeValue> item = item("delegated-" + i, i);
      Map<String, AttributeValue> byPython = peer.encrypt(pythonTable(python), item);
      if (wrapped) {
        assertThat(description(byPython)).containsEntry(FormatNames.WRAP_ALG, "AESWrap");
      }
      assertThat(ddbec.decryptItem(byPython, CONFIG)).isEqualTo(item);
      assertThat(peer.decrypt(pythonTable(python), ddbec.encryptItem(item, CONFIG)))
          .isEqualTo(item);
    }
    if (wrapped) {
      // The content keys encrypt; the delegates wrap, unwrap, sign and verify once per item.
      assertThat(pythonDelegateCalls(python))
          .isEqualTo(Map.of("wrap", 5, "unwrap", 5, "sign", 5, "verify", 5));
      assertThat(key.wraps.get()).isEqualTo(5);
      assertThat(key.unwraps.get()).isEqualTo(5);
    } else {
      // Two encrypted attributes per item (secret, blob), one signature per item, each side.
      assertThat(pythonDelegateCalls(python))
          .isEqualTo(Map.of("encrypt", 10, "decrypt", 10, "sign", 5, "verify", 5));
      assertThat(key.encrypts.get()).isEqualTo(10);
      assertThat(key.decrypts.get()).isEqualTo(10);
    }
    assertThat(hmac.verifies.get()).isEqualTo(5);
    assertThat(hmac.signs.get()).isEqualTo(5 + 5); // the delegate's verify signs once to compare
  }

  // --- most-recent provider: a material name per tenant --------------------------------------

  /** A MetaStore table and its meta keys, seen by ddbec and by the Python peer. */
  private record Tenants(SharedMetaStore store) {
    static Tenants create() {
      return new Tenants(SharedMetaStore.created(DDB.local().client(), "py-tenants"));
    }

    /** ddbec: one provider, the material name chosen per item. */
    ItemEncryptor ddbec() {
      return ItemEncryptor.create(
          CachingMostRecentProvider.builder()
              .metaStore(store.ddbec())
              .materialNameSelector(c -> "tenant-" + c.attributes().get("pk").s())
              .ttl(Duration.ofMinutes(5))
              .build());
    }

    /** Python: one provider per material name (it has no per-context hook). */
    ObjectNode python(String tenant) {
      return PeerRequests.mostRecentProvider(
          DDB.local().endpoint().toString(),
          LocalDynamoDb.REGION.id(),
          store.table(),
          "tenant-" + tenant,
          300.0,
          store.pythonMeta());
    }
  }

  @Test
  void mostRecent_ddbecSelectorWrites_pythonProviderOfThatMaterialNameReads() {
    Tenants tenants = Tenants.create();
    ItemEncryptor ddbec = tenants.ddbec();
    Map<String, Map<String, AttributeValue>> stored = new LinkedHashMap<>();
    for (String tenant : new String[] {"acme", "globex"}) {
      Map<String, AttributeValue> item = item(tenant, 1);
      stored.put(tenant, ddbec.encryptItem(item, CONFIG));
      assertThat(description(stored.get(tenant)))
          .containsEntry(FormatNames.META_ID, "tenant-" + tenant + "#0");
      assertThat(peer.decrypt(pythonTable(tenants.python(tenant)), stored.get(tenant)))
          .isEqualTo(item);
    }
    // Python reads with its own material name whatever the item names: acme's provider cannot
    // read globex's item (version 0 of another material).
    assertThatThrownBy(
            () -> peer.decrypt(pythonTable(tenants.python("acme")), stored.get("globex")))
        .isInstanceOf(PeerError.class);
    assertThat(tenants.store().ddbec().versions("tenant-acme")).containsExactly(0L);
    assertThat(tenants.store().ddbec().versions("tenant-globex")).containsExactly(0L);
  }

  @Test
  void mostRecent_pythonProviderPerMaterialNameWrites_ddbecSelectorReads() {
    Tenants tenants = Tenants.create();
    ItemEncryptor ddbec = tenants.ddbec();
    for (String tenant : new String[] {"acme", "globex"}) {
      Map<String, AttributeValue> item = item(tenant, 2);
      Map<String, AttributeValue> byPython =
          peer.encrypt(pythonTable(tenants.python(tenant)), item);
      assertThat(description(byPython))
          .containsEntry(FormatNames.META_ID, "tenant-" + tenant + "#0");
      assertThat(ddbec.decryptItem(byPython, CONFIG)).isEqualTo(item);
    }
    // Python created one material per tenant; ddbec found each by its selector.
    assertThat(tenants.store().ddbec().versions("tenant-acme")).containsExactly(0L);
    assertThat(tenants.store().ddbec().versions("tenant-globex")).containsExactly(0L);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The table as the official Python client protects it with {@code provider}. */
  private static PeerRequests.ItemTable pythonTable(ObjectNode provider) {
    return new PeerRequests.ItemTable(TABLE, "pk", "sk", provider, PYTHON_ACTIONS);
  }

  private static MaterialsProvider load(Map<String, String> options, Map<String, String> env) {
    return MaterialsProviders.load(
        options,
        MaterialsProviders.factories(PythonParityInteropTest.class.getClassLoader()),
        env::get);
  }

  /** Writes a key file and returns its {@code file:} reference. */
  private static String file(String text) {
    return file(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String file(byte[] content) {
    Path p = dir.resolve("key-" + FILES.incrementAndGet());
    try {
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "file:" + p;
  }

  /** A request for one of the peer's ops not built by {@link PeerRequests}. */
  private static ObjectNode request(String op) {
    return PythonPeer.mapper().createObjectNode().put("op", op);
  }

  /** A provider spec of a type not built by {@link PeerRequests} (see ddbec_peer.py). */
  private static ObjectNode providerSpec(String type) {
    return PythonPeer.mapper().createObjectNode().put("type", type);
  }

  private static Map<String, String> description(Map<String, AttributeValue> stored) {
    return ItemFormat.decodeMaterialDescription(
        stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray());
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static Map<String, AttributeValue> item(String pk, int sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromN(Integer.toString(sk)));
    item.put("secret", AttributeValue.fromS("secret of " + pk));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(TestKeys.randomBytes(7))));
    item.put("signed", AttributeValue.fromN("42"));
    return item;
  }
}
