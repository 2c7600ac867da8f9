package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.provider.pkcs11.internal.KeyAdministration;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Session;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Uri;
import dev.ddbec.provider.pkcs11.internal.TokenSlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A logged-in connection to one PKCS#11 token (or HSM) through a JCE provider: finds keys by label,
 * lists them, generates ddbec keys on the token, and logs in again when the session is lost.
 *
 * <p>Two ways in:
 *
 * <ul>
 *   <li>a PKCS#11 library and a token: ddbec configures a SunPKCS11 provider for the token's slot
 *       (found by label) and logs in with the PIN. The provider is never installed in {@link
 *       Security}: every operation names it, and the materials carry it ({@link
 *       dev.ddbec.api.spi.EncryptionMaterials#signingProvider()}) so that the item encryptor signs
 *       and verifies with it;
 *   <li>the name of a JCE provider already installed by the application, e.g. {@code CloudHSM} for
 *       the AWS CloudHSM JCE provider. With a PIN and an {@link AuthProvider}, ddbec logs in
 *       explicitly; otherwise the provider's own login applies (for CloudHSM: {@code HSM_USER} and
 *       {@code HSM_PASSWORD}).
 * </ul>
 *
 * <pre>{@code
 * Pkcs11Token token = Pkcs11Token.builder()
 *     .library(Path.of("/usr/lib/softhsm/libsofthsm2.so"))
 *     .tokenLabel("ddbec")
 *     .pin(() -> System.getenv("DDBEC_HSM_PIN").toCharArray())
 *     .build();
 * }</pre>
 *
 * <p>The PIN is asked from its supplier at every login and never stored, logged or put in a
 * message. Thread-safe.
 */
public final class Pkcs11Token implements AutoCloseable {
  private final Pkcs11Session session;
  private final KeyAdministration keys;

  private Pkcs11Token(Builder b) {
    if (b.providerName != null) {
      if (b.library != null || b.slot != null || b.slotListIndex != null) {
        throw new InvalidConfigurationException(
            "Give either a PKCS#11 library (with token label, slot or slot list index) or the name"
                + " of an installed JCE provider, not both");
      }
      Provider p = Security.getProvider(b.providerName);
      if (p == null) {
        List<String> names = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
        throw new InvalidConfigurationException(
            "No JCE provider named '"
                + b.providerName
                + "' is installed; installed: "
                + names
                + ". Install it first (for AWS CloudHSM: Security.addProvider(new"
                + " CloudHsmProvider()))");
      }
      this.session =
          new Pkcs11Session(
              p,
              false,
              b.keyStoreType != null ? b.keyStoreType : defaultKeyStoreType(p),
              b.pin,
              b.tokenLabel,
              null,
              null);
    } else {
      if (b.library == null) {
        throw new InvalidConfigurationException(
            "A PKCS#11 token needs a library path (e.g. /usr/lib/softhsm/libsofthsm2.so) or the"
                + " name of an installed JCE provider");
      }
      if (!Files.isRegularFile(b.library)) {
        throw new InvalidConfigurationException(
            "PKCS#11 library " + b.library + " does not exist or is not a file");
      }
      int selectors =
          (b.tokenLabel != null ? 1 : 0)
              + (b.slot != null ? 1 : 0)
              + (b.slotListIndex != null ? 1 : 0);
      if (selectors != 1) {
        throw new InvalidConfigurationException(
            "Select the PKCS#11 token with exactly one of: token label, slot id, slot list index");
      }
      if (b.pin == null) {
        throw new InvalidConfigurationException(
            "A PKCS#11 token configured by library needs a PIN source (env:, file: or a"
                + " callback)");
      }
      String slotSelector;
      String tokenLabel;
      if (b.tokenLabel != null) {
        slotSelector = "slot = " + TokenSlots.find(b.library, b.tokenLabel);
        tokenLabel = b.tokenLabel;
      } else if (b.slot != null) {
        slotSelector = "slot = " + b.slot;
        tokenLabel = TokenSlots.labelOf(b.library, b.slot).orElse(null);
      } else {
        slotSelector = "slotListIndex = " + b.slotListIndex;
        tokenLabel = null;
      }
      this.session =
          new Pkcs11Session(
              Pkcs11Session.configureSunPkcs11(b.library, slotSelector, null),
              true,
              b.keyStoreType != null ? b.keyStoreType : "PKCS11",
              b.pin,
              tokenLabel,
              b.library,
              slotSelector);
    }
    this.keys = new KeyAdministration(session);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static String defaultKeyStoreType(Provider p) {
    if (p.getService("KeyStore", p.getName()) != null) {
      return p.getName(); // AWS CloudHSM: provider "CloudHSM", key store "CloudHSM"
    }
    if (p.getService("KeyStore", "PKCS11") != null) {
      return "PKCS11";
    }
    throw new InvalidConfigurationException(
        "JCE provider '"
            + p.getName()
            + "' offers no key store named '"
            + p.getName()
            + "' or 'PKCS11'; configure the key store type that finds its keys by label");
  }

  /**
   * The JCE provider that performs operations with this token's keys.
   *
   * @return the provider
   */
  public Provider provider() {
    return session.provider();
  }

  /**
   * The token label, when known (configured, or read from the slot).
   *
   * @return the label
   */
  public Optional<String> tokenLabel() {
    return Optional.ofNullable(session.tokenLabel());
  }

  /** A short description for messages: token label, slot or provider name; never the PIN. */
  String describe() {
    return session.describe();
  }

  long generation() {
    return session.generation();
  }

  KeyStore keyStore() {
    return session.keyStore();
  }

  void ensureOpen() {
    session.ensureOpen();
  }

  /**
   * Re-establishes the session after a failed operation (see {@link Pkcs11Session#reconnect}).
   *
   * @param failedGeneration the generation the caller's keys came from
   * @throws MaterialsUnavailableException if logging in again fails
   */
  void reconnect(long failedGeneration) {
    session.reconnect(failedGeneration);
  }

  /**
   * Looks up a key by label or RFC 7512 URI.
   *
   * @param reference label or {@code pkcs11:} URI
   * @param option the option or builder method, for messages
   * @return the key (secret or private), or empty if no key has that label
   * @throws GeneralSecurityException if the token fails
   */
  Optional<Key> findKey(Pkcs11Uri reference, String option) throws GeneralSecurityException {
    reference.checkToken(session.tokenLabel(), option);
    Key k;
    try {
      k = keyStore().getKey(reference.object(), null);
    } catch (java.security.UnrecoverableKeyException e) {
      throw new InvalidConfigurationException(
          "The key labelled '" + reference.object() + "' on " + describe() + " is not usable", e);
    }
    return Optional.ofNullable(k);
  }

  /**
   * Finds an RSA public key on the token: the certificate stored under the label (how {@link
   * #generateRsaKeyPair} and key tools keep it) or a public-key object with that label (AWS
   * CloudHSM).
   *
   * @param labelOrUri label or {@code pkcs11:} URI
   * @return the public key as a JDK software key, or empty
   */
  public Optional<RSAPublicKey> publicKey(String labelOrUri) {
    Pkcs11Uri ref = Pkcs11Uri.parse(labelOrUri, "public key");
    ref.checkToken(session.tokenLabel(), "public key");
    try {
      Certificate c = keyStore().getCertificate(ref.object());
      if (c != null) {
        return Optional.of(softwareRsa(c.getPublicKey()));
      }
      Key k = keyStore().getKey(ref.object(), null);
      if (k instanceof PublicKey pk) {
        return Optional.of(softwareRsa(pk));
      }
      return Optional.empty();
    } catch (GeneralSecurityException | ProviderException e) {
      throw new MaterialsUnavailableException(
          "Cannot read public key '" + ref.object() + "' from " + describe(), e);
    }
  }

  /**
   * Copies an RSA public key into a JDK key, so that encryption and verification run in software
   * whatever provider returned it.
   *
   * @param key an RSA public key
   * @return the same key as a SunRsaSign key
   */
  static RSAPublicKey softwareRsa(PublicKey key) {
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new InvalidConfigurationException(
          "Expected an RSA public key, found " + key.getAlgorithm());
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigurationException("Not a valid RSA public key", e);
    }
  }

  /**
   * Lists the keys on the token, sorted by label. Certificates alone are not listed.
   *
   * @return one entry per key
   * @throws MaterialsUnavailableException if the token cannot be read
   */
  public List<Pkcs11KeyInfo> listKeys() {
    return keys.listKeys();
  }

  /**
   * Generates an AES key on the token (for key wrapping).
   *
   * @param label the new key's label; must not be in use
   * @param bits 128, 192 or 256
   * @param extractable true only for tests that need the key bytes outside the token
   * @return the new key's description
   */
  public Pkcs11KeyInfo generateAesKey(String label, int bits, boolean extractable) {
    return keys.generateAesKey(label, bits, extractable);
  }

  /**
   * Generates an HMAC key on the token (for signing; SunPKCS11 stores it as a generic secret).
   *
   * @param label the new key's label; must not be in use
   * @param bits key size, at least 128 (256 recommended for HmacSHA256)
   * @param extractable true only for tests that need the key bytes outside the token
   * @return the new key's description
   */
  public Pkcs11KeyInfo generateHmacKey(String label, int bits, boolean extractable) {
    return keys.generateHmacKey(label, bits, extractable);
  }

  /**
   * Generates an RSA key pair on the token (for key wrapping or signing). The public key is kept in
   * a self-signed certificate under the same label, where ddbec finds it.
   *
   * @param label the new key's label; must not be in use
   * @param bits modulus size, at least 2048
   * @param extractable true only for tests that need the private key outside the token
   * @return the new key's description
   */
  public Pkcs11KeyInfo generateRsaKeyPair(String label, int bits, boolean extractable) {
    return keys.generateRsaKeyPair(label, bits, extractable);
  }

  /**
   * Deletes a key (and its certificate) from the token. For tests and key rotation clean-up.
   *
   * @param label the key's label
   * @return true if something was deleted
   */
  public boolean deleteKey(String label) {
    return keys.deleteKey(label);
  }

  /**
   * Logs out (when ddbec logged in with a PIN and this is the last open connection it configured
   * for the token). Keys obtained from this token stop working.
   */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "Pkcs11Token{" + describe() + ", provider=" + session.provider().getName() + '}';
  }

  /** Labels of the keys ddbec can use, for error messages. */
  String usableLabels() {
    try {
      Set<String> s = new TreeSet<>();
      for (Pkcs11KeyInfo i : listKeys()) {
        if (!i.uses().isEmpty()) {
          s.add(i.label());
        }
      }
      return s.toString();
    } catch (RuntimeException e) {
      return "(cannot list)";
    }
  }

  /** Builder for {@link Pkcs11Token}. Not thread-safe. */
  public static final class Builder {
    private Path library;
    private String tokenLabel;
    private Long slot;
    private Integer slotListIndex;
    private Supplier<char[]> pin;
    private String providerName;
    private String keyStoreType;

    private Builder() {}

    /**
     * The PKCS#11 library (a {@code .so}, {@code .dylib} or {@code .dll}).
     *
     * @param library e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @return this builder
     */
    public Builder library(Path library) {
      this.library = library;
      return this;
    }

    /**
     * Selects the token by label (needs the JDK's PKCS#11 wrapper to be exported, see {@code
     * docs/hsm.md}); with a JCE provider, the label is only checked against {@code token=} in key
     * URIs.
     *
     * @param label the token label
     * @return this builder
     */
    public Builder tokenLabel(String label) {
      this.tokenLabel = label;
      return this;
    }

    /**
     * Selects the token by slot id.
     *
     * @param slotId the PKCS#11 slot id
     * @return this builder
     */
    public Builder slot(long slotId) {
      this.slot = slotId;
      return this;
    }

    /**
     * Selects the token by its position in the library's slot list.
     *
     * @param index zero-based index
     * @return this builder
     */
    public Builder slotListIndex(int index) {
      this.slotListIndex = index;
      return this;
    }

    /**
     * The PIN (user PIN; for AWS CloudHSM {@code user:password}), asked at every login. The
     * supplier returns a fresh array, which ddbec clears after use.
     *
     * @param pin the PIN source
     * @return this builder
     */
    public Builder pin(Supplier<char[]> pin) {
      this.pin = pin;
      return this;
    }

    /**
     * Uses a JCE provider the application installed, e.g. {@code CloudHSM}.
     *
     * @param name the provider name
     * @return this builder
     */
    public Builder providerName(String name) {
      this.providerName = name;
      return this;
    }

    /**
     * The key store type that finds keys by label; default {@code PKCS11} for SunPKCS11, or the
     * provider's name when it offers a key store of that name ({@code CloudHSM}).
     *
     * @param type key store type
     * @return this builder
     */
    public Builder keyStoreType(String type) {
      this.keyStoreType = type;
      return this;
    }

    /**
     * Connects and logs in.
     *
     * @return the token
     * @throws InvalidConfigurationException for missing or contradictory options, an unknown token
     *     or provider, or a failed login
     */
    public Pkcs11Token build() {
      return new Pkcs11Token(this);
    }
  }
}
