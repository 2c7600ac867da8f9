package dev.ddbec.provider.pkcs11.testing;

import dev.ddbec.provider.pkcs11.Pkcs11Token;
import dev.ddbec.testing.SoftHsm2;
import java.nio.file.Path;

/**
 * The SoftHSM2 token of this module's tests: ddbec-testing's {@link SoftHsm2} harness, with a
 * standard set of keys made once per JVM by {@link Pkcs11Token}'s generators: non-extractable ones
 * as in production, and extractable twins (prefix {@code x-}) whose bytes the equivalence tests
 * hand to software providers.
 */
public final class SoftHsm {
  /** The test token's label. */
  public static final String TOKEN_LABEL = SoftHsm2.TOKEN_LABEL;

  /** The test token's user PIN (a test fixture, not a secret). */
  public static final String PIN = SoftHsm2.PIN;

  /** The test token's security officer PIN. */
  public static final String SO_PIN = SoftHsm2.SO_PIN;

  /** A second token with another PIN and no keys. */
  public static final String OTHER_TOKEN_LABEL = SoftHsm2.OTHER_TOKEN_LABEL;

  /** The second token's user PIN. */
  public static final String OTHER_PIN = SoftHsm2.OTHER_PIN;

  /** Non-extractable AES-256 wrapping key. */
  public static final String WRAP_AES = "wrap-aes";

  /** Non-extractable HMAC-SHA256 signing key. */
  public static final String SIGN_HMAC = "sign-hmac";

  /** Non-extractable RSA-2048 wrapping key pair. */
  public static final String WRAP_RSA = "wrap-rsa";

  /** Non-extractable RSA-2048 signing key pair. */
  public static final String SIGN_RSA = "sign-rsa";

  /** Extractable twins of the keys above, for equivalence tests. */
  public static final String X_WRAP_AES = "x-wrap-aes";

  /** Extractable HMAC key. */
  public static final String X_SIGN_HMAC = "x-sign-hmac";

  /** Extractable RSA wrapping pair. */
  public static final String X_WRAP_RSA = "x-wrap-rsa";

  /** Extractable RSA signing pair. */
  public static final String X_SIGN_RSA = "x-sign-rsa";

  private static SoftHsm instance;

  private final SoftHsm2 harness;

  private SoftHsm(SoftHsm2 harness) {
    this.harness = harness;
  }

  /**
   * The fixture: creates the token (and its keys) on first use in this JVM.
   *
   * @return the fixture
   */
  public static synchronized SoftHsm get() {
    if (instance == null) {
      SoftHsm s = new SoftHsm(SoftHsm2.get());
      try (Pkcs11Token token = s.token()) {
        token.generateAesKey(WRAP_AES, 256, false);
        token.generateHmacKey(SIGN_HMAC, 256, false);
        token.generateRsaKeyPair(WRAP_RSA, 2048, false);
        token.generateRsaKeyPair(SIGN_RSA, 2048, false);
        token.generateAesKey(X_WRAP_AES, 256, true);
        token.generateHmacKey(X_SIGN_HMAC, 256, true);
        token.generateRsaKeyPair(X_WRAP_RSA, 2048, true);
        token.generateRsaKeyPair(X_SIGN_RSA, 2048, true);
      }
      instance = s;
    }
    return instance;
  }

  /**
   * The SoftHSM2 PKCS#11 library.
   *
   * @return its path
   */
  public Path library() {
    return harness.library();
  }

  /**
   * The configuration file (also in {@code SOFTHSM2_CONF}).
   *
   * @return its path
   */
  public Path conf() {
    return harness.conf();
  }

  /**
   * A builder for the test token, with library, label and PIN set.
   *
   * @return the builder
   */
  public Pkcs11Token.Builder tokenBuilder() {
    return Pkcs11Token.builder()
        .library(harness.library())
        .tokenLabel(TOKEN_LABEL)
        .pin(PIN::toCharArray);
  }

  /**
   * A new connection to the test token; close it.
   *
   * @return the token
   */
  public Pkcs11Token token() {
    return tokenBuilder().build();
  }
}
