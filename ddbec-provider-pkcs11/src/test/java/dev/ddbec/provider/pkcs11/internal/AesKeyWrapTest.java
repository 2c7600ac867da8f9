package dev.ddbec.provider.pkcs11.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.testing.TestKeys;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesKeyWrapTest {
  private static final HexFormat HEX = HexFormat.of();

  private static AesKeyWrap.BlockCipher ecb(byte[] kek, int mode) throws Exception {
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(mode, new SecretKeySpec(kek, "AES"));
    return c::doFinal;
  }

  @Test
  void wrap_rfc3394Vector256BitKeyUnder256BitKek_matchesSection4_6() throws Exception {
    byte[] kek = HEX.parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    byte[] key = HEX.parseHex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
    byte[] wrapped = AesKeyWrap.wrap(key, ecb(kek, Cipher.ENCRYPT_MODE));
    assertThat(HEX.formatHex(wrapped))
        .isEqualToIgnoringCase(
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
    assertThat(AesKeyWrap.unwrap(wrapped, ecb(kek, Cipher.DECRYPT_MODE))).isEqualTo(key);
  }

  @Test
  void wrap_randomKeys_sameBytesAsSunJceAesWrap() throws Exception {
    for (int kekLen : new int[] {16, 32}) {
      for (int keyLen : new int[] {16, 24, 32}) {
        byte[] kek = TestKeys.randomBytes(kekLen);
        byte[] key = TestKeys.randomBytes(keyLen);
        Cipher jce = Cipher.getInstance("AESWrap");
        jce.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
        byte[] expected = jce.wrap(new SecretKeySpec(key, "AES"));
        assertThat(AesKeyWrap.wrap(key, ecb(kek, Cipher.ENCRYPT_MODE))).isEqualTo(expected);
        assertThat(AesKeyWrap.unwrap(expected, ecb(kek, Cipher.DECRYPT_MODE))).isEqualTo(key);
      }
    }
  }

  @Test
  void unwrap_tamperedOrWrongKek_throwsIntegrityException() throws Exception {
    byte[] kek = TestKeys.randomBytes(32);
    byte[] wrapped = AesKeyWrap.wrap(TestKeys.randomBytes(32), ecb(kek, Cipher.ENCRYPT_MODE));
    wrapped[17] ^= 1;
    assertThatThrownBy(() -> AesKeyWrap.unwrap(wrapped, ecb(kek, Cipher.DECRYPT_MODE)))
        .isInstanceOf(AesKeyWrap.IntegrityException.class);
    wrapped[17] ^= 1;
    assertThatThrownBy(
            () -> AesKeyWrap.unwrap(wrapped, ecb(TestKeys.randomBytes(32), Cipher.DECRYPT_MODE)))
        .isInstanceOf(AesKeyWrap.IntegrityException.class);
  }

  @Test
  void unwrap_badLength_throwsIntegrityException() {
    assertThatThrownBy(() -> AesKeyWrap.unwrap(new byte[16], b -> b))
        .isInstanceOf(AesKeyWrap.IntegrityException.class);
    assertThatThrownBy(() -> AesKeyWrap.unwrap(new byte[41], b -> b))
        .isInstanceOf(AesKeyWrap.IntegrityException.class);
  }
}
