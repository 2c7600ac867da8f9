package dev.ddbec.api.spi;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** RSA key pairs for this module's tests (ddbec-testing depends on this module: it cannot help). */
final class TestRsaKeys {
  private TestRsaKeys() {}

  static KeyPair generate() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }
}
