package dev.ddbec.core.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Per-thread JCA instances. {@code getInstance} is costly and the instances are not thread-safe, so
 * each thread keeps its own; every use re-initialises them with the key it needs.
 */
final class Primitives {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> newInstance(() -> MessageDigest.getInstance("SHA-256")));
  private static final ThreadLocal<Cipher> AES_CBC =
      ThreadLocal.withInitial(() -> newInstance(() -> Cipher.getInstance("AES/CBC/PKCS5Padding")));
  private static final ThreadLocal<Cipher> AES_WRAP =
      ThreadLocal.withInitial(() -> newInstance(() -> Cipher.getInstance(KeyWrapping.AES_WRAP)));
  private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);
  private static final ThreadLocal<Map<String, Signature>> SIGNATURES =
      ThreadLocal.withInitial(HashMap::new);

  private Primitives() {}

  interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  static <T> T newInstance(Factory<T> f) {
    try {
      return f.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCA algorithm missing from this JVM", e);
    }
  }

  static MessageDigest sha256() {
    MessageDigest md = SHA256.get();
    md.reset();
    return md;
  }

  static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  static Cipher aesCbc() {
    return AES_CBC.get();
  }

  /**
   * An RFC 3394 key-wrap cipher for a key; reused per thread only for the JDK's own software keys
   * (see {@link #mac(String, Key)}). {@code getInstance} is a measurable part of unwrapping.
   */
  static Cipher aesWrap(Key key) throws GeneralSecurityException {
    if (!isJdkKey(key)) {
      return Cipher.getInstance(KeyWrapping.AES_WRAP);
    }
    return AES_WRAP.get();
  }

  /**
   * A Mac for a key. JCA fixes an instance's provider at its first {@code init}, so per-thread
   * instances are only reused for the JDK's own software keys; a key from another provider (a
   * PKCS#11 token key, a CloudHSM key) gets a fresh instance, letting delayed provider selection
   * pick the provider that can use it.
   */
  static Mac mac(String algorithm, Key key) throws NoSuchAlgorithmException {
    return mac(algorithm, key, null);
  }

  /**
   * A Mac for a key held by a named JCA provider (a PKCS#11 token's, which need not be installed in
   * {@link java.security.Security}): always a fresh instance of that provider. Without a provider,
   * as {@link #mac(String, Key)}.
   */
  static Mac mac(String algorithm, Key key, Provider provider) throws NoSuchAlgorithmException {
    if (provider != null) {
      return Mac.getInstance(algorithm, provider);
    }
    if (!isJdkKey(key)) {
      return Mac.getInstance(algorithm);
    }
    Map<String, Mac> m = MACS.get();
    Mac mac = m.get(algorithm);
    if (mac == null) {
      mac = Mac.getInstance(algorithm);
      m.put(algorithm, mac);
    }
    return mac;
  }

  /**
   * A Signature for a key; reused per thread only for the JDK's own software keys (see {@link
   * #mac(String, Key)}).
   */
  static Signature signature(String algorithm, Key key) throws NoSuchAlgorithmException {
    return signature(algorithm, key, null);
  }

  /**
   * A Signature for a key held by a named JCA provider: always a fresh instance of that provider.
   * Without a provider, as {@link #signature(String, Key)}.
   */
  static Signature signature(String algorithm, Key key, Provider provider)
      throws NoSuchAlgorithmException {
    if (provider != null) {
      return Signature.getInstance(algorithm, provider);
    }
    if (!isJdkKey(key)) {
      return Signature.getInstance(algorithm);
    }
    Map<String, Signature> m = SIGNATURES.get();
    Signature s = m.get(algorithm);
    if (s == null) {
      s = Signature.getInstance(algorithm);
      m.put(algorithm, s);
    }
    return s;
  }

  /**
   * Keys implemented in java.base ({@code SecretKeySpec}, SunRsaSign keys) work with any cached
   * instance, because the first provider chosen for them is always a software one.
   */
  static boolean isJdkKey(Key key) {
    return key != null && key.getClass().getModule() == Object.class.getModule();
  }
}
