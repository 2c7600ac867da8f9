package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.provider.pkcs11.testing.SoftHsm;
import dev.ddbec.testing.MaterialsProviderContract;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

  /** A content key wrapped under a key this token does not hold. */
  private static Optional<Map<String, String>> foreign(Map<String, String> stored, int length) {
    byte[] b = new byte[length];
    new SecureRandom().nextBytes(b);
    b[0] = 0; // below any 2048-bit modulus, so the token really tries it
    Map<String, String> d = new HashMap<>(stored);
    d.put("amzn-ddb-env-key", Base64.getEncoder().encodeToString(b));
    return Optional.of(d);
  }

  @Nested
  class AesWrapHmacSign extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return aesHmac;
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return foreign(stored, 40);
    }
  }

  @Nested
  class RsaWrapRsaSign extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return rsaRsa;
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return foreign(stored, 256);
    }
  }
}
