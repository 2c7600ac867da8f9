package dev.ddbec.core.providers;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.testing.MaterialsProviderContract;
import dev.ddbec.testing.TestKeys;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;

/** The JDK-only providers against the shared provider contract. */
class ProviderContractTest {
  private static final KeyPair RSA = TestKeys.rsa();
  private static final KeyPair RSA_WRAP = TestKeys.rsa();

  @Nested
  class StaticHmac extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return StaticMaterialsProvider.builder()
          .encryptionKey(new SecretKeySpec(TestKeys.randomBytes(16), "AES"))
          .hmacKey(new SecretKeySpec(TestKeys.randomBytes(32), "HmacSHA256"))
          .build();
    }
  }

  @Nested
  class StaticRsaSignature extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return StaticMaterialsProvider.builder()
          .encryptionKey(new SecretKeySpec(TestKeys.randomBytes(32), "AES"))
          .signingKeyPair(RSA)
          .build();
    }
  }

  @Nested
  class WrappedAes extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return WrappedMaterialsProvider.builder()
          .wrappingKey(new SecretKeySpec(TestKeys.randomBytes(32), "AES"))
          .hmacKey(new SecretKeySpec(TestKeys.randomBytes(32), "HmacSHA256"))
          .build();
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return withForeignWrappedKey(stored, 40);
    }
  }

  @Nested
  class WrappedRsa extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return WrappedMaterialsProvider.builder()
          .wrappingKeyPair(RSA_WRAP)
          .signingKeyPair(RSA)
          .build();
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return withForeignWrappedKey(stored, 256);
    }
  }
}
