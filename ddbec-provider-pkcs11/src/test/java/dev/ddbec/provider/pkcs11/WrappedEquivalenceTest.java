package dev.ddbec.provider.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items are byte-compatible with ddbec-core's software {@link WrappedMaterialsProvider}: with
 * extractable keys generated on the token, what one writes the other reads, both ways.
 */
class WrappedEquivalenceTest {
  private static Pkcs11MaterialsProvider hsmAes;
  private static Pkcs11MaterialsProvider hsmRsa;
  private static WrappedMaterialsProvider softAes;
  private static WrappedMaterialsProvider softRsa;
  private static byte[] aesBytes;

  @BeforeAll
  static void open() throws Exception {
    SoftHsm.get();
    hsmAes = Pkcs11MaterialsProviderTest.provider(SoftHsm.X_WRAP_AES, SoftHsm.X_SIGN_HMAC);
    hsmRsa = Pkcs11MaterialsProviderTest.provider(SoftHsm.X_WRAP_RSA, SoftHsm.X_SIGN_RSA);
    KeyStore ks = KeyStore.getInstance("PKCS11", hsmAes.token().provider());
    ks.load(null, null);
    aesBytes = ks.getKey(SoftHsm.X_WRAP_AES, null).getEncoded();
    byte[] hmacBytes = ks.getKey(SoftHsm.X_SIGN_HMAC, null).getEncoded();
    assertThat(aesBytes).hasSize(32);
    assertThat(hmacBytes).hasSize(32);
    softAes =
        WrappedMaterialsProvider.builder()
            .wrappingKey(new SecretKeySpec(aesBytes, "AES"))
            .hmacKey(new SecretKeySpec(hmacBytes, "HmacSHA256"))
            .build();
    softRsa =
        WrappedMaterialsProvider.builder()
            .wrappingKeyPair(pair(ks, SoftHsm.X_WRAP_RSA))
            .signingKeyPair(pair(ks, SoftHsm.X_SIGN_RSA))
            .build();
  }

  static KeyPair pair(KeyStore ks, String label) throws Exception {
    PrivateKey p11 = (PrivateKey) ks.getKey(label, null);
    PrivateKey priv =
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(p11.getEncoded()));
    return new KeyPair(ks.getCertificate(label).getPublicKey(), priv);
  }

  @AfterAll
  static void close() {
    hsmAes.close();
    hsmRsa.close();
  }

  private static void crossRead(ItemEncryptor writer, ItemEncryptor reader) {
    Map<String, AttributeValue> stored =
        writer.encryptItem(Pkcs11MaterialsProviderTest.ITEM, Pkcs11MaterialsProviderTest.CONFIG);
    assertThat(reader.decryptItem(stored, Pkcs11MaterialsProviderTest.CONFIG))
        .isEqualTo(Pkcs11MaterialsProviderTest.ITEM);
  }

  @Test
  void aesWrapHmac_hsmItem_readBySoftwareWrappedProviderAndBack() {
    crossRead(ItemEncryptor.create(hsmAes), ItemEncryptor.create(softAes));
    crossRead(ItemEncryptor.create(softAes), ItemEncryptor.create(hsmAes));
  }

  @Test
  void rsaWrapRsaSign_hsmItem_readBySoftwareWrappedProviderAndBack() {
    crossRead(ItemEncryptor.create(hsmRsa), ItemEncryptor.create(softRsa));
    crossRead(ItemEncryptor.create(softRsa), ItemEncryptor.create(hsmRsa));
  }

  @Test
  void aesWrap_tokenRfc3394_sameBytesAsSunJceAesWrap() throws Exception {
    EncryptionMaterials m =
        hsmAes.encryptionMaterials(Pkcs11MaterialsProviderTest.CONFIG.context());
    Cipher jce = Cipher.getInstance("AESWrap", "SunJCE");
    jce.init(Cipher.WRAP_MODE, new SecretKeySpec(aesBytes, "AES"));
    assertThat(Base64.getDecoder().decode(m.materialDescription().get("amzn-ddb-env-key")))
        .isEqualTo(jce.wrap(m.encryptionKey().orElseThrow()));
  }
}
