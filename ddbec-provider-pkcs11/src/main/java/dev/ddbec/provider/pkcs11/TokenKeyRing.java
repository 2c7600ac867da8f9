package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.provider.pkcs11.internal.AesKeyWrap;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Uri;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The wrapping and signing keys of a {@link Pkcs11MaterialsProvider} on its token: looks them up by
 * label and checks their types, runs token operations with them, and when an operation fails logs
 * in again once, looks the keys up again (their handles do not survive a logout) and retries.
 * Thread-safe.
 */
final class TokenKeyRing {
  /** The token-resident keys, as looked up in one login generation. */
  record TokenKeys(long generation, Key wrapping, Key signing) {}

  /** A token operation, which may fail because the token or session is gone. */
  @FunctionalInterface
  interface TokenOperation<T> {
    T apply(TokenKeys keys) throws GeneralSecurityException;
  }

  private final Pkcs11Token token;
  private final Pkcs11Uri wrappingRef;
  private final Pkcs11Uri signingRef;
  private final Object reloadLock = new Object();
  private final SecureRandom random = new SecureRandom();

  /** Token operations with the wrapping key, for tests that check none ran. */
  private final AtomicLong wrappingKeyOperations = new AtomicLong();

  private volatile TokenKeys keys;
  private volatile long lastTokenContact = System.nanoTime();

  /**
   * Looks the keys up.
   *
   * @throws InvalidConfigurationException if a key is missing or of the wrong type
   * @throws MaterialsUnavailableException if the token fails
   */
  TokenKeyRing(Pkcs11Token token, Pkcs11Uri wrappingRef, Pkcs11Uri signingRef) {
    this.token = token;
    this.wrappingRef = wrappingRef;
    this.signingRef = signingRef;
    this.keys = lookUp(token.generation());
  }

  Pkcs11Uri wrappingRef() {
    return wrappingRef;
  }

  Pkcs11Uri signingRef() {
    return signingRef;
  }

  /** Nanos ({@link System#nanoTime()}) of the last successful token operation. */
  long lastTokenContact() {
    return lastTokenContact;
  }

  /** How many token operations with the wrapping key ran: for tests. */
  long wrappingKeyOperations() {
    return wrappingKeyOperations.get();
  }

  /**
   * The RSA public key for one of the keys: the one given, or the token's (its certificate).
   *
   * @throws InvalidConfigurationException if none was given and the token has none
   */
  RSAPublicKey publicKeyFor(PublicKey given, Pkcs11Uri ref, String option) {
    if (given != null) {
      return Pkcs11Token.softwareRsa(given);
    }
    return token
        .publicKey(ref.object())
        .orElseThrow(
            () ->
                new InvalidConfigurationException(
                    "No public key for RSA key '"
                        + ref.object()
                        + "' on "
                        + token.describe()
                        + ": store a certificate under the same label (ddbec hsm generate does) or"
                        + " give "
                        + option));
  }

  /**
   * Refuses a key that is neither the secret key its role takes nor an RSA private key, and checks
   * its type.
   */
  private static void requireUsable(
      boolean secretFits, String role, Pkcs11Uri ref, Key key, String secret) {
    boolean rsa = key instanceof PrivateKey && "RSA".equalsIgnoreCase(key.getAlgorithm());
    if (!secretFits && !rsa) {
      throw new InvalidConfigurationException(
          role
              + " key '"
              + ref.object()
              + "' is a "
              + key.getAlgorithm()
              + " key; use "
              + secret
              + " or an RSA private key");
    }
    checkType(ref, key);
  }

