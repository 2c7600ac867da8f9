package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.provider.pkcs11.Pkcs11MaterialsProvider;
import dev.ddbec.provider.pkcs11.Pkcs11Token;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.SoftHsm2;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items written through a PKCS#11 token (SoftHSM2) are read by the official Java and Python clients
 * given the same key material, and the reverse. The keys are the fixture's extractable test keys,
 * generated on the token; their bytes are read back only to configure the official clients'
 * software providers.
 */
class HsmInteropTest {
  private static final String X_WRAP_AES = "x-wrap-aes";
  private static final String X_SIGN_HMAC = "x-sign-hmac";
  private static final String X_WRAP_RSA = "x-wrap-rsa";

  private static final String TABLE = "HsmInterop";
  private static final CryptoConfig CONFIG =
      CryptoConfig.of(
          SampleTable.context(TABLE),
          SampleTable.actions().toBuilder().action("year", CryptoAction.SIGN_ONLY).build());
  private static final OfficialJavaClient.Actions JAVA_ACTIONS =
      OfficialJavaClient.Actions.of("encrypt").with("year", "sign");
  private static final ObjectNode PY_ACTIONS =
      PeerRequests.actions("encrypt", Map.of("year", "sign"));
  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk", AttributeValue.fromS("isbn-42"),
          "title", AttributeValue.fromS("Keys in a box"),
          "year", AttributeValue.fromN("2024"),
          "cover", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})),
          "inPrint", AttributeValue.fromBool(true),
          "authors",
              AttributeValue.fromL(List.of(AttributeValue.fromS("A"), AttributeValue.fromN("7"))),
          "meta", AttributeValue.fromM(Map.of("pages", AttributeValue.fromN("321"))));

  private static Pkcs11MaterialsProvider hsmAes;
  private static Pkcs11MaterialsProvider hsmRsa;
  private static byte[] aes;
  private static byte[] hmac;
  private static byte[] rsaPrivate;
  private static byte[] rsaPublic;
  private static PythonPeer peer;

  @BeforeAll
  static void setUp() throws Exception {
    SoftHsm2 hsm = SoftHsm2.get();
    // Extractable keys: the official clients get their bytes.
    try (Pkcs11Token admin = token(hsm)) {
      admin.generateAesKey(X_WRAP_AES, 256, true);
      admin.generateHmacKey(X_SIGN_HMAC, 256, true);
      admin.generateRsaKeyPair(X_WRAP_RSA, 2048, true);
    }
    hsmAes =
        Pkcs11MaterialsProvider.builder()
            .token(token(hsm))
            .wrappingKey(X_WRAP_AES)
            .signingKey(X_SIGN_HMAC)
            .build();
    // The Python peer's wrapped_rsa provider uses one key pair to wrap and to sign.
    hsmRsa =
        Pkcs11MaterialsProvider.builder()
            .token(token(hsm))
            .wrappingKey(X_WRAP_RSA)
            .signingKey(X_WRAP_RSA)
            .legacySharedRsaKey(true) // refused by default; explicit for this peer fixture
            .build();
    Pkcs11Token token = hsmAes.token();
    KeyStore ks = KeyStore.getInstance("PKCS11", token.provider());
    ks.load(null, null);
    aes = ks.getKey(X_WRAP_AES, null).getEncoded();
    hmac = ks.getKey(X_SIGN_HMAC, null).getEncoded();
    rsaPrivate = ks.getKey(X_WRAP_RSA, null).getEncoded();
    rsaPublic = ks.getCertificate(X_WRAP_RSA).getPublicKey().getEncoded();
    peer = PythonPeer.start();
  }

  @AfterAll
  static void tearDown() {
    if (peer != null) {
      peer.close();
    }
    hsmAes.close();
    hsmRsa.close();
  }

  private static Map<String, AttributeValue> hsmEncrypt(Pkcs11MaterialsProvider p) {
    Map<String, AttributeValue> stored = ItemEncryptor.create(p).encryptItem(ITEM, CONFIG);
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    return stored;
  }

  private static Map<String, AttributeValue> hsmDecrypt(
      Pkcs11MaterialsProvider p, Map<String, AttributeValue> stored) {
    return ItemEncryptor.create(p).decryptItem(stored, CONFIG);
  }

  private static Map<String, AttributeValue> python(
      String op, ObjectNode provider, Map<String, AttributeValue> item) {
    PeerRequests.ItemTable table =
        new PeerRequests.ItemTable(TABLE, "pk", null, provider, PY_ACTIONS);
    return "encrypt".equals(op) ? peer.encrypt(table, item) : peer.decrypt(table, item);
  }

  @Test
  void aesWrapHmac_hsmItem_readByOfficialJavaClient() {
    Map<String, AttributeValue> stored = hsmEncrypt(hsmAes);
    assertThat(officialDecrypt(stored, OfficialJavaClient.wrappedAesHmac(aes, hmac)))
        .isEqualTo(ITEM);
  }

  @Test
  void aesWrapHmac_officialJavaItem_readThroughTheHsm() {
    Map<String, AttributeValue> stored =
        officialEncrypt(
            OfficialJavaClient.wrappedAesHmac(aes, hmac, Map.of("amzn-ddb-env-alg", "AES/256")));
    assertThat(hsmDecrypt(hsmAes, stored)).isEqualTo(ITEM);
  }

  @Test
  void rsaWrapRsaSign_hsmItem_readByOfficialJavaClientAndBack() {
    var official = OfficialJavaClient.wrappedRsa(rsaPublic, rsaPrivate, rsaPublic, rsaPrivate);
    assertThat(officialDecrypt(hsmEncrypt(hsmRsa), official)).isEqualTo(ITEM);
    Map<String, AttributeValue> stored =
        officialEncrypt(
            OfficialJavaClient.wrappedRsa(
                rsaPublic,
                rsaPrivate,
                rsaPublic,
                rsaPrivate,
                Map.of("amzn-ddb-env-alg", "AES/256")));
    assertThat(hsmDecrypt(hsmRsa, stored)).isEqualTo(ITEM);
  }

  @Test
  void aesWrapHmac_hsmItem_readByOfficialPythonClientAndBack() {
    ObjectNode provider = PeerRequests.wrappedProvider(aes, hmac);
    assertThat(python("decrypt", provider, hsmEncrypt(hsmAes))).isEqualTo(ITEM);
    assertThat(hsmDecrypt(hsmAes, python("encrypt", provider, ITEM))).isEqualTo(ITEM);
  }

  @Test
  void rsaWrapRsaSign_hsmItem_readByOfficialPythonClientAndBack() {
    ObjectNode provider = PeerRequests.wrappedRsaProvider(rsaPrivate, rsaPublic);
    assertThat(python("decrypt", provider, hsmEncrypt(hsmRsa))).isEqualTo(ITEM);
    assertThat(hsmDecrypt(hsmRsa, python("encrypt", provider, ITEM))).isEqualTo(ITEM);
  }

  private static Pkcs11Token token(SoftHsm2 hsm) {
    return Pkcs11Token.builder()
        .library(hsm.library())
        .tokenLabel(SoftHsm2.TOKEN_LABEL)
        .pin(SoftHsm2.PIN::toCharArray)
        .build();
  }

  private static Map<String, AttributeValue> officialEncrypt(EncryptionMaterialsProvider p) {
    return OfficialJavaClient.encrypt(ITEM, TABLE, "pk", null, JAVA_ACTIONS, p);
  }

  private static Map<String, AttributeValue> officialDecrypt(
      Map<String, AttributeValue> stored, EncryptionMaterialsProvider p) {
    return OfficialJavaClient.decrypt(stored, TABLE, "pk", null, JAVA_ACTIONS, p);
  }
}
