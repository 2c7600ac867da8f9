package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import dev.ddbec.testing.MaterialsProviderContract;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The shared provider contract, for both key layouts on SoftHSM2. */
class Pkcs11ContractTest {
  private static Pkcs11MaterialsProvider aesHmac;
  private static Pkcs11MaterialsProvider rsaRsa;

  @BeforeAll
  static void open() {
    SoftHsm.get();
    aesHmac = Pkcs11MaterialsProviderTest.provider(SoftHsm.WRAP_AES, SoftHsm.SIGN_HMAC);
    rsaRsa = Pkcs11MaterialsProviderTest.provider(SoftHsm.WRAP_RSA, SoftHsm.SIGN_RSA);
  }

  @AfterAll
  static void close() {
    aesHmac.close();
    rsaRsa.close();
  }

  /** The contract on one of the shared providers, whose wrapped keys have this length. */
  abstract static class TokenContract extends MaterialsProviderContract {
    private final Supplier<MaterialsProvider> provider;
    private final int wrappedKeyBytes;

    TokenContract(Supplier<MaterialsProvider> provider, int wrappedKeyBytes) {
      this.provider = provider;
      this.wrappedKeyBytes = wrappedKeyBytes;
    }

    @Override
    protected MaterialsProvider provider() {
      return provider.get();
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return withForeignWrappedKey(stored, wrappedKeyBytes);
    }
  }

  @Nested
  class AesWrapHmacSign extends TokenContract {
    AesWrapHmacSign() {
      super(() -> aesHmac, 40);
    }
  }

  @Nested
  class RsaWrapRsaSign extends TokenContract {
    RsaWrapRsaSign() {
      super(() -> rsaRsa, 256);
    }
  }
}