  /** Looks the token keys up and checks their types. */
  private TokenKeys lookUp(long generation) {
    try {
      Key w = token.findKey(wrappingRef, "wrappingKey").orElseThrow(() -> missing(wrappingRef));
      Key s = token.findKey(signingRef, "signingKey").orElseThrow(() -> missing(signingRef));
      boolean aesWrap = w instanceof SecretKey && "AES".equalsIgnoreCase(w.getAlgorithm());
      requireUsable(aesWrap, "Wrapping", wrappingRef, w, "an AES secret key");
      boolean hmac = s instanceof SecretKey && !"AES".equalsIgnoreCase(s.getAlgorithm());
      requireUsable(hmac, "Signing", signingRef, s, "an HMAC (generic secret) key");
      return new TokenKeys(generation, w, s);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new MaterialsUnavailableException(
          "Cannot look up keys on " + token.describe() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private InvalidConfigurationException missing(Pkcs11Uri ref) {
    return new InvalidConfigurationException(
        "No key labelled '"
            + ref.object()
            + "' on "
            + token.describe()
            + "; usable keys: "
            + token.usableLabels()
            + " (ddbec hsm list shows them, ddbec hsm generate creates them)");
  }

  private static void checkType(Pkcs11Uri ref, Key k) {
    if (ref.type().isEmpty()) {
      return;
    }
    String actual = k instanceof SecretKey ? "secret-key" : "private-key";
    if (!ref.type().get().equals(actual)) {
      throw new InvalidConfigurationException(
          "Key '" + ref.object() + "' is a " + actual + ", not a " + ref.type().get());
    }
  }

  /** The current keys, looked up again if the token logged in again since. */
  TokenKeys current() {
    TokenKeys k = keys;
    long g = token.generation();
    if (k.generation() == g) {
      return k;
    }
    synchronized (reloadLock) {
      k = keys;
      if (k.generation() != token.generation()) {
        k = lookUp(token.generation());
        keys = k;
      }
      return k;
    }
  }

  /** Logs in to the token again and looks the keys up again. */
  void refresh() {
    token.reconnect(token.generation());
    current();
  }

  /**
   * Runs a token operation; when it fails, logs in again once, looks the keys up again and retries.
   *
   * @param what what the operation does, for messages
   * @throws MaterialsUnavailableException if the retry fails too
   */
  <T> T withToken(String what, TokenOperation<T> op) {
    token.ensureOpen();
    TokenKeys k = current();
    try {
      T result = op.apply(k);
      lastTokenContact = System.nanoTime();
      return result;
    } catch (GeneralSecurityException | ProviderException first) {
      token.reconnect(k.generation());
      TokenKeys again;
      try {
        again = current();
      } catch (DdbecException e) {
        throw new MaterialsUnavailableException(
            what
                + " failed on "
                + token.describe()
                + " and its keys were not found after logging"
                + " in again",
            e);
      }
      try {
        T result = op.apply(again);
        lastTokenContact = System.nanoTime();
        return result;
      } catch (GeneralSecurityException | ProviderException second) {
        second.addSuppressed(first);
        throw new MaterialsUnavailableException(
            what
                + " failed on "
                + token.describe()
                + " after logging in again ("
                + second.getClass().getSimpleName()
                + "); check that the token or HSM is reachable and the key is usable",
            second);
      }
    }
  }

  /** One token operation with the signing key; returns the key. */
  Key probeSigningKey(TokenKeys t, String signingAlgorithm) throws GeneralSecurityException {
    byte[] probe = {0};
    if (t.signing() instanceof PrivateKey privateKey) {
      Signature s = Signature.getInstance(signingAlgorithm, token.provider());
      s.initSign(privateKey);
      s.update(probe);
      s.sign();
    } else {
      Mac m = Mac.getInstance(signingAlgorithm, token.provider());
      m.init(t.signing());
      m.doFinal(probe);
    }
    return t.signing();
  }

  /** RFC 3394 on the token's AES/ECB. */
  byte[] aesWrap(TokenKeys t, byte[] raw) throws GeneralSecurityException {
    wrappingKeyOperations.incrementAndGet();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding", token.provider());
    c.init(Cipher.ENCRYPT_MODE, t.wrapping());
    byte[] out = AesKeyWrap.wrap(raw, c::update);
    c.doFinal();
    return out;
  }

  /** RFC 3394 on the token's AES/ECB; empty when the integrity check fails. */
  Optional<byte[]> aesUnwrap(TokenKeys t, byte[] wrapped) throws GeneralSecurityException {
    wrappingKeyOperations.incrementAndGet();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding", token.provider());
    c.init(Cipher.DECRYPT_MODE, t.wrapping());
    try {
      byte[] out = AesKeyWrap.unwrap(wrapped, c::update);
      c.doFinal();
      return Optional.of(out);
    } catch (AesKeyWrap.IntegrityException e) {
      return Optional.empty();
    }
  }

  /** Raw RSA with the token's private wrapping key. */
  byte[] rawRsa(TokenKeys t, byte[] input) throws GeneralSecurityException {
    wrappingKeyOperations.incrementAndGet();
    Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", token.provider());
    c.init(Cipher.DECRYPT_MODE, t.wrapping());
    return c.doFinal(input);
  }

  /**
   * Checks once that the public keys belong to the token's private keys.
   *
   * @param wrappingPublicKey the RSA wrapping key's public key, or null for an AES wrapping key
   * @param verificationPublicKey the RSA signing key's public key, or null for an HMAC key
   * @param signingAlgorithm the signature algorithm
   * @throws InvalidConfigurationException if a public key does not belong to its private key
   */
  void checkPublicKeys(
      RSAPublicKey wrappingPublicKey, RSAPublicKey verificationPublicKey, String signingAlgorithm) {
    try {
      if (wrappingPublicKey != null) {
        // Raw RSA of a random value under the public key, undone by the token's private key.
        BigInteger n = wrappingPublicKey.getModulus();
        BigInteger probe = new BigInteger(n.bitLength() - 1, random);
        byte[] c = probe.modPow(wrappingPublicKey.getPublicExponent(), n).toByteArray();
        byte[] input = new byte[(n.bitLength() + 7) / 8];
        int len = Math.min(c.length, input.length);
        System.arraycopy(c, c.length - len, input, input.length - len, len);
        byte[] back;
        try {
          back = withToken("Checking the RSA wrapping key", t -> rawRsa(t, input));
        } catch (MaterialsUnavailableException e) {
          // A public key of another (larger) modulus gives an input the token's private key
          // refuses outright; SunPKCS11 does not expose a sensitive key's modulus to compare first.
          throw new InvalidConfigurationException(
              "The public key given or found for the RSA wrapping key on "
                  + token.describe()
                  + " does not belong to its private key, or the token refused the check",
              e);
        }
        if (!probe.equals(new BigInteger(1, back))) {
          throw new ItemIntegrityException("mismatch");
        }
      }
      if (verificationPublicKey != null) {
        byte[] probe = "ddbec key check".getBytes(StandardCharsets.US_ASCII);
        byte[] sig =
            withToken(
                "Checking the RSA signing key",
                t -> {
                  Signature s = Signature.getInstance(signingAlgorithm, token.provider());
                  s.initSign((PrivateKey) t.signing());
                  s.update(probe);
                  return s.sign();
                });
        Signature v = Signature.getInstance(signingAlgorithm);
        v.initVerify(verificationPublicKey);
        v.update(probe);
        if (!v.verify(sig)) {
          throw new ItemIntegrityException("mismatch");
        }
      }
    } catch (ItemIntegrityException e) {
      throw new InvalidConfigurationException(
          "The public key given or found for an RSA key on "
              + token.describe()
              + " does not belong to its private key");
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          "Cannot check the RSA keys on " + token.describe() + ": " + e.getMessage(), e);
    }
  }
}
