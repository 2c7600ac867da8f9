package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The constant-time padding decoders, against SunJCE's padded RSA. */
class RsaPaddingsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static KeyPair pair;

  @BeforeAll
  static void keys() throws Exception {
    pair = TestRsaKeys.generate();
  }

  /** The raw RSA decryption, left-padded to the modulus length. */
  private static byte[] rawDecrypt(byte[] c) {
    RSAPrivateKey k = (RSAPrivateKey) pair.getPrivate();
    byte[] m = new BigInteger(1, c).modPow(k.getPrivateExponent(), k.getModulus()).toByteArray();
    byte[] em = new byte[k()];
    int n = Math.min(m.length, em.length);
    System.arraycopy(m, m.length - n, em, em.length - n, n);
    return em;
  }

  private static byte[] message(byte[] em, int start) {
    assertThat(start).isBetween(0, em.length);
    return java.util.Arrays.copyOfRange(em, start, em.length);
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
        byte[] em = rawDecrypt(oaep(digest, key));
        assertThat(message(em, RsaPaddings.decodeOaep(em, digest))).as(digest).isEqualTo(key);
      }
    }
  }

  @Test
  void decodeOaep_defaultSunJceTransformationName_isMgf1Sha1() throws Exception {
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    c.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    byte[] key = random(32);
    byte[] em = rawDecrypt(c.doFinal(key));
    assertThat(message(em, RsaPaddings.decodeOaep(em, "SHA-256"))).isEqualTo(key);
  }

  @Test
  void decodeOaep_wrongDigestTamperedOrRandom_returnsMinusOne() throws Exception {
    byte[] ct = oaep("SHA-256", random(32));
    byte[] em = rawDecrypt(ct);
    assertThat(RsaPaddings.decodeOaep(em, "SHA-1")).isEqualTo(-1);
    byte[] tampered = em.clone();
    tampered[k() - 1] ^= 1;
    assertThat(RsaPaddings.decodeOaep(tampered, "SHA-256")).isEqualTo(-1);
    byte[] bad = ct.clone();
    bad[5] ^= 1;
    assertThat(RsaPaddings.decodeOaep(rawDecrypt(bad), "SHA-256")).isEqualTo(-1);
    assertThat(RsaPaddings.decodeOaep(new byte[k()], "SHA-256")).isEqualTo(-1);
    assertThat(RsaPaddings.decodeOaep(new byte[40], "SHA-256")).isEqualTo(-1);
  }

  @Test
  void decodePkcs1_sunJcePkcs1Padding_recoversMessage() throws Exception {
    Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    c.init(Cipher.ENCRYPT_MODE, pair.getPublic());
    for (int len : new int[] {0, 16, 32, 245}) {
      byte[] m = random(len);
      byte[] em = rawDecrypt(c.doFinal(m));
      assertThat(message(em, RsaPaddings.decodePkcs1(em))).isEqualTo(m);
    }
  }

  @Test
  void decodePkcs1_malformed_returnsMinusOne() {
    byte[] em = new byte[k()];
    em[1] = 2;
    java.util.Arrays.fill(em, 2, 9, (byte) 7); // only seven padding bytes, then zero
    assertThat(RsaPaddings.decodePkcs1(em)).isEqualTo(-1);
    byte[] noSeparator = new byte[k()];
    noSeparator[1] = 2;
    java.util.Arrays.fill(noSeparator, 2, k(), (byte) 7);
    assertThat(RsaPaddings.decodePkcs1(noSeparator)).isEqualTo(-1);
    byte[] wrongType = new byte[k()];
    wrongType[1] = 1;
    java.util.Arrays.fill(wrongType, 2, 20, (byte) 7);
    assertThat(RsaPaddings.decodePkcs1(wrongType)).isEqualTo(-1);
  }
}
