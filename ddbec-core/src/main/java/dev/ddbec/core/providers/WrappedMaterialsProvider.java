package dev.ddbec.core.providers;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.Randomness;
import dev.ddbec.api.spi.WrappedKeyDescription;
import dev.ddbec.core.internal.KeyWrapping;
import dev.ddbec.core.internal.SigningKeys;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: every item gets a fresh random AES-256 content key, wrapped under a
 * long-lived key and stored in the item's material description (docs/format.md §5.2).
 *
 * <ul>
 *   <li>AES wrapping key: RFC 3394 key wrap ({@code AESWrap});
 *   <li>RSA key pair: RSA-OAEP with SHA-256 and MGF1-SHA1 (public key wraps, private key unwraps).
 *       Items of old Java writers wrapped with RSA PKCS#1 v1.5 are refused unless {@link
 *       Builder#legacyPkcs1Unwrap(boolean)} is set.
 * </ul>
 *
 * <p>Unwrapping is {@link ContentKeyUnwrapper}'s: a failed unwrap is never reported as such (the
 * item fails at attribute decryption instead), so stored items cannot be used as a padding oracle.
 * One RSA key may not both wrap and sign, and an item's {@code amzn-ddb-map-signingAlg} may only
 * name the configured signature algorithm or one of {@link
 * Builder#acceptedSigningAlgorithms(Collection)}.
 *
 * <pre>{@code
 * MaterialsProvider p = WrappedMaterialsProvider.builder()
 *     .wrappingKey(new SecretKeySpec(wrapBytes, "AES"))   // wraps and unwraps
 *     .hmacKey(new SecretKeySpec(hmacBytes, "HmacSHA256"))
 *     .build();
 * }</pre>
 *
 * <p>Descriptions are written as the Python client writes them ({@code amzn-ddb-env-alg =
 * AES/256}), which current Python and Java clients both read. Immutable and thread-safe.
 */
public final class WrappedMaterialsProvider implements MaterialsProvider {
  private final Key wrappingKey;
  private final ContentKeyUnwrapper unwrapper;
  private final String wrapAlgorithm;
  private final SigningKeys signing;
  private final Map<String, String> description;

  private WrappedMaterialsProvider(Builder b) {
    if (b.wrappingKey == null && b.unwrappingKey == null) {
      throw new InvalidConfigurationException(
          "WrappedMaterialsProvider needs a wrapping key, an unwrapping key, or both");
    }
    this.wrappingKey = b.wrappingKey;
    checkKey(wrappingKey, true);
    checkKey(b.unwrappingKey, false);
    this.wrapAlgorithm =
        wrappingKey == null ? null : KeyWrapping.defaultTransformation(wrappingKey);
    if (wrappingKey != null) {
      KeyWrapping.checkWrapTransformation(wrapAlgorithm, wrappingKey);
    }
    KeyUsePolicy keyUse = b.keyUsePolicy();
    this.signing = b.signingKeys();
    for (Key w : new Key[] {wrappingKey, b.unwrappingKey}) {
      ContentKeyUnwrapper.requireSeparateRsaKeys(
          w, signing.verificationKey(), keyUse.legacySharedRsaKey());
    }
    if (keyUse.legacyPkcs1Unwrap() && !(b.unwrappingKey instanceof PrivateKey)) {
      throw new InvalidConfigurationException(
          "legacyPkcs1Unwrap applies to an RSA unwrapping key; this provider has none");
    }
    this.unwrapper = unwrapper(b.unwrappingKey, keyUse.legacyPkcs1Unwrap());
    this.description = b.materialDescription();
    WrappedKeyDescription.requireNoWrappedKeyEntries(description);
  }

  private static ContentKeyUnwrapper unwrapper(Key key, boolean legacyPkcs1Unwrap) {
    if (key == null) {
      return null;
    }
    if (key instanceof PrivateKey rsa) {
      return ContentKeyUnwrapper.forRsaPrivateKey(rsa, legacyPkcs1Unwrap);
    }
    return ContentKeyUnwrapper.forAes(wrapped -> KeyWrapping.aesUnwrap(wrapped, key));
  }

  private static void checkKey(Key key, boolean wrapping) {
    if (key == null) {
      return;
    }
    boolean aes = key instanceof SecretKey && "AES".equalsIgnoreCase(key.getAlgorithm());
    boolean rsa =
        "RSA".equalsIgnoreCase(key.getAlgorithm())
            && (wrapping ? key instanceof PublicKey : key instanceof PrivateKey);
    if (!aes && !rsa) {
      throw new InvalidConfigurationException(
          "The "
              + (wrapping ? "wrapping" : "unwrapping")
              + " key must be an AES secret key or an RSA "
              + (wrapping ? "public" : "private")
              + " key, not "
              + key.getAlgorithm());
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
    if (wrappingKey == null) {
      throw new InvalidConfigurationException(
          "This WrappedMaterialsProvider has no wrapping key and can only decrypt");
    }
    byte[] raw = Randomness.bytes(32);
    SecretKey contentKey = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    byte[] wrapped = KeyWrapping.wrap(contentKey, wrappingKey, wrapAlgorithm);
    return signing.encryptionMaterials(
        contentKey,
        WrappedKeyDescription.withWrappedKey(description, wrapped, wrapAlgorithm),
        "This WrappedMaterialsProvider");
  }

  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    if (unwrapper == null) {
      throw new InvalidConfigurationException(
          "This WrappedMaterialsProvider has no unwrapping key and can only encrypt");
    }
    return signing.decryptionMaterials(unwrapper.unwrap(context), context);
  }

  @Override
  public String toString() {
    return "WrappedMaterialsProvider{wrap="
        + (wrapAlgorithm == null ? "none" : wrapAlgorithm)
        + (unwrapper != null && unwrapper.legacyPkcs1Unwrap() ? ", legacy PKCS#1 v1.5 unwrap" : "")
        + ", signing="
        + signing.algorithm()
        + ", keys redacted}";
  }

  /** Builder for {@link WrappedMaterialsProvider}. Not thread-safe. */
  public static final class Builder extends SigningKeyBuilder<Builder> {
    private Key wrappingKey;
    private Key unwrappingKey;

    private Builder() {}

    /**
     * Sets an AES key that both wraps and unwraps content keys (RFC 3394).
     *
     * @param key AES key (128, 192 or 256 bits)
     * @return this builder
     */
    public Builder wrappingKey(SecretKey key) {
      this.wrappingKey = key;
      this.unwrappingKey = key;
      return this;
    }

    /**
     * Sets an RSA key pair: the public key wraps (RSA-OAEP), the private key unwraps.
     *
     * @param keyPair RSA key pair
     * @return this builder
     */
    public Builder wrappingKeyPair(KeyPair keyPair) {
      this.wrappingKey = keyPair.getPublic();
      this.unwrappingKey = keyPair.getPrivate();
      return this;
    }

    /**
     * Sets only the key that wraps (an AES key or RSA public key): an encrypt-only provider unless
     * {@link #unwrappingKey(Key)} is also set.
     *
     * @param key wrapping key
     * @return this builder
     */
    public Builder wrappingKey(Key key) {
      this.wrappingKey = key;
      return this;
    }

    /**
     * Sets only the key that unwraps (an AES key or RSA private key).
     *
     * @param key unwrapping key
     * @return this builder
     */
    public Builder unwrappingKey(Key key) {
      this.unwrappingKey = key;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return the provider
     * @throws InvalidConfigurationException if the keys do not fit together, or one RSA key is
     *     configured to wrap and to sign
     */
    public WrappedMaterialsProvider build() {
      return new WrappedMaterialsProvider(this);
    }
  }
}
