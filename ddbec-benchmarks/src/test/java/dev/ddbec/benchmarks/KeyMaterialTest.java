package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyMaterialTest {

  @Test
  void standard_twice_givesTheSameKeysWhicheverRsaPairIsAskedFirst() {
    KeyMaterial a = KeyMaterial.standard();
    KeyMaterial b = KeyMaterial.standard();

    assertThat(a.aesKey().getEncoded()).isEqualTo(b.aesKey().getEncoded());
    assertThat(a.hmacKey().getEncoded()).isEqualTo(b.hmacKey().getEncoded());
    assertThat(a.wrappingKey().getEncoded()).isEqualTo(b.wrappingKey().getEncoded());
    assertThat(a.aesKey().getEncoded()).isNotEqualTo(a.wrappingKey().getEncoded());
    byte[] signingFirst = b.rsaSigningPair().getPublic().getEncoded();
    assertThat(a.rsaEncryptionPair().getPublic().getEncoded())
        .isEqualTo(b.rsaEncryptionPair().getPublic().getEncoded());
    assertThat(a.rsaSigningPair().getPublic().getEncoded()).isEqualTo(signingFirst);
  }

  @Test
  void toString_redactsKeys() {
    assertThat(KeyMaterial.standard()).hasToString("KeyMaterial{redacted}");
  }
}
