package dev.ddbec.provider.keystore;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.testing.MaterialsProviderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The KeyStore provider against the shared provider contract, symmetric and RSA. */
class KeyStoreProviderContractTest {
  private static KeyStoreMaterialsProvider open(Path file) {
    return KeyStoreMaterialsProvider.builder()
        .path(file)
        .type("PKCS12")
        .password(TestKeyStores.PASSWORD::clone)
        .encryptionAlias(TestKeyStores.ENC)
        .signingAlias(TestKeyStores.SIG)
        .encryptionEntryPassword(TestKeyStores.PASSWORD::clone)
        .signingEntryPassword(TestKeyStores.PASSWORD::clone)
        .build();
  }

  /** Writes a key store of a type to a file. */
  private interface StoreWriter {
    Path write(Path file, String type) throws Exception;
  }

  /** The provider over a new PKCS12 store that {@code writer} writes to a temporary file. */
  private static KeyStoreMaterialsProvider openNew(StoreWriter writer) {
    try {
      return open(writer.write(Files.createTempFile("ddbec-ks", ".p12"), "PKCS12"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  class Symmetric extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return openNew(TestKeyStores::symmetric);
    }
  }

  @Nested
  class Rsa extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return openNew(TestKeyStores::rsa);
    }

    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      // A content key wrapped under an RSA key this store does not hold.
      return withForeignWrappedKey(stored, 256);
    }
  }
}
