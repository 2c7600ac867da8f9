package dev.ddbec.api.spi;

import java.security.Key;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Keys for protecting one item: an AES key for attribute encryption, a signing key (HMAC secret key
 * or RSA private key) and the material description to store with the item.
 *
 * <p>Holds secret keys: {@link #toString()} is redacted and {@link #equals(Object)} compares key
 * bytes in constant time. Immutable and thread-safe.
 */
public final class EncryptionMaterials extends KeyMaterials {
  private EncryptionMaterials(Builder b) {
    super(b, b.encryptionKey, b.signingKey, "signingKey", true);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The AES key that encrypts ENCRYPT_AND_SIGN attributes.
   *
   * @return the AES key, or empty when nothing is to be encrypted
   */
  public Optional<SecretKey> encryptionKey() {
    return Optional.ofNullable(aesKey);
  }

  /**
   * The signing key: an HMAC secret key or an RSA private key.
   *
   * @return the key
   */
  public Key signingKey() {
    return signatureKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptionMaterials other && sameAs(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return describe("encryptionKey", "signingKey");
  }

  /**
   * Builder for {@link EncryptionMaterials}: the keys here, the signature algorithm, material
   * description and JCA provider as for {@link DecryptionMaterials.Builder}. Not thread-safe.
   */
  public static final class Builder extends KeyMaterials.Builder<Builder> {
    private SecretKey encryptionKey;
    private Key signingKey;

    private Builder() {}

    /**
     * Sets the AES key used to encrypt attributes. Optional when no attribute is to be encrypted.
     *
     * @param key an AES key, or null
     * @return this builder
     */
    public Builder encryptionKey(SecretKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * Sets the signing key: an HMAC secret key or an RSA private key. Required.
     *
     * @param key the key
     * @return this builder
     */
    public Builder signingKey(Key key) {
      this.signingKey = key;
      return this;
    }

    /**
     * Builds the materials.
     *
     * @return the materials
     * @throws dev.ddbec.api.InvalidConfigurationException if the key and algorithm do not match
     */
    public EncryptionMaterials build() {
      return new EncryptionMaterials(this);
    }
  }
}
