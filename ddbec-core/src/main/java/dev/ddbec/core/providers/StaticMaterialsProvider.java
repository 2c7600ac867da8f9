package dev.ddbec.core.providers;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.internal.SigningKeys;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Fixed keys for every item: one AES key encrypts all attributes (no key wrapping) and one HMAC key
 * or RSA key pair signs. Matches the official clients' static / symmetric-static providers.
 *
 * <pre>{@code
 * MaterialsProvider p = StaticMaterialsProvider.builder()
 *     .encryptionKey(new SecretKeySpec(aesBytes, "AES"))
 *     .hmacKey(new SecretKeySpec(hmacBytes, "HmacSHA256"))
 *     .build();
 * }</pre>
 *
 * <p>The encryption key is optional: without it the provider only signs (every attribute must then
 * be SIGN_ONLY or DO_NOTHING). On decryption the item's description is not checked against the
 * provider's (as in the Python client). Immutable and thread-safe.
 */
public final class StaticMaterialsProvider implements MaterialsProvider {
  private final SecretKey encryptionKey;
  private final SigningKeys signing;
  private final Map<String, String> description;

  private StaticMaterialsProvider(Builder b) {
    if (b.encryptionKey != null && !"AES".equalsIgnoreCase(b.encryptionKey.getAlgorithm())) {
      throw new InvalidConfigurationException(
          "The static encryption key must be an AES key, not " + b.encryptionKey.getAlgorithm());
    }
    if (b.keyUsePolicy().legacyPkcs1Unwrap()) {
      throw new InvalidConfigurationException(
          "legacyPkcs1Unwrap applies to an RSA unwrapping key; this provider has none");
    }
    this.encryptionKey = b.encryptionKey;
    this.signing = b.signingKeys();
    this.description = b.materialDescription();
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
    return signing.encryptionMaterials(encryptionKey, description, "This StaticMaterialsProvider");
  }

  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    return signing.decryptionMaterials(encryptionKey, context);
  }

  @Override
  public String toString() {
    return "StaticMaterialsProvider{encryption="
        + (encryptionKey == null ? "none" : "AES(redacted)")
        + ", signing="
        + signing.algorithm()
        + "(redacted)}";
  }

  /**
   * Builder for {@link StaticMaterialsProvider}. Of the key-use options only {@link
   * #acceptedSigningAlgorithms} applies (this provider wraps no keys). Not thread-safe.
   */
  public static final class Builder extends SigningKeyBuilder<Builder> {
    private SecretKey encryptionKey;

    private Builder() {}

    /**
     * Sets the AES key that encrypts and decrypts attributes.
     *
     * @param key AES key (128, 192 or 256 bits)
     * @return this builder
     */
    public Builder encryptionKey(SecretKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return the provider
     * @throws InvalidConfigurationException if the keys do not fit together
     */
    public StaticMaterialsProvider build() {
      return new StaticMaterialsProvider(this);
    }
  }
}
