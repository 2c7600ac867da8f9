package dev.ddbec.core.providers;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.testing.MaterialsProviderContract;
import dev.ddbec.testing.TestKeys;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDK-only providers against the shared provider contract: one run for each provider. */
@ParameterizedClass(name = "{0}")
@EnumSource(ProviderContractTest.Kind.class)
class ProviderContractTest extends MaterialsProviderContract {
  private static final KeyPair RSA = TestKeys.rsa();
  private static final KeyPair RSA_WRAP = TestKeys.rsa();

  /** A provider under test, and the length of the data key it wraps (0: it wraps none). */
  enum Kind {
    STATIC_HMAC(0),
    STATIC_RSA_SIGNATURE(0),
    WRAPPED_AES(40),
    WRAPPED_RSA(256);

    final int wrappedKeyLength;

    Kind(int wrappedKeyLength) {
      this.wrappedKeyLength = wrappedKeyLength;
    }

    MaterialsProvider provider() {
      return switch (this) {
        case STATIC_HMAC ->
            StaticMaterialsProvider.builder().encryptionKey(aes(16)).hmacKey(hmac()).build();
        case STATIC_RSA_SIGNATURE ->
            StaticMaterialsProvider.builder().encryptionKey(aes(32)).signingKeyPair(RSA).build();
        case WRAPPED_AES ->
            WrappedMaterialsProvider.builder().wrappingKey(aes(32)).hmacKey(hmac()).build();
        case WRAPPED_RSA ->
            WrappedMaterialsProvider.builder()
                .wrappingKeyPair(RSA_WRAP)
                .signingKeyPair(RSA)
                .build();
      };
    }
  }

  @Parameter Kind kind;

  @Override
  protected MaterialsProvider provider() {
    return kind.provider();
  }

  @Override
  protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
    return kind.wrappedKeyLength == 0
        ? super.unknownKeyDescription(stored)
        : withForeignWrappedKey(stored, kind.wrappedKeyLength);
  }

  private static SecretKeySpec aes(int length) {
    return new SecretKeySpec(TestKeys.randomBytes(length), "AES");
  }

  private static SecretKeySpec hmac() {
    return new SecretKeySpec(TestKeys.randomBytes(32), "HmacSHA256");
  }
}
