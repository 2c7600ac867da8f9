package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Key;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PerThreadCipherTest {
  private static final PerThreadCipher AES = PerThreadCipher.of("AES/ECB/NoPadding");

  @Test
  void forKey_jdkKey_isTheThreadsOwnInstance() throws Exception {
    Key key = new SecretKeySpec(new byte[16], "AES");
    Cipher mine = AES.forKey(key);
    AtomicReference<Cipher> other = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                other.set(AES.forKey(key));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    t.start();
    t.join();

    assertThat(AES.forKey(key)).isSameAs(mine);
    assertThat(other.get()).isNotNull().isNotSameAs(mine);
  }

  @Test
  void forKey_keyOfAnotherModule_isAFreshInstanceEveryTime() throws Exception {
    Key foreign = new ForeignKey();

    assertThat(AES.forKey(foreign)).isNotSameAs(AES.forKey(foreign));
    assertThat(AES.forKey(foreign).getAlgorithm()).isEqualTo("AES/ECB/NoPadding");
  }

  /** A key class outside java.base, as an HSM provider's would be. */
  private static final class ForeignKey implements Key {
    @Override
    public String getAlgorithm() {
      return "AES";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }
}
