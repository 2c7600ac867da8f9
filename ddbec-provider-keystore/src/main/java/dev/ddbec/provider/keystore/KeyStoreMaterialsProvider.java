package dev.ddbec.provider.keystore;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.MaterialsProviderBuilder;
import dev.ddbec.api.spi.Randomness;
import dev.ddbec.api.spi.WrappedKeyDescription;
import dev.ddbec.provider.keystore.internal.RsaKeyWrapping;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Materials from two entries of a JCE {@link KeyStore} (a PKCS12 or JCEKS file), as the official
 * Java client's {@code KeyStoreMaterialsProvider} does (docs/format.md §5.4), so both read each
 * other's items from the same file.
 *
 * <table>
 *   <caption>What the entries mean</caption>
 *   <tr><th>entry</th><th>secret key entry</th><th>private key entry</th><th>trusted certificate</th></tr>
 *   <tr><td>encryption alias</td><td>AES key used directly for every item (static symmetric
 *       materials)</td><td>RSA key pair: a fresh AES-256 content key per item, wrapped with
 *       RSA-OAEP (SHA-256, MGF1-SHA1) by the certificate's public key, unwrapped by the private
 *       key</td><td>RSA public key only: encrypt-only</td></tr>
 *   <tr><td>signing alias</td><td>HMAC key (HmacSHA224..512, from the key's algorithm)</td>
 *       <td>RSA key pair: SHA256withRSA</td><td>RSA public key only: verify (decrypt) only</td></tr>
 * </table>
 *
 * <pre>{@code
 * MaterialsProvider p = KeyStoreMaterialsProvider.builder()
 *     .path(Path.of("/etc/myapp/ddbec.p12"))           // PKCS12 unless .type("JCEKS")
 *     .password(() -> System.console().readPassword("Key store password: "))
 *     .encryptionAlias("ddbec-encryption")
 *     .signingAlias("ddbec-signing")
 *     .build();
 * }</pre>
 *
 * <p><b>Description matching.</b> Entries given with {@link Builder#materialDescription(Map)} are
 * written into every item's material description, and, as in the official Java client, this
 * provider decrypts only items whose description contains every one of them with the same value.
 * Use this to tell apart items written under different key stores or aliases. Where the Java client
 * returns {@code null} (and fails later without saying why), this provider throws a {@link
 * MaterialsUnavailableException} naming the entries that differ.
 *
 * <p><b>Hardening.</b> Content keys are unwrapped by {@link ContentKeyUnwrapper}: RSA-OAEP only,
 * unless {@link Builder#legacyPkcs1Unwrap(boolean)} allows RSA PKCS#1 v1.5 for items of old Java
 * writers, and a failed unwrap is never reported as such. One RSA key may not be both the
 * encryption and the signing entry ({@link Builder#legacySharedRsaKey(boolean)} to read items of
 * writers that used one), and an item's {@code amzn-ddb-map-signingAlg} may only name {@code
 * SHA256withRSA} (or the HMAC key's algorithm) or one of {@link
 * Builder#acceptedSigningAlgorithms(Collection)}.
 *
 * <p><b>Passwords</b> are {@code char[]} suppliers, called each time the key store is read ({@link
 * #builder()}'s {@code build()} and {@link #refresh()}); the returned arrays are cleared after use,
 * so return a fresh array per call. Passwords are never kept, logged or put in messages.
 *
 * <p><b>Reloading.</b> Keys are read once when the provider is built. {@link #refresh()} reads the
 * file again (or, for a {@link Builder#keyStore(KeyStore) KeyStore instance}, its entries); until
 * it succeeds the provider keeps using the keys it has.
 *
 * <p>Immutable and thread-safe: any number of threads may share one provider, also while another
 * thread calls {@link #refresh()}.
 */
public final class KeyStoreMaterialsProvider implements MaterialsProvider {

  /** What the keys are checked against when they are loaded. */
  record Settings(
      String encryptionAlias,
      String signingAlias,
      Map<String, String> description,
      boolean legacyPkcs1Unwrap,
      boolean legacySharedRsaKey,
      Collection<String> acceptedSigningAlgorithms) {}

  private final KeyStoreSource source;
  private final Settings settings;
  private final String encryptionAlias;
  private final String signingAlias;
  private final Supplier<char[]> encryptionEntryPassword;
  private final Supplier<char[]> signingEntryPassword;
  private final Map<String, String> description;
  private final Collection<String> acceptedSigningAlgorithms;
  private final Object reloadLock = new Object();
  private volatile LoadedKeys current;

  private KeyStoreMaterialsProvider(Builder b) {
    if ((b.path == null) == (b.keyStore == null)) {
      throw new InvalidConfigurationException(
          "KeyStoreMaterialsProvider needs either a key store file (path) or a KeyStore instance");
    }
    if (b.keyStore != null && (b.type != null || b.password != null)) {
      throw new InvalidConfigurationException(
          "KeyStoreMaterialsProvider: type and password belong to a key store file; a KeyStore"
              + " instance is already loaded");
    }
    if (b.path != null && b.password == null) {
      throw new InvalidConfigurationException(
          "KeyStoreMaterialsProvider needs the key store password (a char[] supplier)");
    }
    this.encryptionAlias = requireAlias(b.encryptionAlias, "encryption");
    this.signingAlias = requireAlias(b.signingAlias, "signing");
    FormatNames.requireNoReservedKeys(b.materialDescription(), null);
    this.source =
        new KeyStoreSource(
            b.path,
            b.path == null ? b.keyStore.getType() : (b.type == null ? "PKCS12" : b.type),
            b.keyStore,
            b.password);
    this.encryptionEntryPassword =
        b.encryptionEntryPassword != null ? b.encryptionEntryPassword : b.password;
    this.signingEntryPassword =
        b.signingEntryPassword != null ? b.signingEntryPassword : b.password;
    this.description = Collections.unmodifiableMap(new TreeMap<>(b.materialDescription()));
    KeyUsePolicy keyUse = b.keyUsePolicy();
    this.acceptedSigningAlgorithms = keyUse.acceptedSigningAlgorithms();
    this.settings =
        new Settings(
            encryptionAlias,
            signingAlias,
            description,
            keyUse.legacyPkcs1Unwrap(),
            keyUse.legacySharedRsaKey(),
            acceptedSigningAlgorithms);
    this.current = load();
  }

  private static String requireAlias(String alias, String what) {
    if (alias == null || alias.isBlank()) {
      throw new InvalidConfigurationException(
          "KeyStoreMaterialsProvider needs the " + what + " alias");
    }
    return alias;
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
    LoadedKeys m = current;
    if (m.signingKey == null) {
      throw new InvalidConfigurationException(
          "The signing entry '"
              + signingAlias
              + "' of "
              + where()
              + " is a certificate without a private key: this provider can verify and decrypt"
              + " but not encrypt");
    }
    if (m.staticEncryption != null) {
      return m.staticEncryption;
    }
    byte[] raw = Randomness.bytes(32);
    SecretKey contentKey = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    byte[] wrapped = RsaKeyWrapping.wrap(contentKey, m.wrappingKey);
    return EncryptionMaterials.builder()
        .encryptionKey(contentKey)
        .signingKey(m.signingKey)
        .signingAlgorithm(m.signingAlgorithm)
        .materialDescription(
            WrappedKeyDescription.withWrappedKey(
                description, wrapped, RsaKeyWrapping.RSA_OAEP_SHA256))
        .build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws MaterialsUnavailableException if the item's description lacks or differs in one of the
   *     configured description entries (the item was written with other materials)
   * @throws ItemIntegrityException if the item's wrapped content key is missing or does not unwrap
   * @throws InvalidConfigurationException if the content key is wrapped and the encryption entry is
   *     a certificate without a private key
   */
  @Override
  public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
    LoadedKeys m = current;
    Map<String, String> d = context.materialDescription();
    checkDescription(d, context.tableName());
    SecretKey key = m.staticKey != null ? m.staticKey : unwrapContentKey(m, context);
    return DecryptionMaterials.builder()
        .decryptionKey(key)
        .verificationKey(m.verificationKey)
        .signingAlgorithm(m.signingAlgorithm)
        .acceptedSigningAlgorithms(acceptedSigningAlgorithms)
        .materialDescription(d)
        .build();
  }

  private void checkDescription(Map<String, String> itemDescription, String table) {
    List<String> differing = new ArrayList<>();
    description.forEach(
        (k, v) -> {
          if (!v.equals(itemDescription.get(k))) {
            differing.add(k);
          }
        });
    if (!differing.isEmpty()) {
      throw new MaterialsUnavailableException(
          "KeyStoreMaterialsProvider (encryption alias '"
              + encryptionAlias
              + "') has no materials for an item in table "
              + table
              + ": the item's material description lacks or differs in the configured entries "
              + differing
              + ". Like the official Java KeyStoreMaterialsProvider, it decrypts only items written"
              + " with its own description entries; this item was written with other materials");
    }
  }

  private SecretKey unwrapContentKey(LoadedKeys m, EncryptionContext context) {
    if (!WrappedKeyDescription.hasWrappedKey(context.materialDescription())) {
      throw new ItemIntegrityException(
          "Item in table "
              + context.tableName()
              + " has no wrapped content key ("
              + WrappedKeyDescription.ENV_KEY
              + ") but the encryption entry '"
              + encryptionAlias
              + "' is an RSA key: the item was written with other materials");
    }
    if (m.unwrapper == null) {
      throw new InvalidConfigurationException(
          "The encryption entry '"
              + encryptionAlias
              + "' of "
              + where()
              + " is a certificate without a private key: this provider can encrypt but not"
              + " decrypt");
    }
    return m.unwrapper.unwrap(context);
  }

  /**
   * Reads the key store file again (or the entries of the {@link KeyStore} instance) and switches
   * to the keys found. Calls in progress finish with the keys they started with.
   *
   * @throws MaterialsUnavailableException if the key store cannot be read or an entry is missing or
   *     unusable; the provider then keeps using the keys it had
   */
  @Override
  public void refresh() {
    synchronized (reloadLock) {
      try {
        current = load();
      } catch (InvalidConfigurationException e) {
        throw new MaterialsUnavailableException(
            "Could not reload "
                + where()
                + "; still using the keys loaded before: "
                + e.getMessage(),
            e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Loading
  // ---------------------------------------------------------------------------------------------

  private LoadedKeys load() {
    KeyStore ks = source.read();
    KeyStore.Entry enc = source.entry(ks, encryptionAlias, "encryption", encryptionEntryPassword);
    KeyStore.Entry sig = source.entry(ks, signingAlias, "signing", signingEntryPassword);
    return new LoadedKeys(enc, sig, settings, source.where());
  }

  private String where() {
    return source.where();
  }

  @Override
  public String toString() {
    return "KeyStoreMaterialsProvider{"
        + where()
        + ", encryptionAlias="
        + encryptionAlias
        + ", signingAlias="
        + signingAlias
        + ", keys="
        + current.summary
        + ", descriptionKeys="
        + description.keySet()
        + ", keys and passwords redacted}";
  }

  /**
   * Builder for {@link KeyStoreMaterialsProvider}. Its {@link #materialDescription(Map) description
   * entries} are also required, with equal values, in the description of every item the provider
   * decrypts; keys the format reserves ({@link FormatNames#isReservedDescriptionKey}) are refused.
   * Not thread-safe.
   */
  public static final class Builder extends MaterialsProviderBuilder<Builder> {
    private Path path;
    private String type;
    private KeyStore keyStore;
    private Supplier<char[]> password;
    private String encryptionAlias;
    private String signingAlias;
    private Supplier<char[]> encryptionEntryPassword;
    private Supplier<char[]> signingEntryPassword;

    private Builder() {}

    /**
     * Reads keys from a key store file; {@link #refresh()} reads it again.
     *
     * @param path the PKCS12 or JCEKS file
     * @return this builder
     */
    public Builder path(Path path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * The key store type of the file: {@code PKCS12} (default) or {@code JCEKS} (or any type the
     * installed JCE providers know, e.g. {@code JKS} for RSA entries).
     *
     * @param type the {@link KeyStore#getInstance(String)} type
     * @return this builder
     */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * The key store password, called each time the file is read. Also the default entry password.
     *
     * @param password gives a fresh array per call; the provider clears it after use
     * @return this builder
     */
    public Builder password(Supplier<char[]> password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Reads keys from an already loaded {@link KeyStore} instead of a file; {@link #refresh()}
     * reads its entries again. Give entry passwords for protected entries.
     *
     * @param keyStore a loaded key store
     * @return this builder
     */
    public Builder keyStore(KeyStore keyStore) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      return this;
    }

    /**
     * The alias of the encryption entry: an AES secret key, or an RSA private key entry or trusted
     * certificate. Required.
     *
     * @param alias the alias
     * @return this builder
     */
    public Builder encryptionAlias(String alias) {
      this.encryptionAlias = alias;
      return this;
    }

    /**
     * The alias of the signing entry: an HMAC secret key, or an RSA private key entry or trusted
     * certificate. Required; an RSA signing entry must hold another key than the encryption entry
     * (unless {@link #legacySharedRsaKey(boolean)}).
     *
     * @param alias the alias
     * @return this builder
     */
    public Builder signingAlias(String alias) {
      this.signingAlias = alias;
      return this;
    }

    /**
     * The encryption entry's password when it differs from the store password.
     *
     * @param password gives a fresh array per call; the provider clears it after use
     * @return this builder
     */
    public Builder encryptionEntryPassword(Supplier<char[]> password) {
      this.encryptionEntryPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The signing entry's password when it differs from the store password.
     *
     * @param password gives a fresh array per call; the provider clears it after use
     * @return this builder
     */
    public Builder signingEntryPassword(Supplier<char[]> password) {
      this.signingEntryPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Reads the key store and builds the provider.
     *
     * @return the provider
     * @throws InvalidConfigurationException if the file cannot be read, a password is wrong, an
     *     alias is missing or an entry holds a key the format cannot use; the message names the
     *     file and alias, never a password
     */
    public KeyStoreMaterialsProvider build() {
      return new KeyStoreMaterialsProvider(this);
    }
  }
}
