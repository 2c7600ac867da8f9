package dev.ddbec.provider.keystore;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The keys a {@link KeyStoreMaterialsProvider} read from its two entries, checked: an AES key or an
 * RSA key pair (or certificate) for encryption, an HMAC key or an RSA key pair (or certificate) for
 * signing. Immutable.
 */
final class LoadedKeys {
  final SecretKey staticKey;
  final PublicKey wrappingKey;
  final ContentKeyUnwrapper unwrapper;
  final Key signingKey;
  final Key verificationKey;
  final String signingAlgorithm;
  final EncryptionMaterials staticEncryption;
  final String summary;
  private final String where;

  /**
   * Checks the two entries.
   *
   * @throws InvalidConfigurationException if an entry cannot be used
   */
  LoadedKeys(
      KeyStore.Entry enc,
      KeyStore.Entry sig,
      KeyStoreMaterialsProvider.Settings settings,
      String where) {
    this.where = where;
    String encryptionAlias = settings.encryptionAlias();
    String signingAlias = settings.signingAlias();
    boolean legacyPkcs1Unwrap = settings.legacyPkcs1Unwrap();
    String encSummary;
    if (enc instanceof KeyStore.SecretKeyEntry s) {
      SecretKey k = s.getSecretKey();
      byte[] encoded = k.getEncoded();
      int bytes = encoded == null ? 0 : encoded.length;
      if (encoded != null) {
        Arrays.fill(encoded, (byte) 0);
      }
      if (!"AES".equalsIgnoreCase(k.getAlgorithm())
          || (bytes != 0 && bytes != 16 && bytes != 24 && bytes != 32)) {
        throw unusable(
            encryptionAlias, "encryption", k.getAlgorithm() + " secret key", "an AES secret key");
      }
      staticKey = k;
      wrappingKey = null;
      unwrapper = null;
      encSummary = bytes == 0 ? "AES" : "AES-" + (bytes * 8);
    } else {
      staticKey = null;
      PublicKey pub = publicKey(enc, encryptionAlias, "encryption");
      unwrapper =
          enc instanceof KeyStore.PrivateKeyEntry p
              ? ContentKeyUnwrapper.forRsaPrivateKey(
                  rsaPrivate(p.getPrivateKey(), encryptionAlias, "encryption"),
                  ((RSAPublicKey) pub).getModulus(),
                  legacyPkcs1Unwrap)
              : null;
      wrappingKey = pub;
      encSummary =
          (unwrapper != null ? "RSA key pair" : "RSA certificate (encrypt only)")
              + (legacyPkcs1Unwrap ? " + legacy PKCS#1 v1.5 unwrap" : "");
    }
    if (sig instanceof KeyStore.SecretKeyEntry s) {
      SecretKey k = s.getSecretKey();
      String alg = hmacAlgorithm(k.getAlgorithm());
      if (alg == null) {
        throw unusable(
            signingAlias,
            "signing",
            k.getAlgorithm() + " secret key",
            "an HmacSHA224, HmacSHA256, HmacSHA384 or HmacSHA512 secret key");
      }
      signingKey = k;
      verificationKey = k;
      signingAlgorithm = alg;
    } else {
      verificationKey = publicKey(sig, signingAlias, "signing");
      signingKey =
          sig instanceof KeyStore.PrivateKeyEntry p
              ? rsaPrivate(p.getPrivateKey(), signingAlias, "signing")
              : null;
      signingAlgorithm = SigningAlgorithms.DEFAULT_RSA;
    }
    ContentKeyUnwrapper.requireSeparateRsaKeys(
        wrappingKey, verificationKey, settings.legacySharedRsaKey());
    if (legacyPkcs1Unwrap && unwrapper == null) {
      throw new InvalidConfigurationException(
          "legacyPkcs1Unwrap applies to an RSA key pair in the encryption entry '"
              + encryptionAlias
              + "', which holds none");
    }
    if (settings.acceptedSigningAlgorithms() != null) {
      for (String a : settings.acceptedSigningAlgorithms()) {
        SigningAlgorithms.check(verificationKey, a, false);
      }
    }
    staticEncryption =
        staticKey != null && signingKey != null
            ? EncryptionMaterials.builder()
                .encryptionKey(staticKey)
                .signingKey(signingKey)
                .signingAlgorithm(signingAlgorithm)
                .materialDescription(settings.description())
                .build()
            : null;
    summary =
        encSummary + ", signing=" + signingAlgorithm + (signingKey == null ? " (verify only)" : "");
  }

  private PublicKey publicKey(KeyStore.Entry e, String alias, String what) {
    Certificate cert;
    if (e instanceof KeyStore.PrivateKeyEntry p) {
      cert = p.getCertificate();
    } else if (e instanceof KeyStore.TrustedCertificateEntry t) {
      cert = t.getTrustedCertificate();
    } else {
      throw unusable(
          alias,
          what,
          e == null ? "missing entry" : e.getClass().getSimpleName(),
          "a secret key, a private key entry or a trusted certificate");
    }
    PublicKey pub = cert == null ? null : cert.getPublicKey();
    if (!(pub instanceof RSAPublicKey)) {
      throw unusable(
          alias,
          what,
          (pub == null ? "no certificate" : pub.getAlgorithm() + " public key"),
          "an RSA key");
    }
    return pub;
  }

  private PrivateKey rsaPrivate(PrivateKey k, String alias, String what) {
    if (!"RSA".equalsIgnoreCase(k.getAlgorithm())) {
      throw unusable(alias, what, k.getAlgorithm() + " private key", "an RSA key");
    }
    return k;
  }

  private InvalidConfigurationException unusable(
      String alias, String what, String found, String needed) {
    return new InvalidConfigurationException(
        "The "
            + what
            + " entry '"
            + alias
            + "' of "
            + where
            + " ("
            + found
            + ") cannot be used: it must be "
            + needed);
  }

  private static String hmacAlgorithm(String keyAlgorithm) {
    for (String a : SigningAlgorithms.HMAC) {
      if (a.equalsIgnoreCase(keyAlgorithm)) {
        return a;
      }
    }
    return null;
  }
}
