package dev.ddbec.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three provider kinds the Python interop tests run, each built twice from the same key
 * material: as a ddbec {@link MaterialsProvider} and as a {@link PythonPeer} provider spec.
 *
 * <p>Keys are random per JVM; the RSA-2048 key pair is generated once ({@link Keys#INSTANCE}).
 */
enum InteropProvider {
  /** Static AES-256 content key and HMAC-SHA256 signature; no key wrapping. */
  STATIC,
  /** Per-item AES-256 content key, AES key wrap (RFC 3394) under an AES-256 key, HMAC-SHA256. */
  WRAPPED_AES,
  /** Per-item content key wrapped with RSA-OAEP (SHA-256, MGF1-SHA1); SHA256withRSA signature. */
  WRAPPED_RSA;

  /** An item encryptor over each provider's {@link #ddbec()} materials. */
  static Map<InteropProvider, ItemEncryptor> encryptors() {
    Map<InteropProvider, ItemEncryptor> encryptors = new EnumMap<>(InteropProvider.class);
    for (InteropProvider p : values()) {
      encryptors.put(p, ItemEncryptor.create(p.ddbec()));
    }
    return encryptors;
  }

  /** The ddbec provider over {@link Keys#INSTANCE}. */
  MaterialsProvider ddbec() {
    Keys k = Keys.INSTANCE;
    return switch (this) {
      case STATIC ->
          StaticMaterialsProvider.builder().encryptionKey(k.staticAes).hmacKey(k.hmac).build();
      case WRAPPED_AES ->
          WrappedMaterialsProvider.builder().wrappingKey(k.wrapAes).hmacKey(k.hmac).build();
      case WRAPPED_RSA ->
          // The peers' wrapped RSA fixture wraps and signs with one key pair, as the official
          // clients' own vectors do; ddbec refuses that unless explicitly allowed.
          WrappedMaterialsProvider.builder()
              .wrappingKeyPair(k.rsa)
              .signingKeyPair(k.rsa)
              .legacySharedRsaKey(true)
              .build();
    };
  }

  /** The Python peer's provider spec over the same keys. */
  ObjectNode peer() {
    Keys k = Keys.INSTANCE;
    return switch (this) {
      case STATIC -> PeerRequests.staticProvider(k.staticAes.getEncoded(), k.hmac.getEncoded());
      case WRAPPED_AES -> PeerRequests.wrappedProvider(k.wrapAes.getEncoded(), k.hmac.getEncoded());
      case WRAPPED_RSA ->
          PeerRequests.wrappedRsaProvider(
              k.rsa.getPrivate().getEncoded(), k.rsa.getPublic().getEncoded());
    };
  }

  /** Key material shared by every test class in the JVM. */
  static final class Keys {
    static final Keys INSTANCE = new Keys(new SecureRandom());

    final SecretKey staticAes;
    final SecretKey wrapAes;
    final SecretKey hmac;
    final KeyPair rsa;

    private Keys(SecureRandom random) {
      staticAes = new SecretKeySpec(bytes(random, 32), "AES");
      wrapAes = new SecretKeySpec(bytes(random, 32), "AES");
      hmac = new SecretKeySpec(bytes(random, 32), "HmacSHA256");
      rsa = rsaKeyPair(random);
    }

    static KeyPair rsaKeyPair(SecureRandom random) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        return generator.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    static byte[] bytes(SecureRandom random, int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }
  }
}
