package dev.ddbec.api.spi;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unwraps the per-item content key of wrapped (envelope) materials (docs/format.md §5.2): the one
 * implementation that every provider which unwraps content keys uses, so that all of them fail in
 * the same way.
 *
 * <p>A provider builds one unwrapper from the operation its long-lived key offers: a raw RSA
 * private-key operation ({@link #forRsaPrivateKey(PrivateKey, boolean)} for a JCE key, {@link
 * #forRsa(BigInteger, RsaPrivateOperation, boolean)} for a key on a token) or an RFC 3394 AES key
 * unwrap ({@link #forAes(AesKeyUnwrap)}). {@link #unwrap(EncryptionContext)} then reads the item's
 * description entries ({@link WrappedKeyDescription}) and returns the content key:
 *
 * <ul>
 *   <li><b>The item does not choose the padding freely.</b> RSA keys unwrap RSA-OAEP ({@code
 *       RSA/ECB/OAEPWith<SHA-1|SHA-256|SHA-384|SHA-512>AndMGF1Padding}, MGF1 always SHA-1, empty
 *       label). RSA PKCS#1 v1.5 ({@value #RSA_PKCS1}, {@code RSA}, or no {@value
 *       WrappedKeyDescription#WRAP_ALG} at all, which old writers meant as PKCS#1 v1.5) is refused
 *       with one fixed {@link ItemIntegrityException}, before any RSA operation, unless the
 *       provider was built with the legacy opt-in. AES keys unwrap {@value #AES_WRAP} only.
 *   <li><b>Implicit rejection.</b> Once an RSA operation or AES unwrap has run, nothing about its
 *       outcome is reported: a padding that does not decode, an integrity check that fails, or a
 *       content key of another length than {@value WrappedKeyDescription#ENV_ALG} names (16, 24 or
 *       32 bytes when it names none) all yield instead a key of the expected length derived from
 *       the wrapped bytes under a secret random to this unwrapper (the same item always yields the
 *       same key). The item then fails later, at attribute decryption, exactly as an item whose key
 *       unwrapped to the wrong value does. The RSA padding is decoded in constant time from the raw
 *       RSA result, never by a JCE padding mode that branches or throws.
 * </ul>
 *
 * <p>Immutable and thread-safe if the operation given is.
 */
public final class ContentKeyUnwrapper {
  /** RFC 3394 AES key wrap. */
  public static final String AES_WRAP = "AESWrap";

  /** RSA-OAEP with SHA-256 and MGF1-SHA1: what ddbec and the official clients write. */
  public static final String RSA_OAEP_SHA256 = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";

  /** RSA PKCS#1 v1.5 encryption: read only with the legacy opt-in. */
  public static final String RSA_PKCS1 = "RSA/ECB/PKCS1Padding";

  /** The message of every refusal of a PKCS#1 v1.5 wrapped key: the same for every item. */
  static final String PKCS1_REFUSED =
      "Refusing to unwrap a content key wrapped with RSA PKCS#1 v1.5 (amzn-ddb-wrap-alg "
          + RSA_PKCS1
          + ", or none, which means it): PKCS#1 v1.5 unwrap is off by default because it can"
          + " serve as a padding oracle. To read items written that way, build the provider with"
          + " legacyPkcs1Unwrap(true) (option legacy-pkcs1-unwrap=true); see docs/security.md";

  private static final Map<String, String> OAEP_DIGESTS =
      Map.of(
          "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
          "SHA-1",
          RSA_OAEP_SHA256,
          "SHA-256",
          "RSA/ECB/OAEPWithSHA-384AndMGF1Padding",
          "SHA-384",
          "RSA/ECB/OAEPWithSHA-512AndMGF1Padding",
          "SHA-512");

  private static final int DEFAULT_KEY_BYTES = 32;

  /**
   * The OAEP digest an RSA-OAEP transformation names (MGF1 is always SHA-1, as the official clients
   * use it), for the wrapping side to use the same table as the unwrapping side.
   *
   * @param transformation a JCA transformation, e.g. {@value #RSA_OAEP_SHA256}
   * @return the digest ({@code SHA-1}, {@code SHA-256}, {@code SHA-384} or {@code SHA-512}), or
   *     empty if the transformation is not an RSA-OAEP one this format knows
   */
  public static Optional<String> oaepDigest(String transformation) {
    return Optional.ofNullable(OAEP_DIGESTS.get(transformation));
  }

  /** One HmacSHA256 per thread: {@code getInstance} is a measurable part of an AES unwrap. */
  private static final ThreadLocal<Mac> REJECTION_MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("The JDK's HmacSHA256 is missing", e);
            }
          });

  /** A raw RSA private-key operation: {@code input^d mod n}, no padding. */
  @FunctionalInterface
  public interface RsaPrivateOperation {
    /**
     * Applies the private key to an input already checked to be shorter than the modulus.
     *
     * @param input big-endian, exactly the modulus length, numerically below the modulus
     * @return the big-endian result; leading zero bytes may be dropped
     * @throws GeneralSecurityException if the operation fails; treated as a failed unwrap (a
     *     provider whose key is unreachable throws {@link MaterialsUnavailableException} instead)
     */
    byte[] apply(byte[] input) throws GeneralSecurityException;
  }

  /** An RFC 3394 AES key unwrap with the provider's AES key. */
  @FunctionalInterface
  public interface AesKeyUnwrap {
    /**
     * Unwraps key bytes and checks the RFC 3394 integrity value.
     *
     * @param wrapped the wrapped bytes
     * @return the key bytes
     * @throws GeneralSecurityException if the input is malformed or the integrity check fails;
     *     treated as a failed unwrap (a provider whose key is unreachable throws {@link
     *     MaterialsUnavailableException} instead)
     */
    byte[] unwrap(byte[] wrapped) throws GeneralSecurityException;
  }

  private final BigInteger modulus;
  private final RsaPrivateOperation rsa;
  private final AesKeyUnwrap aes;
  private final boolean legacyPkcs1Unwrap;
  private final SecretKeySpec rejectionKey;

  private ContentKeyUnwrapper(
      BigInteger modulus, RsaPrivateOperation rsa, AesKeyUnwrap aes, boolean legacyPkcs1Unwrap) {
    this.modulus = modulus;
    this.rsa = rsa;
    this.aes = aes;
    this.legacyPkcs1Unwrap = legacyPkcs1Unwrap;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.rejectionKey = new SecretKeySpec(secret, "HmacSHA256");
    Arrays.fill(secret, (byte) 0);
  }

  /**
   * An unwrapper for an RSA private key held elsewhere (a token or HSM).
   *
   * @param modulus the key's modulus (from its public key)
   * @param operation the raw RSA private-key operation
   * @param legacyPkcs1Unwrap true to read items wrapped with RSA PKCS#1 v1.5 (with implicit
   *     rejection); false refuses them without an RSA operation
   * @return the unwrapper
   */
  public static ContentKeyUnwrapper forRsa(
      BigInteger modulus, RsaPrivateOperation operation, boolean legacyPkcs1Unwrap) {
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(operation, "operation");
    if (modulus.bitLength() < 1024) {
      throw new InvalidConfigurationException(
          "The RSA unwrapping key has a " + modulus.bitLength() + "-bit modulus; use 2048 or more");
    }
    return new ContentKeyUnwrapper(modulus, operation, null, legacyPkcs1Unwrap);
  }

  /**
   * An unwrapper for a JCE RSA private key: the raw RSA operation is {@code RSA/ECB/NoPadding} of
   * the key's JCE provider.
   *
   * @param key an RSA private key that reveals its modulus ({@link RSAKey})
   * @param legacyPkcs1Unwrap see {@link #forRsa(BigInteger, RsaPrivateOperation, boolean)}
   * @return the unwrapper
   * @throws InvalidConfigurationException if the key is not an RSA key with a modulus
   */
  public static ContentKeyUnwrapper forRsaPrivateKey(PrivateKey key, boolean legacyPkcs1Unwrap) {
    Objects.requireNonNull(key, "key");
    if (!(key instanceof RSAKey rsaKey) || rsaKey.getModulus() == null) {
      throw new InvalidConfigurationException(
          "The unwrapping key must be an RSA private key whose modulus is readable, not "
              + key.getAlgorithm());
    }
    return forRsaPrivateKey(key, rsaKey.getModulus(), legacyPkcs1Unwrap);
  }

  /**
   * An unwrapper for a JCE RSA private key whose modulus is known from its public key (for keys
   * that do not reveal it, e.g. keys of a hardware key store): the raw RSA operation is {@code
   * RSA/ECB/NoPadding} of the key's JCE provider.
   *
   * @param key an RSA private key
   * @param modulus its modulus
   * @param legacyPkcs1Unwrap see {@link #forRsa(BigInteger, RsaPrivateOperation, boolean)}
   * @return the unwrapper
   */
  public static ContentKeyUnwrapper forRsaPrivateKey(
      PrivateKey key, BigInteger modulus, boolean legacyPkcs1Unwrap) {
    Objects.requireNonNull(key, "key");
    return forRsa(
        modulus,
        input -> {
          Cipher c = RSA_NO_PADDING.forKey(key);
          c.init(Cipher.DECRYPT_MODE, key);
          return c.doFinal(input);
        },
        legacyPkcs1Unwrap);
  }

  /** Raw RSA, one cipher per thread: {@code getInstance} is a provider look-up per call. */
  private static final PerThreadCipher RSA_NO_PADDING = PerThreadCipher.of("RSA/ECB/NoPadding");

  /**
   * An unwrapper for an AES key: items must name {@value #AES_WRAP} (or nothing, which means it).
   *
   * @param operation the RFC 3394 unwrap with the provider's AES key
   * @return the unwrapper
   */
  public static ContentKeyUnwrapper forAes(AesKeyUnwrap operation) {
    return new ContentKeyUnwrapper(
        null, null, Objects.requireNonNull(operation, "operation"), false);
  }

  /**
   * Refuses one RSA key for both wrapping content keys and signing items: an attacker who obtains
   * the private-key operation through either use would get the other too.
   *
   * @param wrappingKey the wrapping or unwrapping key (public or private), or null
   * @param signatureKey the signing or verification key (public or private), or null
   * @param allowShared true to allow it anyway (to read items of writers that used one key pair)
   * @throws InvalidConfigurationException if both are RSA keys with the same modulus and sharing is
   *     not allowed
   */
  public static void requireSeparateRsaKeys(
      Key wrappingKey, Key signatureKey, boolean allowShared) {
    if (allowShared
        || !(wrappingKey instanceof RSAKey w)
        || !(signatureKey instanceof RSAKey s)
        || w.getModulus() == null
        || !w.getModulus().equals(s.getModulus())) {
      return;
    }
    throw sharedRsaKey();
  }

  /**
   * The error for one RSA key used for wrapping and signing.
   *
   * @return the exception to throw
   */
  public static InvalidConfigurationException sharedRsaKey() {
    return new InvalidConfigurationException(
        "The same RSA key is configured to wrap content keys and to sign items; use two key pairs"
            + " (reading items of writers that used one key pair needs the explicit opt-in"
            + " legacySharedRsaKey(true), option legacy-shared-rsa-key=true; see"
            + " docs/security.md)");
  }

  /**
   * Tells whether this unwrapper reads RSA PKCS#1 v1.5 wrapped keys.
   *
   * @return the legacy opt-in
   */
  public boolean legacyPkcs1Unwrap() {
    return legacyPkcs1Unwrap;
  }

  /**
   * Unwraps the content key of an item.
   *
   * @param context the item's context; its material description holds the wrapped key
   * @return the content key, or, after any failure of the unwrap itself, a key that will fail
   *     attribute decryption (see the class description)
   * @throws ItemIntegrityException if the description has no wrapped key or one that is not Base64,
   *     names a content key length other than 128, 192 or 256 bits, names a transformation of the
   *     other key type, or names RSA PKCS#1 v1.5 without the legacy opt-in: all decided from the
   *     description alone, before any key operation
   * @throws UnsupportedFormatException if it names an unknown transformation or content key
   *     algorithm
   * @throws MaterialsUnavailableException if the provider's key cannot be reached
   */
  public SecretKey unwrap(EncryptionContext context) {
    WrappedKeyDescription w = WrappedKeyDescription.parse(context);
    int expected = expectedKeyBytes(w);
    String transformation = w.wrapAlgorithm().orElse(rsa != null ? RSA_PKCS1 : AES_WRAP);
    boolean pkcs1 = RSA_PKCS1.equals(transformation) || "RSA".equals(transformation);
    String oaepDigest = OAEP_DIGESTS.get(transformation);
    boolean aesWrap = AES_WRAP.equals(transformation);
    if (!pkcs1 && oaepDigest == null && !aesWrap) {
      throw new UnsupportedFormatException(
          "Unsupported key wrapping algorithm in "
              + WrappedKeyDescription.WRAP_ALG
              + "; ddbec reads AESWrap and RSA-OAEP (and RSA PKCS#1 v1.5 by opt-in)");
    }
    if (aesWrap != (aes != null)) {
      throw new ItemIntegrityException(
          "The item's content key was wrapped with "
              + transformation
              + " but this provider's wrapping key is "
              + (aes != null ? "an AES" : "an RSA")
              + " key");
    }
    if (pkcs1 && !legacyPkcs1Unwrap) {
      throw new ItemIntegrityException(PKCS1_REFUSED);
    }
    byte[] wrapped = w.wrappedKey();
    byte[] fallback = rejectionKeyBytes(transformation, wrapped);
    byte[] out = null;
    try {
      out =
          aes != null
              ? aesUnwrap(wrapped, expected, fallback)
              : rsaUnwrap(wrapped, expected, pkcs1, oaepDigest, fallback);
      return new SecretKeySpec(out, w.contentKeyAlgorithm());
    } finally {
      Arrays.fill(fallback, (byte) 0);
      if (out != null) {
        Arrays.fill(out, (byte) 0);
      }
    }
  }

  /** 16, 24 or 32 from {@code AES/<bits>}; 0 when the description names no length. */
  private static int expectedKeyBytes(WrappedKeyDescription w) {
    String text = w.keyLengthText();
    if (text == null) {
      return 0;
    }
    switch (text) {
      case "128":
        return 16;
      case "192":
        return 24;
      case "256":
        return 32;
      default:
        throw new ItemIntegrityException(
            "The item's "
                + WrappedKeyDescription.ENV_ALG
                + " names a content key length other than AES/128, AES/192 or AES/256");
    }
  }

  private byte[] rsaUnwrap(
      byte[] wrapped, int expected, boolean pkcs1, String oaepDigest, byte[] fallback) {
    int k = (modulus.bitLength() + 7) / 8;
    // Length and range depend on the wrapped bytes and the public modulus only: checking them
    // tells an attacker nothing it did not know. They skip the RSA operation, not the selection.
    boolean inRange = wrapped.length == k && new BigInteger(1, wrapped).compareTo(modulus) < 0;
    byte[] em = new byte[k];
    try {
      if (inRange) {
        byte[] raw;
        try {
          raw = rsa.apply(wrapped);
        } catch (GeneralSecurityException e) {
          raw = null;
        }
        if (raw != null && raw.length <= k) {
          System.arraycopy(raw, 0, em, k - raw.length, raw.length);
        }
        if (raw != null) {
          Arrays.fill(raw, (byte) 0);
        }
      }
      int start = pkcs1 ? RsaPaddings.decodePkcs1(em) : RsaPaddings.decodeOaep(em, oaepDigest);
      int good = (~start >>> 31) & (inRange ? 1 : 0);
      int msgLen = k - start;
      int lengthOk =
          expected != 0
              ? RsaPaddings.isZero(msgLen ^ expected)
              : RsaPaddings.isZero(msgLen ^ 16)
                  | RsaPaddings.isZero(msgLen ^ 24)
                  | RsaPaddings.isZero(msgLen ^ 32);
      good &= lengthOk;
      int length =
          expected != 0 ? expected : RsaPaddings.select(good, msgLen & 0x3f, DEFAULT_KEY_BYTES);
      return select(good, em, k - length, fallback, length);
    } finally {
      Arrays.fill(em, (byte) 0);
    }
  }

  private byte[] aesUnwrap(byte[] wrapped, int expected, byte[] fallback) {
    byte[] raw;
    try {
      raw = aes.unwrap(wrapped);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      raw = null;
    }
    try {
      int n = raw == null ? -1 : raw.length;
      int good = n == expected || (expected == 0 && (n == 16 || n == 24 || n == 32)) ? 1 : 0;
      int length = good == 1 ? n : (expected != 0 ? expected : DEFAULT_KEY_BYTES);
      return select(good, raw == null ? new byte[0] : raw, 0, fallback, length);
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  /**
   * {@code length} bytes: from {@code candidate} at {@code offset} if {@code good} is 1, else from
   * {@code fallback}; every byte of both is read either way.
   */
  private static byte[] select(
      int good, byte[] candidate, int offset, byte[] fallback, int length) {
    byte[] out = new byte[length];
    int mask = -good;
    for (int i = 0; i < length; i++) {
      int c = offset + i < candidate.length ? candidate[offset + i] : 0;
      out[i] = (byte) ((c & mask) | (fallback[i] & ~mask));
    }
    return out;
  }

  private byte[] rejectionKeyBytes(String transformation, byte[] wrapped) {
    try {
      Mac mac = REJECTION_MAC.get();
      mac.init(rejectionKey);
      mac.update(transformation.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(wrapped);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK's HmacSHA256 is missing", e);
    }
  }

  @Override
  public String toString() {
    return "ContentKeyUnwrapper{"
        + (aes != null ? "AESWrap" : "RSA-" + modulus.bitLength() + " OAEP")
        + (legacyPkcs1Unwrap ? " + legacy PKCS#1 v1.5" : "")
        + ", key redacted}";
  }
}
