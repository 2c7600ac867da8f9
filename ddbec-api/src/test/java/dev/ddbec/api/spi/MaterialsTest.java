package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Equality, redaction and defaults of {@link EncryptionMaterials} and {@link DecryptionMaterials}.
 */
class MaterialsTest {
  private static final SecretKey AES = new SecretKeySpec(bytes(16, 1), "AES");
  private static final SecretKey HMAC = new SecretKeySpec(bytes(32, 2), "HmacSHA256");
  private static KeyPair rsa;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestRsaKeys.generate();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }

  private static EncryptionMaterials.Builder enc() {
    return EncryptionMaterials.builder()
        .encryptionKey(AES)
        .signingKey(HMAC)
        .materialDescription(Map.of("b", "2", "a", "1"));
  }

  private static DecryptionMaterials.Builder dec() {
    return DecryptionMaterials.builder()
        .decryptionKey(AES)
        .verificationKey(HMAC)
        .materialDescription(Map.of("b", "2", "a", "1"));
  }

  @Test
  void equals_sameKeyBytesInOtherInstances_equalWithSameHashCode() {
    SecretKey aes = new SecretKeySpec(bytes(16, 1), "AES");
    SecretKey hmac = new SecretKeySpec(bytes(32, 2), "HmacSHA256");
    EncryptionMaterials e1 = enc().build();
    EncryptionMaterials e2 = enc().encryptionKey(aes).signingKey(hmac).build();
    DecryptionMaterials d1 = dec().build();
    DecryptionMaterials d2 = dec().decryptionKey(aes).verificationKey(hmac).build();

    assertThat(e1).isEqualTo(e2).hasSameHashCodeAs(e2);
    assertThat(d1).isEqualTo(d2).hasSameHashCodeAs(d2);
    assertThat(e1).isNotEqualTo(d1);
  }

  @Test
  void equals_keyBytesAlgorithmDescriptionOrSigningAlgorithmDiffer_notEqual() {
    EncryptionMaterials e = enc().build();
    assertThat(e)
        .isNotEqualTo(enc().encryptionKey(new SecretKeySpec(bytes(16, 3), "AES")).build())
        .isNotEqualTo(enc().encryptionKey(null).build())
        .isNotEqualTo(enc().signingKey(new SecretKeySpec(bytes(32, 2), "HmacSHA512")).build())
        .isNotEqualTo(enc().signingAlgorithm("HmacSHA384").build())
        .isNotEqualTo(enc().materialDescription(Map.of("a", "1")).build());
    DecryptionMaterials d = dec().build();
    assertThat(d)
        .isNotEqualTo(dec().decryptionKey(new SecretKeySpec(bytes(16, 3), "AES")).build())
        .isNotEqualTo(dec().decryptionKey(null).build())
        .isNotEqualTo(dec().verificationKey(new SecretKeySpec(bytes(32, 4), "HmacSHA256")).build())
        .isNotEqualTo(dec().materialDescription(Map.of()).build());
    assertThat(enc().encryptionKey(null).build()).isEqualTo(enc().encryptionKey(null).build());
  }

  @Test
  void equals_rsaKeys_comparesEncodings() {
    assertThat(EncryptionMaterials.builder().signingKey(rsa.getPrivate()).build())
        .isEqualTo(EncryptionMaterials.builder().signingKey(rsa.getPrivate()).build());
    assertThat(DecryptionMaterials.builder().verificationKey(rsa.getPublic()).build())
        .isEqualTo(DecryptionMaterials.builder().verificationKey(rsa.getPublic()).build());
  }

  @Test
  void toString_redactsKeysAndListsDescriptionKeysSorted() {
    assertThat(enc().build().toString())
        .isEqualTo(
            "EncryptionMaterials{encryptionKey=AES(redacted), signingKey=HmacSHA256(redacted),"
                + " signingAlgorithm=HmacSHA256, materialDescriptionKeys=[a, b]}");
    assertThat(dec().decryptionKey(null).build().toString())
        .isEqualTo(
            "DecryptionMaterials{decryptionKey=none, verificationKey=HmacSHA256(redacted),"
                + " signingAlgorithm=HmacSHA256, materialDescriptionKeys=[a, b]}");
    assertThat(EncryptionMaterials.builder().signingKey(rsa.getPrivate()).build().toString())
        .isEqualTo(
            "EncryptionMaterials{encryptionKey=none, signingKey=RSA(redacted),"
                + " signingAlgorithm=SHA256withRSA, materialDescriptionKeys=[]}");
  }

  @Test
  void build_signingAlgorithmDefaultsFromKey() {
    assertThat(enc().build().signingAlgorithm()).isEqualTo("HmacSHA256");
    assertThat(dec().verificationKey(rsa.getPublic()).build().signingAlgorithm())
        .isEqualTo("SHA256withRSA");
  }

  @Test
  void build_keyAndAlgorithmDoNotFit_throwsInvalidConfigurationException() {
    assertThatThrownBy(() -> enc().signingAlgorithm("SHA256withRSA").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> dec().verificationKey(rsa.getPrivate()).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> EncryptionMaterials.builder().signingKey(rsa.getPublic()).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void build_signingKeyMissing_throwsNullPointerExceptionNamingIt() {
    assertThatThrownBy(() -> EncryptionMaterials.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("signingKey");
    assertThatThrownBy(() -> DecryptionMaterials.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("verificationKey");
  }

  @Test
  void materialDescription_copiedAndUnmodifiable() {
    Map<String, String> d = new HashMap<>(Map.of("a", "1"));
    EncryptionMaterials e = enc().materialDescription(d).build();
    DecryptionMaterials m = dec().materialDescription(d).build();
    d.put("b", "2");

    assertThat(e.materialDescription()).containsOnlyKeys("a");
    assertThat(m.materialDescription()).containsOnlyKeys("a");
    assertThatThrownBy(() -> e.materialDescription().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void decryptionMaterials_acceptedSigningAlgorithms_defaultConfiguredOnlyAndCheckedAgainstKey() {
    DecryptionMaterials plain =
        DecryptionMaterials.builder().verificationKey(rsa.getPublic()).build();
    assertThat(plain.acceptedSigningAlgorithms()).containsExactly("SHA256withRSA");

    DecryptionMaterials wider =
        DecryptionMaterials.builder()
            .verificationKey(rsa.getPublic())
            .acceptedSigningAlgorithms(java.util.List.of("SHA384withRSA"))
            .build();
    assertThat(wider.acceptedSigningAlgorithms())
        .containsExactlyInAnyOrder("SHA256withRSA", "SHA384withRSA");

    assertThatThrownBy(
            () ->
                DecryptionMaterials.builder()
                    .verificationKey(rsa.getPublic())
                    .acceptedSigningAlgorithms(java.util.List.of("HmacSHA256"))
                    .build())
        .isInstanceOf(dev.ddbec.api.InvalidConfigurationException.class);
  }
}
