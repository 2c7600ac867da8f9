package dev.ddbec.core;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.core.testing.Secrets;
import dev.ddbec.testing.TestKeys;
import java.security.Key;
import java.security.KeyPair;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four provider set-ups the item-level tests run against. RSA-2048 key pairs are generated once
 * per test JVM (generation is slow).
 */
enum TestProvider {
  STATIC_AES_HMAC(1),
  STATIC_AES_RSA(1),
  WRAPPED_AESKW_HMAC(1),
  /** Every decryption does an RSA private-key operation: tests sample bits with this stride. */
  WRAPPED_RSA_RSA(7);

  static final SecretKeySpec AES_KEY = new SecretKeySpec(bytes(16, 1), "AES");
  static final SecretKeySpec WRAPPING_KEY = new SecretKeySpec(bytes(32, 2), "AES");
  static final SecretKeySpec HMAC_KEY = new SecretKeySpec(bytes(32, 3), "HmacSHA256");

  private final int bitStride;

  TestProvider(int bitStride) {
    this.bitStride = bitStride;
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return Secrets.key(b);
  }

  /** Lazily generated RSA keys, shared by every test class in the JVM. */
  static final class RsaKeys {
    static final KeyPair SIGNING = TestKeys.rsa();
    static final KeyPair WRAPPING = TestKeys.rsa();
  }

  /**
   * Every {@code bitStride()}-th bit is flipped in exhaustive tamper tests.
   *
   * @return 1 for fast providers
   */
  int bitStride() {
    return bitStride;
  }

  MaterialsProvider provider() {
    return switch (this) {
      case STATIC_AES_HMAC ->
          StaticMaterialsProvider.builder().encryptionKey(AES_KEY).hmacKey(HMAC_KEY).build();
      case STATIC_AES_RSA ->
          StaticMaterialsProvider.builder()
              .encryptionKey(AES_KEY)
              .signingKeyPair(RsaKeys.SIGNING)
              .build();
      case WRAPPED_AESKW_HMAC ->
          WrappedMaterialsProvider.builder().wrappingKey(WRAPPING_KEY).hmacKey(HMAC_KEY).build();
      case WRAPPED_RSA_RSA ->
          WrappedMaterialsProvider.builder()
              .wrappingKeyPair(RsaKeys.WRAPPING)
              .signingKeyPair(RsaKeys.SIGNING)
              .build();
    };
  }

  /** The key that signs items, for tests that forge a valid signature over a modified item. */
  Key signingKey() {
    return this == STATIC_AES_HMAC || this == WRAPPED_AESKW_HMAC
        ? HMAC_KEY
        : RsaKeys.SIGNING.getPrivate();
  }

  String signingAlgorithm() {
    return this == STATIC_AES_HMAC || this == WRAPPED_AESKW_HMAC ? "HmacSHA256" : "SHA256withRSA";
  }
}
