package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.EncryptionContext;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import org.junit.jupiter.api.Test;

class RsaOaepWrappingTest {

  @Test
  void parameters_digestAsNamed_mgf1AlwaysSha1() {
    OAEPParameterSpec spec = RsaOaepWrapping.parameters("RSA/ECB/OAEPWithSHA-384AndMGF1Padding");

    assertThat(spec.getDigestAlgorithm()).isEqualTo("SHA-384");
    assertThat(spec.getMGFAlgorithm()).isEqualTo("MGF1");
    assertThat(((MGF1ParameterSpec) spec.getMGFParameters()).getDigestAlgorithm())
        .isEqualTo("SHA-1");
    assertThatThrownBy(() -> RsaOaepWrapping.parameters(ContentKeyUnwrapper.RSA_PKCS1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrap_isReadByTheJdkAndByContentKeyUnwrapper() throws Exception {
    KeyPair pair = TestRsaKeys.generate();
    byte[] key = new byte[32];
    key[0] = 7;

    byte[] wrapped =
        RsaOaepWrapping.wrap(key, pair.getPublic(), ContentKeyUnwrapper.RSA_OAEP_SHA256);

    assertThat(wrapped)
        .hasSize((((RSAPublicKey) pair.getPublic()).getModulus().bitLength() + 7) / 8);
    Cipher jdk = Cipher.getInstance(ContentKeyUnwrapper.RSA_OAEP_SHA256);
    jdk.init(Cipher.DECRYPT_MODE, pair.getPrivate());
    assertThat(jdk.doFinal(wrapped)).isEqualTo(key);
    EncryptionContext context =
        EncryptionContext.builder()
            .tableName("T")
            .materialDescription(
                WrappedKeyDescription.withWrappedKey(
                    Map.of(), wrapped, ContentKeyUnwrapper.RSA_OAEP_SHA256))
            .build();
    assertThat(
            ContentKeyUnwrapper.forRsaPrivateKey(pair.getPrivate(), false)
                .unwrap(context)
                .getEncoded())
        .isEqualTo(key);
  }
}
