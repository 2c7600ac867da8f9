package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Uri;
import dev.ddbec.provider.pkcs11.internal.SelfSignedCertificate;
import dev.ddbec.provider.pkcs11.internal.TokenSlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;
import javax.security.auth.x500.X500Principal;

/**
 * A logged-in connection to one PKCS#11 token (or HSM) through a JCE provider: finds keys by label,
 * lists them, generates ddbec keys on the token, and logs in again when the session is lost.
 *
 * <p>Two ways in:
 *
 * <ul>
 *   <li>a PKCS#11 library and a token: ddbec configures a SunPKCS11 provider for the token's slot
 *       (found by label), installs it in {@link Security} under a unique name (so that the item
 *       encryptor's {@code Mac}/{@code Signature} look-ups can select it for token keys), logs in
 *       with the PIN and removes the provider again in {@link #close()};
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
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Open connections per token configured by ddbec: the last one to close logs out. */
  private static final Map<String, Integer> OPEN = new HashMap<>();

  private static final Pattern P11_BITS = Pattern.compile("(\\d+) bits");

  private final Provider provider;
  private final boolean installed;
  private final String keyStoreType;
  private final Supplier<char[]> pin;
  private final String tokenLabel;
  private final Path library;
  private final String slotSelector;
  private final Object lock = new Object();
  private volatile KeyStore keyStore;
  private volatile long generation;
  private volatile boolean closed;

  private Pkcs11Token(Builder b) {
    this.pin = b.pin;
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
      this.provider = p;
      this.installed = false;
      this.library = null;
      this.slotSelector = null;
      this.tokenLabel = b.tokenLabel;
      this.keyStoreType = b.keyStoreType != null ? b.keyStoreType : defaultKeyStoreType(p);
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
      this.library = b.library;
      if (b.tokenLabel != null) {
        this.slotSelector = "slot = " + TokenSlots.find(b.library, b.tokenLabel);
        this.tokenLabel = b.tokenLabel;
      } else if (b.slot != null) {
        this.slotSelector = "slot = " + b.slot;
        this.tokenLabel = TokenSlots.labelOf(b.library, b.slot).orElse(null);
      } else {
        this.slotSelector = "slotListIndex = " + b.slotListIndex;
        this.tokenLabel = null;
      }
      this.provider = configureSunPkcs11(library, slotSelector, null);
      this.keyStoreType = b.keyStoreType != null ? b.keyStoreType : "PKCS11";
      if (Security.addProvider(provider) < 0) {
        throw new IllegalStateException("provider name clash: " + provider.getName());
      }
      this.installed = true;
    }
    try {
      login(provider);
      this.keyStore = loadKeyStore();
      if (installed) {
        retain();
      }
    } catch (GeneralSecurityException | ProviderException e) {
      removeProvider();
      throw new InvalidConfigurationException(
          "Cannot log in to " + describe() + ": " + safeMessage(e) + ". Check the PIN and token",
          e);
    } catch (RuntimeException e) {
      removeProvider();
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

  private static Provider configureSunPkcs11(Path library, String slotSelector, Boolean extract) {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new InvalidConfigurationException(
          "This JVM has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
    }
    StringBuilder cfg = new StringBuilder("--");
    cfg.append("name = ddbec").append(COUNTER.incrementAndGet()).append('\n');
    // A quoted configuration value: backslashes (Windows paths) are escapes there.
    cfg.append("library = \"")
        .append(library.toAbsolutePath().toString().replace("\\", "\\\\"))
        .append("\"\n");
    cfg.append(slotSelector).append('\n');
    if (extract != null) {
      // Key generation template: keys made by ddbec are token-resident and, unless asked
      // otherwise, sensitive and non-extractable.
      String attrs =
          " = {\n  CKA_SENSITIVE = " + !extract + "\n  CKA_EXTRACTABLE = " + extract + "\n}\n";
      cfg.append("attributes(generate, CKO_SECRET_KEY, *)").append(attrs);
      cfg.append("attributes(generate, CKO_PRIVATE_KEY, *)").append(attrs);
      // An extractable private key is stored by re-importing its components (P11KeyStore).
      cfg.append("attributes(import, CKO_PRIVATE_KEY, *)").append(attrs);
    }
    try {
      return base.configure(cfg.toString());
    } catch (RuntimeException e) {
      throw new InvalidConfigurationException(
          "Cannot configure SunPKCS11 for library "
              + library
              + " ("
              + slotSelector
              + "): "
              + safeMessage(e),
          e);
    }
  }

  private static String safeMessage(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        sb.append(depth == 0 ? ": " : " / ").append(t.getMessage());
      }
    }
    return sb.toString();
  }

  /**
   * Logs in to the token through a provider, if ddbec has a PIN. PKCS#11 login state belongs to the
   * application, not the session: when this JVM is already logged in to the token (through any
   * provider instance), SunPKCS11 returns at once.
   */
  private void login(Provider p) throws LoginException {
    if (pin == null || !(p instanceof AuthProvider auth)) {
      return;
    }
    auth.login(
        null,
        callbacks -> {
          for (var cb : callbacks) {
            if (cb instanceof PasswordCallback pc) {
              char[] secret = pin.get();
              if (secret == null || secret.length == 0) {
                throw new InvalidConfigurationException("The PIN source gave no PIN");
              }
              pc.setPassword(secret);
              Arrays.fill(secret, '\0');
            } else {
              throw new UnsupportedCallbackException(cb);
            }
          }
        });
  }

  private KeyStore loadKeyStore() throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(keyStoreType, provider);
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("key store load failed", e);
    }
    return ks;
  }

  /**
   * The JCE provider that performs operations with this token's keys.
   *
   * @return the provider
   */
  public Provider provider() {
    return provider;
  }

  /**
   * The token label, when known (configured, or read from the slot).
   *
   * @return the label
   */
  public Optional<String> tokenLabel() {
    return Optional.ofNullable(tokenLabel);
  }

  /** A short description for messages: token label, slot or provider name; never the PIN. */
  String describe() {
    if (tokenLabel != null) {
      return "PKCS#11 token '" + tokenLabel + "'";
    }
    if (slotSelector != null) {
      return "PKCS#11 token at " + slotSelector.replace(" = ", " ") + " of " + library;
    }
    return "JCE provider '" + provider.getName() + "'";
  }

  long generation() {
    return generation;
  }

  KeyStore keyStore() {
    ensureOpen();
    return keyStore;
  }

  void ensureOpen() {
    if (closed) {
      throw new InvalidConfigurationException(describe() + " has been closed");
    }
  }

  /**
   * Re-establishes the session after a failed operation: logs in if the token is no longer logged
   * in (if the provider refuses a second login, logs out and in once), reopens the key store and
   * starts a new key generation, so that callers look their keys up again (token object handles do
   * not survive a logout). Does nothing if another thread already did this after the failure the
   * caller saw. It never logs out a token that is still logged in, because the login is shared by
   * every connection of this JVM to the token.
   *
   * @param failedGeneration the generation the caller's keys came from
   * @throws MaterialsUnavailableException if logging in again fails
   */
  void reconnect(long failedGeneration) {
    synchronized (lock) {
      ensureOpen();
      if (generation != failedGeneration) {
        return;
      }
      try {
        try {
          login(provider);
        } catch (LoginException first) {
          if (!(provider instanceof AuthProvider auth)) {
            throw first;
          }
          try {
            auth.logout();
          } catch (LoginException | ProviderException e) {
            first.addSuppressed(e);
          }
          login(provider);
        }
        keyStore = loadKeyStore();
        generation = failedGeneration + 1;
      } catch (GeneralSecurityException | ProviderException e) {
        throw new MaterialsUnavailableException(
            "Lost the session with "
                + describe()
                + " and could not log in again: "
                + safeMessage(e),
            e);
      }
    }
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
    reference.checkToken(tokenLabel, option);
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
    ref.checkToken(tokenLabel, "public key");
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
    ensureOpen();
    try {
      KeyStore ks = keyStore();
      List<Pkcs11KeyInfo> out = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (!ks.isKeyEntry(alias)) {
          continue;
        }
        Key k = ks.getKey(alias, null);
        if (k == null) {
          continue;
        }
        out.add(describeKey(alias, k, ks.getCertificate(alias)));
      }
      out.sort(Comparator.comparing(Pkcs11KeyInfo::label));
      return out;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new MaterialsUnavailableException("Cannot list the keys on " + describe(), e);
    }
  }

  private static Pkcs11KeyInfo describeKey(String label, Key k, Certificate cert) {
    String alg = k.getAlgorithm();
    boolean extractable = k.getEncoded() != null;
    Set<String> uses = new LinkedHashSet<>();
    if (k instanceof SecretKey) {
      String upper = alg.toUpperCase(Locale.ROOT);
      if (upper.equals("AES")) {
        uses.add("wrapping");
      } else if (upper.startsWith("HMAC") || upper.equals("GENERIC SECRET")) {
        uses.add("signing");
      }
      return new Pkcs11KeyInfo(
          label, "secret-key", alg, secretKeyBits((SecretKey) k), extractable, uses);
    }
    OptionalInt bits = OptionalInt.empty();
    if (k instanceof RSAKey rsa && rsa.getModulus() != null) {
      bits = OptionalInt.of(rsa.getModulus().bitLength());
    } else if (cert != null && cert.getPublicKey() instanceof RSAPublicKey pub) {
      bits = OptionalInt.of(pub.getModulus().bitLength());
    }
    if ("RSA".equalsIgnoreCase(alg)) {
      uses.add("wrapping");
      uses.add("signing");
    }
    return new Pkcs11KeyInfo(label, "private-key", alg, bits, extractable, uses);
  }

  private static OptionalInt secretKeyBits(SecretKey k) {
    byte[] enc = k.getEncoded();
    if (enc != null) {
      int bits = enc.length * 8;
      Arrays.fill(enc, (byte) 0);
      return OptionalInt.of(bits);
    }
    if (k.getClass().getName().startsWith("sun.security.pkcs11.")) {
      Matcher m = P11_BITS.matcher(k.toString());
      if (m.find()) {
        int v = Integer.parseInt(m.group(1));
        // SunPKCS11 (JDK 17) reports CKA_VALUE_LEN, a byte count, as "bits" for secret keys it
        // loads from a token; real bit sizes of usable keys are all above 64.
        return OptionalInt.of(v <= 64 ? v * 8 : v);
      }
    }
    return OptionalInt.empty();
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
    if (bits != 128 && bits != 192 && bits != 256) {
      throw new InvalidConfigurationException("AES keys are 128, 192 or 256 bits, not " + bits);
    }
    return generateSecret(label, "AES", bits, extractable);
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
    if (bits < 128 || bits % 8 != 0) {
      throw new InvalidConfigurationException(
          "HMAC keys must be a whole number of bytes and at least 128 bits, not " + bits);
    }
    return generateSecret(label, "HmacSHA256", bits, extractable);
  }

  private Pkcs11KeyInfo generateSecret(
      String label, String algorithm, int bits, boolean extractable) {
    return generate(
        label,
        extractable,
        (p, ks) -> {
          KeyGenerator g = KeyGenerator.getInstance(algorithm, p);
          g.init(bits);
          ks.setEntry(label, new KeyStore.SecretKeyEntry(g.generateKey()), null);
        });
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
    if (bits < 2048) {
      throw new InvalidConfigurationException("RSA keys must be at least 2048 bits, not " + bits);
    }
    return generate(
        label,
        extractable,
        (p, ks) -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", p);
          g.initialize(bits);
          KeyPair kp = g.generateKeyPair();
          X509Certificate cert =
              SelfSignedCertificate.create(
                  new X500Principal("CN=ddbec " + label.replaceAll("[,+=\"\\\\<>;#]", "_")),
                  kp.getPublic(),
                  kp.getPrivate(),
                  p);
          ks.setEntry(
              label, new KeyStore.PrivateKeyEntry(kp.getPrivate(), new Certificate[] {cert}), null);
        });
  }

  private interface Generation {
    void run(Provider p, KeyStore ks) throws GeneralSecurityException;
  }

  private Pkcs11KeyInfo generate(String label, boolean extractable, Generation g) {
    ensureOpen();
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new InvalidConfigurationException("A key label must not be blank");
    }
    if (library == null) {
      throw new InvalidConfigurationException(
          "ddbec generates keys only on tokens it configures from a PKCS#11 library; create keys"
              + " for JCE provider '"
              + provider.getName()
              + "' with the HSM's own tools (for AWS CloudHSM: CloudHSM CLI 'key"
              + " generate-symmetric aes' / 'key generate-asymmetric-pair rsa')");
    }
    synchronized (lock) {
      try {
        if (keyStore().containsAlias(label)) {
          throw new InvalidConfigurationException(
              "A key labelled '" + label + "' already exists on " + describe());
        }
        // A provider instance whose generation template has the requested extractability; it
        // shares the library and the token login with this one.
        Provider generator = configureSunPkcs11(library, slotSelector, extractable);
        login(generator);
        KeyStore ks = KeyStore.getInstance("PKCS11", generator);
        ks.load(null, null);
        g.run(generator, ks);
        keyStore = loadKeyStore();
        KeyStore fresh = keyStore;
        Key k = fresh.getKey(label, null);
        if (k == null) {
          throw new MaterialsUnavailableException(
              "The token did not keep the new key '" + label + "' on " + describe());
        }
        Pkcs11KeyInfo info = describeKey(label, k, fresh.getCertificate(label));
        if (info.extractable() != extractable) {
          fresh.deleteEntry(label);
          throw new MaterialsUnavailableException(
              "The token made key '"
                  + label
                  + "' "
                  + (info.extractable() ? "extractable" : "non-extractable")
                  + " against the request; it was deleted");
        }
        return info;
      } catch (GeneralSecurityException | java.io.IOException | ProviderException e) {
        throw new MaterialsUnavailableException(
            "Cannot generate key '" + label + "' on " + describe() + ": " + safeMessage(e), e);
      }
    }
  }

  /**
   * Deletes a key (and its certificate) from the token. For tests and key rotation clean-up.
   *
   * @param label the key's label
   * @return true if something was deleted
   */
  public boolean deleteKey(String label) {
    ensureOpen();
    synchronized (lock) {
      try {
        if (!keyStore().containsAlias(label)) {
          return false;
        }
        keyStore().deleteEntry(label);
        return true;
      } catch (GeneralSecurityException | ProviderException e) {
        throw new MaterialsUnavailableException(
            "Cannot delete key '" + label + "' on " + describe(), e);
      }
    }
  }

  /**
   * Logs out (when ddbec logged in with a PIN) and, for a provider ddbec configured, removes it
   * from the JCE provider list. Keys obtained from this token stop working.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      boolean last = release();
      if (last && pin != null && provider instanceof AuthProvider auth) {
        try {
          auth.logout();
        } catch (LoginException | ProviderException e) {
          // Nothing to do: the session is gone either way.
        }
      }
      removeProvider();
    }
  }

  private String tokenKey() {
    return library + "|" + slotSelector;
  }

  private void retain() {
    synchronized (OPEN) {
      OPEN.merge(tokenKey(), 1, Integer::sum);
    }
  }

  /** Returns true if this was the last open connection ddbec configured for the token. */
  private boolean release() {
    if (!installed) {
      return false; // an application's provider: its login is the application's business
    }
    synchronized (OPEN) {
      Integer n = OPEN.get(tokenKey());
      if (n == null || n <= 1) {
        OPEN.remove(tokenKey());
        return true;
      }
      OPEN.put(tokenKey(), n - 1);
      return false;
    }
  }

  private void removeProvider() {
    if (installed) {
      Security.removeProvider(provider.getName());
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Token{" + describe() + ", provider=" + provider.getName() + '}';
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
