package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.api.spi.WrappedKeyDescription;
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
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wrapped (envelope) materials whose long-lived keys stay on a PKCS#11 token or HSM: every item
 * gets a fresh random AES-256 content key, generated in software (it encrypts the item's
 * attributes), wrapped under a key on the token and stored in the item's material description.
 * Items are byte-compatible with {@code WrappedMaterialsProvider} and the official clients' wrapped
 * providers given the same key material (docs/format.md §5.2).
 *
 * <ul>
 *   <li>AES wrapping key on the token: RFC 3394 key wrap ({@code AESWrap}), computed with the
 *       token's {@code AES/ECB/NoPadding} block operation because tokens such as SoftHSM2 do not
 *       offer key wrap through SunPKCS11;
 *   <li>RSA key pair on the token: RSA-OAEP with SHA-256 and MGF1-SHA1. The public key wraps in
 *       software; the private key unwraps on the token with raw RSA, the OAEP decoding runs in
 *       software ({@link ContentKeyUnwrapper}, as for every provider: a failed unwrap is never
 *       reported as such). Old items wrapped with RSA PKCS#1 v1.5 are refused unless {@link
 *       Builder#legacyPkcs1Unwrap(boolean)} is set.
 *   <li>signing: an HMAC key on the token (HmacSHA256; the MAC is computed by the token) or an RSA
 *       private key on the token (SHA256withRSA; verification with the public key in software).
 * </ul>
 *
 * <pre>{@code
 * try (Pkcs11MaterialsProvider provider = Pkcs11MaterialsProvider.builder()
 *     .token(Pkcs11Token.builder()
 *         .library(Path.of("/usr/lib/softhsm/libsofthsm2.so"))
 *         .tokenLabel("ddbec")
 *         .pin(() -> System.getenv("DDBEC_HSM_PIN").toCharArray())
 *         .build())
 *     .wrappingKey("pkcs11:token=ddbec;object=wrap-key")
 *     .signingKey("sign-key")
 *     .build()) {
 *   ItemEncryptor encryptor = ItemEncryptor.create(provider);
 *   ...
 * }
 * }</pre>
 *
 * <p>When a token operation fails (session lost, token logged out), the provider logs in again
 * once, looks its keys up again and retries; if that fails too it throws {@link
 * MaterialsUnavailableException}. Signing itself is done by the item encryptor with the key this
 * provider hands out; a session lost between the two shows up there and is repaired by the
 * provider's next token operation or by {@link #refresh()}.
 *
 * <p>Immutable and thread-safe after {@code build()}; close it to log out and release the token.
 */
public final class Pkcs11MaterialsProvider implements MaterialsProvider, AutoCloseable {
  static final String AES_WRAP = ContentKeyUnwrapper.AES_WRAP;
  static final String RSA_OAEP_SHA256 = ContentKeyUnwrapper.RSA_OAEP_SHA256;

  private final Pkcs11Token token;
  private final Pkcs11Uri wrappingRef;
  private final Pkcs11Uri signingRef;
  private final boolean rsaWrapping;
  private final boolean rsaSigning;
  private final RSAPublicKey wrappingPublicKey;
  private final RSAPublicKey verificationPublicKey;
  private final String signingAlgorithm;
  private final Collection<String> acceptedSigningAlgorithms;
  private final String wrapAlgorithm;
  private final ContentKeyUnwrapper unwrapper;

  /** Token operations with the wrapping key, for tests that check none ran. */
  private final AtomicLong wrappingKeyOperations = new AtomicLong();

  private final Map<String, String> description;
  private final SecureRandom random = new SecureRandom();
  private final Object reloadLock = new Object();
  private final long sessionCheckNanos;
  private volatile TokenKeys keys;
  private volatile long lastTokenContact = System.nanoTime();

  /** The token-resident keys, as looked up in one login generation. */
  private record TokenKeys(long generation, Key wrapping, Key signing) {}

  /** A wrapped content key and the signing key of the same login generation. */
  private record Wrapped(byte[] bytes, Key signingKey) {}

