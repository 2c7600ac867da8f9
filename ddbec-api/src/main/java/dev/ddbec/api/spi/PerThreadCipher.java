package dev.ddbec.api.spi;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * One JCA {@link Cipher} per thread for a transformation, so that a provider's per-item key
 * operation does not look the provider up ({@code Cipher.getInstance}) on every call.
 *
 * <p>JCA fixes a cipher's provider at its first {@code init}, so the per-thread instance is used
 * only for the JDK's own software keys; a key of another provider (an HSM's) gets a fresh instance,
 * whose delayed provider selection picks the provider that can use it. The caller initialises the
 * cipher before every use, on the calling thread.
 */
public final class PerThreadCipher {
  private final String transformation;
  private final ThreadLocal<Cipher> local;

  private PerThreadCipher(String transformation) {
    this.transformation = transformation;
    this.local =
        ThreadLocal.withInitial(
            () -> {
              try {
                return Cipher.getInstance(transformation);
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK's " + transformation + " is missing", e);
              }
            });
  }

  /**
   * Per-thread ciphers of a transformation the JDK implements.
   *
   * @param transformation e.g. {@code RSA/ECB/OAEPPadding}
   * @return the holder, to keep in a static field
   */
  public static PerThreadCipher of(String transformation) {
    return new PerThreadCipher(Objects.requireNonNull(transformation, "transformation"));
  }

  /**
   * A cipher for a key: the calling thread's for a JDK key, a fresh one otherwise.
   *
   * @param key the key it will be initialised with
   * @return the cipher, not yet initialised for this use
   * @throws GeneralSecurityException if no installed provider implements the transformation
   */
  public Cipher forKey(Key key) throws GeneralSecurityException {
    return key.getClass().getModule() == Object.class.getModule()
        ? local.get()
        : Cipher.getInstance(transformation);
  }
}
