package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.DirectKmsMaterialProvider;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.interop.OfficialJavaClient.OfficialClientException;
import dev.ddbec.provider.kms.KmsMaterialsProvider;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.MotoKmsServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;

/**
 * The Direct KMS hooks across clients: the official Java client's {@code DirectKmsMaterialProvider}
 * subclassed to override {@code selectEncryptionKeyId} (a key per tenant) and {@code
 * populateKmsEcFromEc} (a tenant entry in the KMS encryption context) writes items that ddbec reads
 * with {@link KmsMaterialsProvider.Builder#keyIdSelector} and {@link
 * KmsMaterialsProvider.Builder#kmsContextEntries}, and the reverse; the official decrypt-only
 * provider ({@code new DirectKmsMaterialProvider(kms)}) and ddbec's {@link
 * KmsMaterialsProvider.Builder#decryptOnly()} read each other's items under two keys. One moto KMS
 * server serves both SDKs.
 */
class DirectKmsHooksInteropTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final String REGION_ID = "us-west-2";
  private static final String TABLE = "KmsHooks";
  private static final KmsCallCounter COUNTER = new KmsCallCounter().recording();
  private static final Actions OFFICIAL_ACTIONS =
      new Actions(PeerRequests.ENCRYPT, Map.of("signed", PeerRequests.SIGN));
  private static final CryptoConfig CONFIG = InteropItems.pkSkConfig(TABLE, "signed");

  private static KmsClient kms;
  private static AWSKMS kmsV1;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void setUp() {
    kms = MOTO.client(Region.of(REGION_ID), COUNTER);
    keyA = MotoKmsServer.createKey(kms);
    keyB = MotoKmsServer.createKey(kms);
    kmsV1 =
        AWSKMSClientBuilder.standard()
            .withEndpointConfiguration(
                new EndpointConfiguration(MOTO.endpoint().toString(), REGION_ID))
            .withCredentials(
                new AWSStaticCredentialsProvider(new BasicAWSCredentials("testing", "testing")))
            .build();
  }

  @AfterAll
  static void tearDown() {
    if (kmsV1 != null) {
      kmsV1.shutdown();
    }
  }

  @BeforeEach
  void reset() {
    COUNTER.reset();
  }

  /** The official way: a subclass overriding the two hooks. */
  static final class TenantKmsProvider extends DirectKmsMaterialProvider {
    TenantKmsProvider(AWSKMS kms) {
      super(kms);
    }

    @Override
    protected String selectEncryptionKeyId(
        com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext context) {
      return keyFor(context.getAttributeValues().get("pk").getS());
    }

    @Override
    protected void populateKmsEcFromEc(
        com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext context,
        Map<String, String> kmsEc) {
      super.populateKmsEcFromEc(context, kmsEc);
      kmsEc.put("tenant", context.getAttributeValues().get("pk").getS());
    }
  }

  private static String keyFor(String partitionKey) {
    return partitionKey.startsWith("a") ? keyA : keyB;
  }

  /** The ddbec way: the same hooks as functions. */
  private static KmsMaterialsProvider ddbecTenantProvider() {
    return KmsMaterialsProvider.builder()
        .kmsClient(kms)
        .keyIdSelector(c -> keyFor(c.attributes().get("pk").s()))
        .kmsContextEntries(c -> Map.of("tenant", c.attributes().get("pk").s()))
        .build();
  }

  @Test
  void officialSubclassEncrypts_ddbecHooksDecrypt_strictPerTenantKey() {
    TenantKmsProvider official = new TenantKmsProvider(kmsV1);
    Map<String, AttributeValue> alice = item("alice", "1");
    Map<String, AttributeValue> bob = item("bob", "2");
    Map<String, AttributeValue> storedAlice =
        OfficialJavaClient.encrypt(alice, TABLE, "pk", "sk", OFFICIAL_ACTIONS, official);
    Map<String, AttributeValue> storedBob =
        OfficialJavaClient.encrypt(bob, TABLE, "pk", "sk", OFFICIAL_ACTIONS, official);

    KmsMaterialsProvider ddbecProvider = ddbecTenantProvider();
    assertThat(ddbecProvider.strictKeyId()).isTrue();
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecProvider);
    COUNTER.reset();
    assertThat(ddbec.decryptItem(storedAlice, CONFIG)).isEqualTo(alice);
    assertThat(ddbec.decryptItem(storedBob, CONFIG)).isEqualTo(bob);
    assertThat(COUNTER.requests(DecryptRequest.class))
        .extracting(DecryptRequest::keyId)
        .containsExactly(keyA, keyB);
    assertThat(COUNTER.requests(DecryptRequest.class).get(1).encryptionContext())
        .containsEntry("tenant", "bob");

    // Without the extra entry the KMS context differs: KMS refuses.
    assertThatThrownBy(
            () ->
                ItemEncryptor.create(
                        KmsMaterialsProvider.builder()
                            .kmsClient(kms)
                            .keyIdSelector(c -> keyFor(c.attributes().get("pk").s()))
                            .build())
                    .decryptItem(storedAlice, CONFIG))
        .isInstanceOf(dev.ddbec.api.MaterialsUnavailableException.class)
        .hasMessageContaining("InvalidCiphertextException");
  }

  @Test
  void ddbecHooksEncrypt_officialSubclassDecrypts() {
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecTenantProvider());
    TenantKmsProvider official = new TenantKmsProvider(kmsV1);
    for (String pk : new String[] {"anna", "ben", "amir"}) {
      Map<String, AttributeValue> item = item(pk, "7");
      Map<String, AttributeValue> stored = ddbec.encryptItem(item, CONFIG);
      assertThat(OfficialJavaClient.decrypt(stored, TABLE, "pk", "sk", OFFICIAL_ACTIONS, official))
          .isEqualTo(item);
      // The official provider without the tenant entry cannot read it.
      assertThatThrownBy(
              () ->
                  OfficialJavaClient.decrypt(
                      stored,
                      TABLE,
                      "pk",
                      "sk",
                      OFFICIAL_ACTIONS,
                      new DirectKmsMaterialProvider(kmsV1, keyFor(pk))))
          .isInstanceOf(OfficialClientException.class);
    }
  }

  @Test
  void decryptOnly_bothClients_readItemsUnderEitherKey() {
    ItemEncryptor ddbecReader =
        ItemEncryptor.create(KmsMaterialsProvider.builder().kmsClient(kms).decryptOnly().build());
    DirectKmsMaterialProvider officialReader = new DirectKmsMaterialProvider(kmsV1);
    for (String key : new String[] {keyA, keyB}) {
      Map<String, AttributeValue> item = item("k-" + key.substring(key.length() - 4), "3");
      Map<String, AttributeValue> byOfficial =
          OfficialJavaClient.encrypt(
              item, TABLE, "pk", "sk", OFFICIAL_ACTIONS, new DirectKmsMaterialProvider(kmsV1, key));
      assertThat(ddbecReader.decryptItem(byOfficial, CONFIG)).isEqualTo(item);

      Map<String, AttributeValue> byDdbec =
          ItemEncryptor.create(KmsMaterialsProvider.create(kms, key)).encryptItem(item, CONFIG);
      assertThat(
              OfficialJavaClient.decrypt(
                  byDdbec, TABLE, "pk", "sk", OFFICIAL_ACTIONS, officialReader))
          .isEqualTo(item);
    }
    // Neither decrypt-only provider can write.
    assertThatThrownBy(() -> ddbecReader.encryptItem(item("x", "1"), CONFIG))
        .isInstanceOf(dev.ddbec.api.MaterialsUnavailableException.class);
    assertThatThrownBy(
            () ->
                OfficialJavaClient.encrypt(
                    item("x", "1"), TABLE, "pk", "sk", OFFICIAL_ACTIONS, officialReader))
        .isInstanceOf(OfficialClientException.class);
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromN(sk));
    item.put("secret", AttributeValue.fromS("secret of " + pk));
    item.put("signed", AttributeValue.fromN("42"));
    return item;
  }
}
