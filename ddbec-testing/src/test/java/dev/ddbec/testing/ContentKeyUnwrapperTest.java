package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.WrappedKeyDescription;
import dev.ddbec.testing.UnwrapOracleProbe.EnvKeyClass;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests of ddbec-api's {@link ContentKeyUnwrapper}, in ddbec-testing because they use the unwrap
 * oracle probe that lives here (ddbec-testing depends on ddbec-api, so ddbec-api's own tests cannot
 * use it).
 */
class ContentKeyUnwrapperTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static KeyPair pair;
  private static SecretKey contentKey;

  @BeforeAll
  static void keys() throws Exception {
    pair = TestKeys.rsa();
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    contentKey = new SecretKeySpec(raw, "AES");
  }

  private static EncryptionContext context(byte[] wrapped, String wrapAlg, String envAlg) {
    Map<String, String> d = new HashMap<>();
    d.put(WrappedKeyDescription.ENV_KEY, Base64.getEncoder().encodeToString(wrapped));
    if (wrapAlg != null) {
      d.put(WrappedKeyDescription.WRAP_ALG, wrapAlg);
    }
    if (envAlg != null) {
      d.put(WrappedKeyDescription.ENV_ALG, envAlg);
    }
    return EncryptionContext.builder().tableName("t").materialDescription(d).build();
  }

  private static byte[] jceWrap(String transformation) throws Exception {
    Cipher c = Cipher.getInstance(transformation);
    c.init(Cipher.WRAP_MODE, pair.getPublic());
    return c.wrap(contentKey);
  }

  private static RSAPublicKey pub() {
    return (RSAPublicKey) pair.getPublic();
  }

  @Test
  void unwrap_oaepFromSunJce_returnsTheContentKey() throws Exception {
    ContentKeyUnwrapper u = ContentKeyUnwrapper.forRsaPrivateKey(pair.getPrivate(), false);
    for (String t :
        new String[] {
          "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
          ContentKeyUnwrapper.RSA_OAEP_SHA256,
          "RSA/ECB/OAEPWithSHA-512AndMGF1Padding"
        }) {
      assertThat(u.unwrap(context(jceWrap(t), t, "AES/256")).getEncoded())
          .as(t)
          .isEqualTo(contentKey.getEncoded());
    }
  }

  @Test
  void unwrap_pkcs1WithoutOptIn_throwsOneFixedMessageWithoutRsaOperation() throws Exception {
    CountingRsaPrivateKey key = new CountingRsaPrivateKey((RSAPrivateCrtKey) pair.getPrivate());
    ContentKeyUnwrapper u = ContentKeyUnwrapper.forRsaPrivateKey(key, false);
    byte[] valid = jceWrap(ContentKeyUnwrapper.RSA_PKCS1);
    Set<String> messages = new HashSet<>();
    for (String wrapAlg : new String[] {ContentKeyUnwrapper.RSA_PKCS1, "RSA", null}) {
      for (byte[] wrapped :
          new byte[][] {
            valid,
            UnwrapOracleProbe.envKey(pub(), UnwrapOracleProbe.PKCS1, EnvKeyClass.NON_CONFORMING),
            UnwrapOracleProbe.envKey(
                pub(), UnwrapOracleProbe.PKCS1, EnvKeyClass.CONFORMING_WRONG_LENGTH)
          }) {
        assertThatThrownBy(() -> u.unwrap(context(wrapped, wrapAlg, "AES/256")))
            .isInstanceOf(ItemIntegrityException.class)
            .satisfies(e -> messages.add(e.getMessage()));
      }
    }
    // One fixed message for every item, saying what to do (and nothing of the wrapped key).
    assertThat(messages)
        .singleElement(STRING)
        .contains("PKCS#1 v1.5")
        .contains("legacyPkcs1Unwrap(true)")
        .doesNotContain(Base64.getEncoder().encodeToString(valid));
    assertThat(key.uses()).isZero();
  }

  @Test
  void unwrap_pkcs1WithOptIn_readsOldItemsAndRejectsImplicitly() throws Exception {
    CountingRsaPrivateKey key = new CountingRsaPrivateKey((RSAPrivateCrtKey) pair.getPrivate());
    ContentKeyUnwrapper u = ContentKeyUnwrapper.forRsaPrivateKey(key, true);
    byte[] valid = jceWrap(ContentKeyUnwrapper.RSA_PKCS1);
    assertThat(u.unwrap(context(valid, null, "AES")).getEncoded())
        .isEqualTo(contentKey.getEncoded());
    assertThat(key.uses()).isPositive();

    for (EnvKeyClass c : EnvKeyClass.values()) {
      byte[] forged = UnwrapOracleProbe.envKey(pub(), UnwrapOracleProbe.PKCS1, c);
      byte[] first = u.unwrap(context(forged, null, "AES/256")).getEncoded();
      // No exception, a key of the length the description names, the same for the same item.
      assertThat(first).as(c.name()).hasSize(32).isNotEqualTo(contentKey.getEncoded());
      assertThat(u.unwrap(context(forged, null, "AES/256")).getEncoded()).isEqualTo(first);
    }
    // A description naming no length gets 32 bytes for a wrong length too.
    byte[] wrongLength =
        UnwrapOracleProbe.envKey(
            pub(), UnwrapOracleProbe.PKCS1, EnvKeyClass.CONFORMING_WRONG_LENGTH);
    assertThat(u.unwrap(context(wrongLength, ContentKeyUnwrapper.RSA_PKCS1, "AES")).getEncoded())
        .hasSize(32);
  }

  @Test
  void unwrap_oaepFailures_returnKeyOfExpectedLength() {
    ContentKeyUnwrapper u = ContentKeyUnwrapper.forRsaPrivateKey(pair.getPrivate(), false);
    for (EnvKeyClass c : EnvKeyClass.values()) {
      byte[] forged = UnwrapOracleProbe.envKey(pub(), UnwrapOracleProbe.OAEP_SHA256, c);
      assertThat(u.unwrap(context(forged, UnwrapOracleProbe.OAEP_SHA256, "AES/128")).getEncoded())
          .as(c.name())
          .hasSize(16);
    }
    // Not the modulus length, or not below the modulus: no RSA operation, same result shape.
    assertThat(
            u.unwrap(context(new byte[7], UnwrapOracleProbe.OAEP_SHA256, "AES/256")).getEncoded())
        .hasSize(32);
    byte[] tooLarge = new byte[256];
    java.util.Arrays.fill(tooLarge, (byte) 0xff);
    assertThat(u.unwrap(context(tooLarge, UnwrapOracleProbe.OAEP_SHA256, null)).getEncoded())
        .hasSize(32);
  }

  @Test
  void unwrap_aesWrap_roundTripsAndRejectsImplicitly() throws Exception {
    SecretKey kek = new SecretKeySpec(new byte[32], "AES");
    Cipher w = Cipher.getInstance("AESWrap");
    w.init(Cipher.WRAP_MODE, kek);
    byte[] wrapped = w.wrap(contentKey);
    ContentKeyUnwrapper u =
        ContentKeyUnwrapper.forAes(
            b -> {
              Cipher c = Cipher.getInstance("AESWrap");
              c.init(Cipher.UNWRAP_MODE, kek);
              return c.unwrap(b, "AES", Cipher.SECRET_KEY).getEncoded();
            });
    assertThat(u.unwrap(context(wrapped, null, "AES/256")).getEncoded())
        .isEqualTo(contentKey.getEncoded());
    byte[] tampered = wrapped.clone();
    tampered[3] ^= 1;
    assertThat(u.unwrap(context(tampered, "AESWrap", "AES/256")).getEncoded())
        .hasSize(32)
        .isNotEqualTo(contentKey.getEncoded());
  }

  @Test
  void unwrap_descriptionOnlyErrors_throwBeforeAnyKeyOperation() throws Exception {
    CountingRsaPrivateKey key = new CountingRsaPrivateKey((RSAPrivateCrtKey) pair.getPrivate());
    ContentKeyUnwrapper u = ContentKeyUnwrapper.forRsaPrivateKey(key, true);
    byte[] wrapped = jceWrap(ContentKeyUnwrapper.RSA_OAEP_SHA256);
    assertThatThrownBy(() -> u.unwrap(context(wrapped, "AESWrap", "AES/256")))
        .isInstanceOf(ItemIntegrityException.class);
    assertThatThrownBy(() -> u.unwrap(context(wrapped, "RSA/ECB/NoPadding", "AES/256")))
        .isInstanceOf(UnsupportedFormatException.class);
    assertThatThrownBy(
            () -> u.unwrap(context(wrapped, ContentKeyUnwrapper.RSA_OAEP_SHA256, "AES/100")))
        .isInstanceOf(ItemIntegrityException.class);
    assertThat(key.uses()).isZero();
  }

  @Test
  void requireSeparateRsaKeys_sameModulus_throwsUnlessAllowed() throws Exception {
    KeyPair other = TestKeys.rsa();
    assertThatThrownBy(
            () ->
                ContentKeyUnwrapper.requireSeparateRsaKeys(
                    pair.getPrivate(), pair.getPublic(), false))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("legacy-shared-rsa-key");
    ContentKeyUnwrapper.requireSeparateRsaKeys(pair.getPrivate(), pair.getPublic(), true);
    ContentKeyUnwrapper.requireSeparateRsaKeys(pair.getPublic(), other.getPublic(), false);
    ContentKeyUnwrapper.requireSeparateRsaKeys(null, other.getPublic(), false);
  }
}
