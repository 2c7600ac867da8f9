package dev.ddbec.examples;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.security.KeyPair;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK-only providers of ddbec-core, built in code: {@code static} (one key for every item) and
 * {@code wrapped} (a fresh content key per item, wrapped with AES or RSA). Where the key bytes come
 * from is up to the application; the KeyStore, KMS and PKCS#11 providers fetch them for you.
 */
public final class ProvidersExample {
  private ProvidersExample() {}

  /**
   * One AES key encrypts, one HMAC key signs, every item.
   *
   * @param aesKeyBytes a 16, 24 or 32-byte AES key
   * @param hmacKeyBytes an HMAC key
   * @return the provider
   */
  public static MaterialsProvider staticProvider(byte[] aesKeyBytes, byte[] hmacKeyBytes) {
    // snippet:static-provider
    MaterialsProvider keys =
        StaticMaterialsProvider.builder()
            .encryptionKey(new SecretKeySpec(aesKeyBytes, "AES")) // omit to sign only
            .hmacKey(new SecretKeySpec(hmacKeyBytes, "HmacSHA256")) // or .signingKeyPair(rsa)
            .build();
    // end-snippet
    return keys;
  }

  /**
   * A fresh AES-256 content key per item, wrapped with an AES key (RFC 3394), items signed with an
   * HMAC key.
   *
   * @param wrappingKey the AES wrapping key
   * @param hmacKey the HMAC key
   * @return the provider
   */
  public static MaterialsProvider wrappedProvider(SecretKey wrappingKey, SecretKey hmacKey) {
    // snippet:wrapped-provider
    MaterialsProvider keys =
        WrappedMaterialsProvider.builder()
            .wrappingKey(wrappingKey) // AES: wraps and unwraps each item's content key
            .hmacKey(hmacKey) // HmacSHA256
            .build();
    // end-snippet
    return keys;
  }

  /**
   * Content keys wrapped with RSA-OAEP, items signed with SHA256withRSA.
   *
   * @param wrapping the RSA key pair wrapping content keys
   * @param signing the RSA key pair signing items
   * @return the provider
   */
  public static MaterialsProvider wrappedRsaProvider(KeyPair wrapping, KeyPair signing) {
    // snippet:wrapped-rsa-provider
    MaterialsProvider keys =
        WrappedMaterialsProvider.builder()
            .wrappingKeyPair(wrapping) // public key wraps, private key unwraps (RSA-OAEP)
            .signingKeyPair(signing) // SHA256withRSA
            .build();
    // end-snippet
    return keys;
  }
}
