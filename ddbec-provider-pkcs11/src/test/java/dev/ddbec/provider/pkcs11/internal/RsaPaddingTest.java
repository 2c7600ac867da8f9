package dev.ddbec.provider.pkcs11.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The software half of RSA unwrapping, against SunJCE's padded RSA. */
class RsaPaddingTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static KeyPair pair;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
  }

  /** What a token's raw RSA decryption returns (leading zeros dropped, as some tokens do). */
  private static byte[] rawDecrypt(byte[] c) {
    RSAPrivateKey k = (RSAPrivateKey) pair.getPrivate();
    byte[] m = new BigInteger(1, c).modPow(k.getPrivateExponent(), k.getModulus()).toByteArray();
    return m[0] == 0 ? java.util.Arrays.copyOfRange(m, 1, m.length) : m;
  }

  private static int k() {
    return (((RSAPublicKey) pair.getPublic()).getModulus().bitLength() + 7) / 8;
  }

  private static byte[] oaep(String digest, byte[] message) throws Exception {
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        pair.getPublic(),
        new OAEPParameterSpec(digest, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
    return c.doFinal(message);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void decodeOaep_sunJceOaepWithMgf1Sha1_recoversMessageForEveryDigest() throws Exception {
    for (String digest : new String[] {"SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
      for (int i = 0; i < 5; i++) {
        byte[] key = random(32);
        byte[] em = RsaPadding.toModulusLength(rawDecrypt(oaep(digest, key)), k());
        assertThat(RsaPadding.decodeOaep(em, digest)).as(digest).isEqualTo(key);
      }
    }
  }

  @Test
  void decodeOaep_defaultSunJceTransformationName_isMgf1Sha1() throws Exception {
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    c.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    byte[] key = random(32);
    byte[] em = RsaPadding.toModulusLength(rawDecrypt(c.doFinal(key)), k());
    assertThat(RsaPadding.decodeOaep(em, "SHA-256")).isEqualTo(key);
  }

  @Test
  void decodeOaep_wrongDigestTamperedOrRandom_throws() throws Exception {
    byte[] ct = oaep("SHA-256", random(32));
    byte[] em = RsaPadding.toModulusLength(rawDecrypt(ct), k());
    assertThatThrownBy(() -> RsaPadding.decodeOaep(em, "SHA-1"))
        .isInstanceOf(RsaPadding.DecodingException.class);
    byte[] tampered = em.clone();
    tampered[k() - 1] ^= 1;
    assertThatThrownBy(() -> RsaPadding.decodeOaep(tampered, "SHA-256"))
        .isInstanceOf(RsaPadding.DecodingException.class);
    byte[] bad = ct.clone();
    bad[5] ^= 1;
    assertThatThrownBy(
            () ->
                RsaPadding.decodeOaep(RsaPadding.toModulusLength(rawDecrypt(bad), k()), "SHA-256"))
        .isInstanceOf(RsaPadding.DecodingException.class);
    assertThatThrownBy(() -> RsaPadding.decodeOaep(new byte[k()], "SHA-256"))
        .isInstanceOf(RsaPadding.DecodingException.class);
    assertThatThrownBy(() -> RsaPadding.decodeOaep(new byte[40], "SHA-256"))
        .isInstanceOf(RsaPadding.DecodingException.class);
  }

  @Test
  void decodePkcs1_sunJcePkcs1Padding_recoversMessage() throws Exception {
    Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    c.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    for (int len : new int[] {0, 16, 32, 245}) {
      byte[] m = random(len);
      byte[] em = RsaPadding.toModulusLength(rawDecrypt(c.doFinal(m)), k());
      assertThat(RsaPadding.decodePkcs1(em)).isEqualTo(m);
    }
  }

  @Test
  void decodePkcs1_malformed_throws() {
    byte[] em = new byte[k()];
    em[1] = 2;
    java.util.Arrays.fill(em, 2, 9, (byte) 7); // only seven padding bytes, then zero
    assertThatThrownBy(() -> RsaPadding.decodePkcs1(em))
        .isInstanceOf(RsaPadding.DecodingException.class);
    byte[] noSeparator = new byte[k()];
    noSeparator[1] = 2;
    java.util.Arrays.fill(noSeparator, 2, k(), (byte) 7);
    assertThatThrownBy(() -> RsaPadding.decodePkcs1(noSeparator))
        .isInstanceOf(RsaPadding.DecodingException.class);
    byte[] wrongType = new byte[k()];
    wrongType[1] = 1;
    java.util.Arrays.fill(wrongType, 2, 20, (byte) 7);
    assertThatThrownBy(() -> RsaPadding.decodePkcs1(wrongType))
        .isInstanceOf(RsaPadding.DecodingException.class);
  }

  @Test
  void toModulusLength_longerThanModulus_throws() {
    assertThatThrownBy(() -> RsaPadding.toModulusLength(new byte[257], 256))
        .isInstanceOf(RsaPadding.DecodingException.class);
  }
}
