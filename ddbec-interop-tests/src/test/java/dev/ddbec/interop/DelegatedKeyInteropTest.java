package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.DelegatedKey;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.testing.TestKeys;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link DelegatedKey} (the official Java and Python clients' {@code DelegatedKey}): items
 * encrypted and signed through delegates are the same bytes as with local keys, so the official
 * Java client with plain keys reads what ddbec writes through delegates, and the reverse; each
 * delegate really runs (its calls are counted), and a bad ciphertext or a failing delegate gives
 * ddbec's typed errors. The delegate here runs the JCE in-process, standing in for a key held
 * elsewhere.
 */
class DelegatedKeyInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TABLE = "Delegated";
  private static final CryptoConfig CONFIG = InteropItems.pkConfig(TABLE, "signed");
  private static final Actions JAVA_ACTIONS =
      new Actions(PeerRequests.ENCRYPT, Map.of("signed", PeerRequests.SIGN));

  /** A key whose bytes stay inside the delegate; counts each operation. */
  static final class CountingDelegate implements DelegatedKey {
    private static final long serialVersionUID = 1L;
    private final transient SecretKeySpec key;
    final AtomicInteger encrypts = new AtomicInteger();
    final AtomicInteger decrypts = new AtomicInteger();
    final AtomicInteger signs = new AtomicInteger();
    final AtomicInteger verifies = new AtomicInteger();
    volatile boolean down;

    CountingDelegate(byte[] bytes, String algorithm) {
      this.key = new SecretKeySpec(bytes, algorithm);
    }

    @Override
    public String getAlgorithm() {
      return key.getAlgorithm();
    }

    /** Counts one operation, failing first if the delegate is down. */
    private void count(AtomicInteger operations) throws GeneralSecurityException {
      if (down) {
        throw new java.security.ProviderException("delegate unreachable");
      }
      operations.incrementAndGet();
    }

    /** Counts one operation and returns a cipher on the key for it. */
    private Cipher cipher(
        AtomicInteger operations, int mode, String algorithm, AlgorithmParameterSpec params)
        throws GeneralSecurityException {
      count(operations);
      Cipher c = Cipher.getInstance(algorithm);
      c.init(mode, key, params);
      return c;
    }

    @Override
    public byte[] encrypt(byte[] plainText, byte[] aad, String algorithm)
        throws GeneralSecurityException {
      byte[] iv = new byte[16];
      RANDOM.nextBytes(iv);
      byte[] ct =
          cipher(encrypts, Cipher.ENCRYPT_MODE, algorithm, new IvParameterSpec(iv))
              .doFinal(plainText);
      byte[] out = Arrays.copyOf(iv, 16 + ct.length);
      System.arraycopy(ct, 0, out, 16, ct.length);
      return out;
    }

    @Override
    public byte[] decrypt(byte[] cipherText, byte[] aad, String algorithm)
        throws GeneralSecurityException {
      return cipher(
              decrypts, Cipher.DECRYPT_MODE, algorithm, new IvParameterSpec(cipherText, 0, 16))
          .doFinal(cipherText, 16, cipherText.length - 16);
    }

    final AtomicInteger wraps = new AtomicInteger();
    final AtomicInteger unwraps = new AtomicInteger();

    @Override
    public byte[] wrap(java.security.Key toWrap, byte[] aad, String algorithm)
        throws GeneralSecurityException {
      return cipher(wraps, Cipher.WRAP_MODE, algorithm, null).wrap(toWrap);
    }

    @Override
    public java.security.Key unwrap(
        byte[] wrapped, String keyAlgorithm, int keyType, byte[] aad, String algorithm)
        throws GeneralSecurityException {
      return cipher(unwraps, Cipher.UNWRAP_MODE, algorithm, null)
          .unwrap(wrapped, keyAlgorithm, keyType);
    }

    @Override
    public byte[] sign(byte[] dataToSign, String algorithm) throws GeneralSecurityException {
      count(signs);
      Mac mac = Mac.getInstance(algorithm);
      mac.init(key);
      return mac.doFinal(dataToSign);
    }

    @Override
    public boolean verify(byte[] dataToSign, byte[] signature, String algorithm)
        throws GeneralSecurityException {
      verifies.incrementAndGet();
      return MessageDigest.isEqual(sign(dataToSign, algorithm), signature);
    }
  }

  /** ddbec's static provider over two delegated keys. */
  private static MaterialsProvider delegatedProvider(CountingDelegate aes, CountingDelegate hmac) {
    return StaticMaterialsProvider.builder().encryptionKey(aes).hmacKey(hmac).build();
  }

  private static Map<String, AttributeValue> item(int i) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS("item-" + i));
    item.put("secret", AttributeValue.fromS("secret " + i));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(TestKeys.randomBytes(5))));
    item.put("signed", AttributeValue.fromN(Integer.toString(i)));
    return item;
  }

  /** Items 0 to {@code n - 1}: ddbec's read by the official client, and the reverse. */
  private static void assertBothWays(
      int n, ItemEncryptor ddbec, EncryptionMaterialsProvider official) {
    for (int i = 0; i < n; i++) {
      Map<String, AttributeValue> item = item(i);
      Map<String, AttributeValue> byDdbec = ddbec.encryptItem(item, CONFIG);
      assertThat(OfficialJavaClient.decrypt(byDdbec, TABLE, "pk", null, JAVA_ACTIONS, official))
          .isEqualTo(item);
      Map<String, AttributeValue> byOfficial =
          OfficialJavaClient.encrypt(item, TABLE, "pk", null, JAVA_ACTIONS, official);
      assertThat(ddbec.decryptItem(byOfficial, CONFIG)).isEqualTo(item);
    }
  }

  @Test
  void delegatedKeys_writeAndReadTheOfficialClientsBytes() {
    byte[] aesBytes = TestKeys.randomBytes(32);
    byte[] hmacBytes = TestKeys.randomBytes(32);
    CountingDelegate aes = new CountingDelegate(aesBytes, "AES");
    CountingDelegate hmac = new CountingDelegate(hmacBytes, "HmacSHA256");
    ItemEncryptor ddbec = ItemEncryptor.create(delegatedProvider(aes, hmac));
    var official = OfficialJavaClient.staticAesHmac(aesBytes, hmacBytes);

    assertBothWays(10, ddbec, official);
    // Two encrypted attributes per item, both ways; one signature and one verification per item.
    assertThat(aes.encrypts.get()).isEqualTo(20);
    assertThat(aes.decrypts.get()).isEqualTo(20);
    assertThat(hmac.signs.get()).isEqualTo(10 + 10); // verify signs once to compare
    assertThat(hmac.verifies.get()).isEqualTo(10);
    assertThat(aes.getEncoded()).as("the key bytes never leave the delegate").isNull();
  }

  @Test
  void delegatedWrappingKey_wrappedProvider_readsAndWritesTheOfficialWrappedItems() {
    byte[] wrapBytes = TestKeys.randomBytes(32);
    byte[] hmacBytes = TestKeys.randomBytes(32);
    CountingDelegate wrapping = new CountingDelegate(wrapBytes, "AES");
    CountingDelegate hmac = new CountingDelegate(hmacBytes, "HmacSHA256");
    ItemEncryptor ddbec =
        ItemEncryptor.create(
            WrappedMaterialsProvider.builder().wrappingKey(wrapping).hmacKey(hmac).build());
    var official = OfficialJavaClient.wrappedAesHmac(wrapBytes, hmacBytes);
    assertBothWays(5, ddbec, official);
    assertThat(wrapping.wraps.get()).isEqualTo(5);
    assertThat(wrapping.unwraps.get()).isEqualTo(5);
    assertThat(hmac.verifies.get()).isEqualTo(5);
  }

  @Test
  void delegatedKeys_badCiphertextAndFailingDelegate_areTypedErrors() {
    CountingDelegate aes = new CountingDelegate(TestKeys.randomBytes(32), "AES");
    CountingDelegate hmac = new CountingDelegate(TestKeys.randomBytes(32), "HmacSHA256");
    ItemEncryptor ddbec = ItemEncryptor.create(delegatedProvider(aes, hmac));
    Map<String, AttributeValue> stored = ddbec.encryptItem(item(1), CONFIG);

    // Another AES key behind the same HMAC key: the signature verifies, decryption fails.
    ItemEncryptor otherAes =
        ItemEncryptor.create(
            delegatedProvider(new CountingDelegate(TestKeys.randomBytes(32), "AES"), hmac));
    assertThatThrownBy(() -> otherAes.decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("Could not decrypt attribute");

    aes.down = true;
    assertThatThrownBy(() -> ddbec.encryptItem(item(2), CONFIG))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("failed to encrypt")
        .hasMessageNotContaining("secret 2");
  }
}
