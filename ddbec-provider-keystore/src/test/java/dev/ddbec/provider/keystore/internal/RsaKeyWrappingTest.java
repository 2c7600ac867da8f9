package dev.ddbec.provider.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaKeyWrappingTest {
  static KeyPair pair;
  static SecretKey key;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
    KeyGenerator k = KeyGenerator.getInstance("AES");
    k.init(256);
    key = k.generateKey();
  }

  @Test
  void wrap_sunJceOaepSha256Name_unwrapsTheSameKey() throws Exception {
    byte[] wrapped = RsaKeyWrapping.wrap(key, pair.getPublic());

    // What the official Java client does with the name it writes.
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    c.init(Cipher.UNWRAP_MODE, pair.getPrivate());
    assertThat(c.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded())
        .isEqualTo(key.getEncoded());
  }
}
