package dev.ddbec.provider.pkcs11.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;

/**
 * The session side of a PKCS#11 token: the JCE provider (a SunPKCS11 instance ddbec configured for
 * the token, or one the application installed), the login with the PIN, the token's key store, and
 * logging in again when the session is lost. A provider ddbec configures is never installed in
 * {@link Security}: every operation names it.
 *
 * <p>The PIN is asked from its supplier at every login and never stored, logged or put in a
 * message. Thread-safe.
 */
public final class Pkcs11Session {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Open connections per token configured by ddbec: the last one to close logs out. */
  private static final Map<String, Integer> OPEN = new HashMap<>();

  private final Provider provider;
  private final boolean configured;
  private final String keyStoreType;
  private final Supplier<char[]> pin;
  private final String tokenLabel;
  private final Path library;
  private final String slotSelector;
  private final Object lock = new Object();
  private volatile KeyStore keyStore;
  private volatile long generation;
  private volatile boolean closed;

  /**
   * Opens a session: logs in (when there is a PIN and the provider is an {@link AuthProvider}) and
   * loads the key store.
   *
   * @param provider the JCE provider
   * @param configured true when ddbec configured the provider from {@code library}
   * @param keyStoreType the key store type that finds keys by label
   * @param pin the PIN source, or null
   * @param tokenLabel the token label, when known
   * @param library the PKCS#11 library, or null for an application's provider
   * @param slotSelector the SunPKCS11 slot line, or null for an application's provider
   * @throws InvalidConfigurationException if the login or the key store fails
   */
  public Pkcs11Session(
      Provider provider,
      boolean configured,
      String keyStoreType,
      Supplier<char[]> pin,
      String tokenLabel,
      Path library,
      String slotSelector) {
    this.provider = provider;
    this.configured = configured;
    this.keyStoreType = keyStoreType;
    this.pin = pin;
    this.tokenLabel = tokenLabel;
    this.library = library;
    this.slotSelector = slotSelector;
    try {
      login(provider);
      this.keyStore = loadKeyStore();
      if (configured) {
        retain();
      }
    } catch (GeneralSecurityException | ProviderException e) {
      throw new InvalidConfigurationException(
          "Cannot log in to " + describe() + ": " + safeMessage(e) + ". Check the PIN and token",
          e);
    }
  }

  /**
   * Configures a SunPKCS11 provider for a token's slot, not installed in {@link Security}.
   *
   * @param library the PKCS#11 library
   * @param slotSelector the slot line, e.g. {@code slot = 5}
   * @param extract for key generation: whether new keys are extractable; null for no template
   * @return the provider
   * @throws InvalidConfigurationException if the JVM has no SunPKCS11 or the configuration fails
   */
  public static Provider configureSunPkcs11(Path library, String slotSelector, Boolean extract) {
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

  /**
   * A message for a JCA or PKCS#11 failure: the exception type and the messages of the first causes
   * (PKCS#11 return codes such as {@code CKR_PIN_INCORRECT}); never the PIN.
   *
   * @param e the failure
   * @return the message
   */
  public static String safeMessage(Throwable e) {
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
   *
   * @param p the provider
   * @throws LoginException if the login fails
   */
  public void login(Provider p) throws LoginException {
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
   * The JCE provider that performs operations with the token's keys.
   *
   * @return the provider
   */
  public Provider provider() {
    return provider;
  }

  /**
   * The token label, when known.
   *
   * @return the label, or null
   */
  public String tokenLabel() {
    return tokenLabel;
  }

  /**
   * The PKCS#11 library of a token ddbec configured.
   *
   * @return the library, or null for an application's provider
   */
  public Path library() {
    return library;
  }

  /**
   * The SunPKCS11 slot line of a token ddbec configured.
   *
   * @return the slot line, or null for an application's provider
   */
  public String slotSelector() {
    return slotSelector;
  }

  /**
   * The lock that serialises re-login, key generation and deletion.
   *
   * @return the lock
   */
  public Object lock() {
    return lock;
  }

  /**
   * A short description for messages: token label, slot or provider name; never the PIN.
   *
   * @return the description
   */
  public String describe() {
    if (tokenLabel != null) {
      return "PKCS#11 token '" + tokenLabel + "'";
    }
    if (slotSelector != null) {
      return "PKCS#11 token at " + slotSelector.replace(" = ", " ") + " of " + library;
    }
    return "JCE provider '" + provider.getName() + "'";
  }

  /**
   * The key generation: it changes when the session is re-established, after which keys must be
   * looked up again.
   *
   * @return the generation
   */
  public long generation() {
    return generation;
  }

  /**
   * The token's key store.
   *
   * @return the key store
   * @throws InvalidConfigurationException if the session is closed
   */
  public KeyStore keyStore() {
    ensureOpen();
    return keyStore;
  }

  /**
   * Loads the key store again (after keys were added through another provider instance).
   *
   * @return the new key store
   * @throws GeneralSecurityException if the token fails
   */
  public KeyStore reloadKeyStore() throws GeneralSecurityException {
    keyStore = loadKeyStore();
    return keyStore;
  }

  /**
   * Checks that the session is open.
   *
   * @throws InvalidConfigurationException if it has been closed
   */
  public void ensureOpen() {
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
  public void reconnect(long failedGeneration) {
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
   * Closes the session: the last connection ddbec configured for the token logs out (when ddbec
   * logged in with a PIN). Keys obtained from the token stop working.
   */
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
    if (!configured) {
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
}
