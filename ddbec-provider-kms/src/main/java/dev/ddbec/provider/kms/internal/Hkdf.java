package dev.ddbec.provider.kms.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF (RFC 5869) with HMAC-SHA256 and no salt, as the Direct KMS providers of the official clients
 * use it: {@code PRK = HMAC-SHA256(32 zero bytes, IKM)}, then {@code T(i) = HMAC-SHA256(PRK, T(i-1)
 * || info || i)} until {@code L} bytes are produced.
 *
 * <p>"No salt" is a salt of {@code HashLen} zero bytes (RFC 5869 §2.2); an HMAC key shorter than
 * the block size is zero-padded, so this equals an empty salt too.
 */
public final class Hkdf {
  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;
  private static final int MAX_LENGTH = 255 * HASH_LENGTH;

  private Hkdf() {}

  /**
   * HKDF-Extract with no salt.
   *
   * @param inputKeyingMaterial the input keying material (not modified)
   * @return the 32-byte pseudorandom key; the caller zeroes it after use
   */
  public static byte[] extract(byte[] inputKeyingMaterial) {
    Mac mac = mac(new byte[HASH_LENGTH]);
    return mac.doFinal(inputKeyingMaterial);
  }

  /**
   * HKDF-Expand.
   *
   * @param prk the pseudorandom key from {@link #extract(byte[])}
   * @param info context and application specific information
   * @param length output length in bytes, 1 to 8160
   * @return {@code length} bytes of output keying material; the caller zeroes them after use
   */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("HKDF output length must be 1.." + MAX_LENGTH);
    }
    Mac mac = mac(prk);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int written = 0;
    for (int i = 1; written < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      byte[] next = mac.doFinal();
      Arrays.fill(t, (byte) 0);
      t = next;
      int n = Math.min(t.length, length - written);
      System.arraycopy(t, 0, out, written, n);
      written += n;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      // Every Java 17 runtime has HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