  /** A token operation, which may fail because the token or session is gone. */
  @FunctionalInterface
  private interface TokenOperation<T> {
    T apply(TokenKeys keys) throws GeneralSecurityException;
  }

  private Pkcs11MaterialsProvider(Builder b) {
    this.token = Objects.requireNonNull(b.token, "token");
    try {
      if (b.wrappingKey == null || b.signingKey == null) {
        throw new InvalidConfigurationException(
            "Pkcs11MaterialsProvider needs a wrapping key and a signing key (labels or pkcs11:"
                + " URIs)");
      }
      this.wrappingRef = Pkcs11Uri.parse(b.wrappingKey, "wrappingKey");
      this.signingRef = Pkcs11Uri.parse(b.signingKey, "signingKey");
      FormatNames.requireNoReservedKeys(b.description, null);
      this.description = Map.copyOf(b.description);
      TokenKeys k = lookUp(token.generation());
      this.rsaWrapping = k.wrapping() instanceof PrivateKey;
      this.rsaSigning = k.signing() instanceof PrivateKey;
      this.wrapAlgorithm = rsaWrapping ? RSA_OAEP_SHA256 : AES_WRAP;
      this.wrappingPublicKey =
          rsaWrapping ? publicKeyFor(b.wrappingPublicKey, wrappingRef, "wrappingPublicKey") : null;
      this.verificationPublicKey =
          rsaSigning ? publicKeyFor(b.verificationKey, signingRef, "verificationKey") : null;
      String alg = b.signingAlgorithm;
      if (alg == null) {
        alg = rsaSigning ? SigningAlgorithms.DEFAULT_RSA : SigningAlgorithms.DEFAULT_HMAC;
      }
      if (rsaSigning ? !SigningAlgorithms.isRsa(alg) : !SigningAlgorithms.isHmac(alg)) {
        throw new InvalidConfigurationException(
            "Signing algorithm "
                + alg
                + " does not fit the "
                + (rsaSigning ? "RSA private" : "secret")
                + " key '"
                + signingRef.object()
                + "'");
      }
      this.signingAlgorithm = alg;
      this.acceptedSigningAlgorithms = b.acceptedSigningAlgorithms;
      if (acceptedSigningAlgorithms != null) {
        for (String a : acceptedSigningAlgorithms) {
          boolean fits = rsaSigning ? SigningAlgorithms.isRsa(a) : SigningAlgorithms.isHmac(a);
          if (!fits) {
            throw new InvalidConfigurationException(
                "Accepted signing algorithm " + a + " does not fit the signing key");
          }
        }
      }
      if (rsaWrapping
          && rsaSigning
          && !b.legacySharedRsaKey
          && (wrappingRef.object().equals(signingRef.object())
              || wrappingPublicKey.getModulus().equals(verificationPublicKey.getModulus()))) {
        throw ContentKeyUnwrapper.sharedRsaKey();
      }
      if (b.legacyPkcs1Unwrap && !rsaWrapping) {
        throw new InvalidConfigurationException(
            "legacyPkcs1Unwrap applies to an RSA wrapping key; '"
                + wrappingRef.object()
                + "' is an AES key");
      }
      this.unwrapper =
          rsaWrapping
              ? ContentKeyUnwrapper.forRsa(
                  wrappingPublicKey.getModulus(),
                  input -> withToken("Unwrapping the content key", t -> rawRsa(t, input)),
                  b.legacyPkcs1Unwrap)
              : ContentKeyUnwrapper.forAes(
                  wrapped ->
                      withToken("Unwrapping the content key", t -> aesUnwrap(t, wrapped))
                          .orElseThrow(
                              () -> new GeneralSecurityException("RFC 3394 integrity check")));
      if (b.sessionCheckInterval.isNegative()) {
        throw new InvalidConfigurationException("sessionCheckInterval must not be negative");
      }
      this.sessionCheckNanos = b.sessionCheckInterval.toNanos();
      this.keys = k;
      selfTest(k);
    } catch (RuntimeException e) {
      token.close();
      throw e;
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private RSAPublicKey publicKeyFor(PublicKey given, Pkcs11Uri ref, String option) {
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

  /** Looks the token keys up and checks their types. */
  private TokenKeys lookUp(long generation) {
    try {
      Key w = token.findKey(wrappingRef, "wrappingKey").orElseThrow(() -> missing(wrappingRef));
      Key s = token.findKey(signingRef, "signingKey").orElseThrow(() -> missing(signingRef));
      boolean aesWrap = w instanceof SecretKey && "AES".equalsIgnoreCase(w.getAlgorithm());
      boolean rsaWrap = w instanceof PrivateKey && "RSA".equalsIgnoreCase(w.getAlgorithm());
      if (!aesWrap && !rsaWrap) {
        throw new InvalidConfigurationException(
            "Wrapping key '"
                + wrappingRef.object()
                + "' is a "
                + w.getAlgorithm()
                + " key; use an AES secret key or an RSA private key");
      }
      checkType(wrappingRef, w);
      boolean hmac = s instanceof SecretKey && !"AES".equalsIgnoreCase(s.getAlgorithm());
      boolean rsaSign = s instanceof PrivateKey && "RSA".equalsIgnoreCase(s.getAlgorithm());
      if (!hmac && !rsaSign) {
        throw new InvalidConfigurationException(
            "Signing key '"
                + signingRef.object()
                + "' is a "
                + s.getAlgorithm()
                + " key; use an HMAC (generic secret) key or an RSA private key");
      }
      checkType(signingRef, s);
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

  /** Checks once that the public keys belong to the token's private keys. */
  private void selfTest(TokenKeys k) {
    try {
      if (rsaWrapping) {
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
      if (rsaSigning) {
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

  /** The current keys, looked up again if the token logged in again since. */
  private TokenKeys currentKeys() {
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

  private <T> T withToken(String what, TokenOperation<T> op) {
    token.ensureOpen();
    TokenKeys k = currentKeys();
    try {
      T result = op.apply(k);
      lastTokenContact = System.nanoTime();
      return result;
    } catch (GeneralSecurityException | ProviderException first) {
      token.reconnect(k.generation());
      TokenKeys again;
      try {
        again = currentKeys();
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

  @Override
  public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    try {
      SecretKey contentKey = new SecretKeySpec(raw, "AES");
      byte[] wrapped;
      Key signingKey;
      if (rsaWrapping) {
        // Wrapping needs only the public key, so nothing here has touched the token yet: check
        // the session (one cheap operation with the signing key) before handing that key to the
        // item encryptor, which cannot log in again.
        wrapped = oaepEncrypt(raw);
        signingKey =
            System.nanoTime() - lastTokenContact >= sessionCheckNanos
                ? withToken("Checking the session", this::probeSigningKey)
                : currentKeys().signing();
      } else {
        Wrapped result =
            withToken("Wrapping the content key", t -> new Wrapped(aesWrap(t, raw), t.signing()));
        wrapped = result.bytes();
        signingKey = result.signingKey();
      }
      return EncryptionMaterials.builder()
          .encryptionKey(contentKey)
          .signingKey(signingKey)
          .signingAlgorithm(signingAlgorithm)
          .signingProvider(token.provider())
          .materialDescription(
              WrappedKeyDescription.withWrappedKey(description, wrapped, wrapAlgorithm))
          .build();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    SecretKey contentKey = unwrapper.unwrap(context);
    TokenKeys k = currentKeys();
    return DecryptionMaterials.builder()
        .decryptionKey(contentKey)
        .verificationKey(rsaSigning ? verificationPublicKey : k.signing())
        .signingAlgorithm(signingAlgorithm)
        // An RSA verification key is a software copy of the token's public key.
        .signingProvider(rsaSigning ? null : token.provider())
        .acceptedSigningAlgorithms(acceptedSigningAlgorithms)
        .materialDescription(context.materialDescription())
        .build();
  }

  /** One token operation with the signing key; returns the key. */
  private Key probeSigningKey(TokenKeys t) throws GeneralSecurityException {
    byte[] probe = {0};
    if (rsaSigning) {
      Signature s = Signature.getInstance(signingAlgorithm, token.provider());
      s.initSign((PrivateKey) t.signing());
      s.update(probe);
      s.sign();
    } else {
      javax.crypto.Mac m = javax.crypto.Mac.getInstance(signingAlgorithm, token.provider());
      m.init(t.signing());
      m.doFinal(probe);
    }
    return t.signing();
  }

  private byte[] aesWrap(TokenKeys t, byte[] raw) throws GeneralSecurityException {
    wrappingKeyOperations.incrementAndGet();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding", token.provider());
    c.init(Cipher.ENCRYPT_MODE, t.wrapping());
    byte[] out = AesKeyWrap.wrap(raw, c::update);
    c.doFinal();
    return out;
  }

  /** RFC 3394 on the token's AES/ECB; empty when the integrity check fails. */
  private Optional<byte[]> aesUnwrap(TokenKeys t, byte[] wrapped) throws GeneralSecurityException {
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
  private byte[] rawRsa(TokenKeys t, byte[] input) throws GeneralSecurityException {
    wrappingKeyOperations.incrementAndGet();
    Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", token.provider());
    c.init(Cipher.DECRYPT_MODE, t.wrapping());
    return c.doFinal(input);
  }

  /** How many token operations with the wrapping key ran: for tests. */
  long wrappingKeyOperations() {
    return wrappingKeyOperations.get();
  }

  private byte[] oaepEncrypt(byte[] raw) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
      c.init(
          Cipher.ENCRYPT_MODE,
          wrappingPublicKey,
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
      return c.doFinal(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP with the JDK's SunJCE provider failed", e);
    }
  }

  /** Logs in to the token again and looks the keys up again. */
  @Override
  public void refresh() {
    token.reconnect(token.generation());
    currentKeys();
  }

  /**
   * The token this provider uses.
   *
   * @return the token
   */
  public Pkcs11Token token() {
    return token;
  }

  /** Logs out of the token and releases it; the provider cannot be used afterwards. */
  @Override
  public void close() {
    token.close();
  }

  @Override
  public String toString() {
    return "Pkcs11MaterialsProvider{"
        + token.describe()
        + ", wrap="
        + wrapAlgorithm
        + " with '"
        + wrappingRef.object()
        + "', signing="
        + signingAlgorithm
        + " with '"
        + signingRef.object()
        + "'"
        + (unwrapper.legacyPkcs1Unwrap() ? ", legacy PKCS#1 v1.5 unwrap" : "")
        + "}";
  }

  /** Builder for {@link Pkcs11MaterialsProvider}. Not thread-safe. */
  public static final class Builder {
    private Pkcs11Token token;
    private String wrappingKey;
    private String signingKey;
    private PublicKey wrappingPublicKey;
    private PublicKey verificationKey;
    private String signingAlgorithm;
    private Collection<String> acceptedSigningAlgorithms;
    private boolean legacyPkcs1Unwrap;
    private boolean legacySharedRsaKey;
    private Map<String, String> description = Map.of();
    private java.time.Duration sessionCheckInterval = java.time.Duration.ZERO;

    private Builder() {}

    /**
     * With an RSA wrapping key, encryption needs no token operation of its own, so the provider
     * checks the session with one operation with the signing key before it hands that key out (an
     * HMAC of one byte, or an RSA signature). By default it does so on every call; a longer
     * interval saves those operations, at the price that for up to this long after a lost session
     * the item encryptor's signing fails (with {@link MaterialsUnavailableException}; retry) before
     * the provider notices. AES wrapping always touches the token and needs no check.
     *
     * @param interval minimum time between checks; zero checks every time
     * @return this builder
     */
    public Builder sessionCheckInterval(java.time.Duration interval) {
      this.sessionCheckInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * The token holding the keys. The provider takes it over and closes it in {@link #close()}.
     *
     * @param token a connected token
     * @return this builder
     */
    public Builder token(Pkcs11Token token) {
      this.token = token;
      return this;
    }

    /**
     * The key that wraps content keys: an AES secret key (RFC 3394) or an RSA private key
     * (RSA-OAEP; its public key comes from the certificate with the same label unless {@link
     * #wrappingPublicKey(PublicKey)} is set).
     *
     * @param labelOrUri a label or {@code pkcs11:object=...} URI
     * @return this builder
     */
    public Builder wrappingKey(String labelOrUri) {
      this.wrappingKey = labelOrUri;
      return this;
    }

    /**
     * The RSA public key matching an RSA wrapping key, when the token keeps no certificate for it.
     *
     * @param key RSA public key
     * @return this builder
     */
    public Builder wrappingPublicKey(PublicKey key) {
      this.wrappingPublicKey = key;
      return this;
    }

    /**
     * The key that signs items: an HMAC secret key or an RSA private key (its public key verifies;
     * from the certificate with the same label unless {@link #verificationKey(PublicKey)} is set).
     *
     * @param labelOrUri a label or {@code pkcs11:object=...} URI
     * @return this builder
     */
    public Builder signingKey(String labelOrUri) {
      this.signingKey = labelOrUri;
      return this;
    }

    /**
     * The RSA public key matching an RSA signing key, when the token keeps no certificate for it.
     *
     * @param key RSA public key
     * @return this builder
     */
    public Builder verificationKey(PublicKey key) {
      this.verificationKey = key;
      return this;
    }

    /**
     * The signature algorithm: HmacSHA256 (default for secret keys; also 224/384/512) or
     * SHA256withRSA (default for RSA keys; also 224/384/512).
     *
     * @param algorithm JCE algorithm name
     * @return this builder
     */
    public Builder signingAlgorithm(String algorithm) {
      this.signingAlgorithm = algorithm;
      return this;
    }

    /**
     * Further signature algorithms an item's {@code amzn-ddb-map-signingAlg} may name (each must
     * fit the signing key). By default none: items must be signed with the configured algorithm.
     *
     * @param algorithms e.g. {@code SHA384withRSA}
     * @return this builder
     */
    public Builder acceptedSigningAlgorithms(Collection<String> algorithms) {
      this.acceptedSigningAlgorithms = algorithms == null ? null : List.copyOf(algorithms);
      return this;
    }

    /**
     * Reads items whose content key is wrapped with RSA PKCS#1 v1.5 (what old Java writers used
     * when they named no {@code amzn-ddb-wrap-alg}). Off by default: such items are then refused
     * without a token operation. When on, failures are hidden by implicit rejection (see {@link
     * ContentKeyUnwrapper}); turn it on only to read old items, and re-encrypt them.
     *
     * @param enabled true to read PKCS#1 v1.5 wrapped keys
     * @return this builder
     */
    public Builder legacyPkcs1Unwrap(boolean enabled) {
      this.legacyPkcs1Unwrap = enabled;
      return this;
    }

    /**
     * Allows one RSA key pair to both wrap content keys and sign items, which is refused by
     * default. Only for reading items of writers that used one key pair.
     *
     * @param enabled true to allow it
     * @return this builder
     */
    public Builder legacySharedRsaKey(boolean enabled) {
      this.legacySharedRsaKey = enabled;
      return this;
    }

    /**
     * Extra entries stored in every item's material description. Keys the format reserves ({@link
     * FormatNames#isReservedDescriptionKey}) are refused when the provider is built.
     *
     * @param description string to string map
     * @return this builder
     */
    public Builder materialDescription(Map<String, String> description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Looks the keys up and checks them. On failure the token is closed.
     *
     * @return the provider
     * @throws InvalidConfigurationException if a key is missing or of the wrong type
     */
    public Pkcs11MaterialsProvider build() {
      return new Pkcs11MaterialsProvider(this);
    }
  }
}
