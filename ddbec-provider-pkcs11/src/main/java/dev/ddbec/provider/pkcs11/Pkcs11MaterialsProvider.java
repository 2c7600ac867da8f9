package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.MaterialsProviderBuilder;
import dev.ddbec.api.spi.Randomness;
import dev.ddbec.api.spi.RsaOaepWrapping;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.api.spi.WrappedKeyDescription;
import dev.ddbec.provider.pkcs11.TokenKeyRing.TokenKeys;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Uri;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
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
  private final TokenKeyRing ring;
  private final boolean rsaWrapping;
  private final boolean rsaSigning;
  private final RSAPublicKey wrappingPublicKey;
  private final RSAPublicKey verificationPublicKey;
  private final String signingAlgorithm;
  private final Collection<String> acceptedSigningAlgorithms;
  private final String wrapAlgorithm;
  private final ContentKeyUnwrapper unwrapper;

  private final Map<String, String> description;
  private final long sessionCheckNanos;

  /** A wrapped content key and the signing key of the same login generation. */
  private record Wrapped(byte[] bytes, Key signingKey) {}

  private Pkcs11MaterialsProvider(Builder b) {
    this.token = Objects.requireNonNull(b.token, "token");
    try {
      if (b.wrappingKey == null || b.signingKey == null) {
        throw new InvalidConfigurationException(
            "Pkcs11MaterialsProvider needs a wrapping key and a signing key (labels or pkcs11:"
                + " URIs)");
      }
      Pkcs11Uri wrappingRef = Pkcs11Uri.parse(b.wrappingKey, "wrappingKey");
      Pkcs11Uri signingRef = Pkcs11Uri.parse(b.signingKey, "signingKey");
      this.description = b.materialDescription();
      FormatNames.requireNoReservedKeys(description, null);
      this.ring = new TokenKeyRing(token, wrappingRef, signingRef);
      TokenKeys k = ring.current();
      this.rsaWrapping = k.wrapping() instanceof PrivateKey;
      this.rsaSigning = k.signing() instanceof PrivateKey;
      this.wrapAlgorithm = rsaWrapping ? RSA_OAEP_SHA256 : AES_WRAP;
      this.wrappingPublicKey =
          rsaWrapping
              ? ring.publicKeyFor(b.wrappingPublicKey, wrappingRef, "wrappingPublicKey")
              : null;
      this.verificationPublicKey =
          rsaSigning ? ring.publicKeyFor(b.verificationKey, signingRef, "verificationKey") : null;
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
      KeyUsePolicy keyUse = b.keyUsePolicy();
      this.acceptedSigningAlgorithms = keyUse.acceptedSigningAlgorithms();
      for (String a : acceptedSigningAlgorithms) {
        boolean fits = rsaSigning ? SigningAlgorithms.isRsa(a) : SigningAlgorithms.isHmac(a);
        if (!fits) {
          throw new InvalidConfigurationException(
              "Accepted signing algorithm " + a + " does not fit the signing key");
        }
      }
      if (rsaWrapping
          && rsaSigning
          && !keyUse.legacySharedRsaKey()
          && (wrappingRef.object().equals(signingRef.object())
              || wrappingPublicKey.getModulus().equals(verificationPublicKey.getModulus()))) {
        throw ContentKeyUnwrapper.sharedRsaKey();
      }
      if (keyUse.legacyPkcs1Unwrap() && !rsaWrapping) {
        throw new InvalidConfigurationException(
            "legacyPkcs1Unwrap applies to an RSA wrapping key; '"
                + wrappingRef.object()
                + "' is an AES key");
      }
      this.unwrapper =
          rsaWrapping
              ? ContentKeyUnwrapper.forRsa(
                  wrappingPublicKey.getModulus(),
                  input -> ring.withToken("Unwrapping the content key", t -> ring.rawRsa(t, input)),
                  keyUse.legacyPkcs1Unwrap())
              : ContentKeyUnwrapper.forAes(
                  wrapped ->
                      ring.withToken("Unwrapping the content key", t -> ring.aesUnwrap(t, wrapped))
                          .orElseThrow(
                              () -> new GeneralSecurityException("RFC 3394 integrity check")));
      if (b.sessionCheckInterval.isNegative()) {
        throw new InvalidConfigurationException("sessionCheckInterval must not be negative");
      }
      this.sessionCheckNanos = b.sessionCheckInterval.toNanos();
      ring.checkPublicKeys(wrappingPublicKey, verificationPublicKey, signingAlgorithm);
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

  @Override
  public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
    byte[] raw = Randomness.bytes(32);
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
            System.nanoTime() - ring.lastTokenContact() >= sessionCheckNanos
                ? ring.withToken(
                    "Checking the session", t -> ring.probeSigningKey(t, signingAlgorithm))
                : ring.current().signing();
      } else {
        Wrapped result =
            ring.withToken(
                "Wrapping the content key", t -> new Wrapped(ring.aesWrap(t, raw), t.signing()));
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
    TokenKeys k = ring.current();
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

  /** How many token operations with the wrapping key ran: for tests. */
  long wrappingKeyOperations() {
    return ring.wrappingKeyOperations();
  }

  /** RSA-OAEP in software, with the public half of the token's wrapping key. */
  private byte[] oaepEncrypt(byte[] raw) {
    try {
      return RsaOaepWrapping.wrap(raw, wrappingPublicKey, RSA_OAEP_SHA256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP wrapping with the JDK failed", e);
    }
  }

  /** Logs in to the token again and looks the keys up again. */
  @Override
  public void refresh() {
    ring.refresh();
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
        + ring.wrappingRef().object()
        + "', signing="
        + signingAlgorithm
        + " with '"
        + ring.signingRef().object()
        + "'"
        + (unwrapper.legacyPkcs1Unwrap() ? ", legacy PKCS#1 v1.5 unwrap" : "")
        + "}";
  }

  /**
   * Builder for {@link Pkcs11MaterialsProvider}; description keys the format reserves ({@link
   * FormatNames#isReservedDescriptionKey}) are refused when the provider is built. Not thread-safe.
   */
  public static final class Builder extends MaterialsProviderBuilder<Builder> {
    private Pkcs11Token token;
    private String wrappingKey;
    private String signingKey;
    private PublicKey wrappingPublicKey;
    private PublicKey verificationKey;
    private String signingAlgorithm;
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
