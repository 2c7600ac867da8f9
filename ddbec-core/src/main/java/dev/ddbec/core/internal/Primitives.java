package dev.ddbec.core.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
  private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);
  private static final ThreadLocal<Map<String, Signature>> SIGNATURES =
      ThreadLocal.withInitial(HashMap::new);
  private static final SecureRandom RANDOM = new SecureRandom();

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

  static Mac mac(String algorithm) throws NoSuchAlgorithmException {
    Map<String, Mac> m = MACS.get();
    Mac mac = m.get(algorithm);
    if (mac == null) {
      mac = Mac.getInstance(algorithm);
      m.put(algorithm, mac);
    }
    return mac;
  }

  static Signature signature(String algorithm) throws NoSuchAlgorithmException {
    Map<String, Signature> m = SIGNATURES.get();
    Signature s = m.get(algorithm);
    if (s == null) {
      s = Signature.getInstance(algorithm);
      m.put(algorithm, s);
    }
    return s;
  }

  static SecureRandom random() {
    return RANDOM;
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
