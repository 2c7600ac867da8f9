package dev.ddbec.api.spi;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Constant-time decoding of the RSA encryption paddings applied to the output of a raw RSA
 * private-key operation (RFC 8017 §7.1.2 step 3 for OAEP, §7.2.2 step 3 for PKCS#1 v1.5). OAEP uses
 * MGF1 with SHA-1 and an empty label, whatever the OAEP digest: that is what SunJCE's {@code
 * RSA/ECB/OAEPWith<digest>AndMGF1Padding} and the official clients do.
 *
 * <p>Both decoders look at every byte without early exits and without exceptions, and return the
 * index of the message in the encoded message, or {@code -1}, so that a caller can go on in
 * constant time whatever went wrong. Not public API.
 */
final class RsaPaddings {
  private RsaPaddings() {}

  /**
   * Decodes EME-PKCS1-v1_5 (block type 2).
   *
   * @param em the encoded message, exactly the modulus length (at least 11 bytes)
   * @return the index in {@code em} where the message starts, or -1 if the encoding is invalid
   */
  static int decodePkcs1(byte[] em) {
    int k = em.length;
    int good = isZero(em[0] & 0xff) & isZero((em[1] & 0xff) ^ 2);
    int lookingForZero = 1;
    int index = 0;
    for (int i = 2; i < k; i++) {
      int zero = isZero(em[i] & 0xff);
      index = select(lookingForZero & zero, i, index);
      lookingForZero &= 1 - zero;
    }
    // At least eight non-zero padding bytes: the separator is at index 10 or later.
    good &= (1 - lookingForZero) & (((9 - index) >>> 31) & 1);
    return select(good, index + 1, -1);
  }

  /**
   * Decodes EME-OAEP. Unmasks {@code em} in place, so that the message can be read from it.
   *
   * @param em the encoded message, exactly the modulus length; its data block is unmasked
   * @param oaepDigest the OAEP hash, e.g. {@code SHA-256}
   * @return the index in {@code em} where the message starts, or -1 if the encoding is invalid
   */
  static int decodeOaep(byte[] em, String oaepDigest) {
    MessageDigest h = digest(oaepDigest);
    int hLen = h.getDigestLength();
    int k = em.length;
    if (k < 2 * hLen + 2) {
      return -1; // depends on the modulus length only, which is public
    }
    byte[] lHash = h.digest(new byte[0]);
    byte[] seed = Arrays.copyOfRange(em, 1, 1 + hLen);
    byte[] db = Arrays.copyOfRange(em, 1 + hLen, k);
    try {
      xor(seed, mgf1(db, hLen));
      xor(db, mgf1(seed, db.length));
      int good = isZero(em[0] & 0xff);
      good &= MessageDigest.isEqual(Arrays.copyOfRange(db, 0, hLen), lHash) ? 1 : 0;
      int lookingForOne = 1;
      int invalid = 0;
      int index = 0;
      for (int i = hLen; i < db.length; i++) {
        int b = db[i] & 0xff;
        int zero = isZero(b);
        int one = isZero(b ^ 1);
        index = select(lookingForOne & one, i, index);
        invalid |= lookingForOne & (1 - zero) & (1 - one);
        lookingForOne &= 1 - one;
      }
      good &= (1 - lookingForOne) & (1 - invalid);
      System.arraycopy(db, 0, em, 1 + hLen, db.length);
      // The message follows the 0x01 byte; db starts at 1 + hLen in em.
      return select(good, 1 + hLen + index + 1, -1);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(db, (byte) 0);
    }
  }

  /** 1 if v == 0, else 0, for v in [0, 2^31). */
  static int isZero(int v) {
    return ((v - 1) >>> 31) & 1;
  }

  /** a if flag is 1, b if flag is 0, without a branch. */
  static int select(int flag, int a, int b) {
    int mask = -flag;
    return (a & mask) | (b & ~mask);
  }

  private static void xor(byte[] target, byte[] mask) {
    for (int i = 0; i < target.length; i++) {
      target[i] ^= mask[i];
    }
  }

  private static byte[] mgf1(byte[] seed, int length) {
    MessageDigest sha1 = digest("SHA-1");
    byte[] out = new byte[length];
    ByteBuffer counter = ByteBuffer.allocate(4); // big-endian
    int pos = 0;
    for (int c = 0; pos < length; c++) {
      counter.putInt(0, c);
      sha1.update(seed);
      sha1.update(counter.array());
      byte[] d = sha1.digest();
      int n = Math.min(d.length, length - pos);
      System.arraycopy(d, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK digest missing: " + name, e);
    }
  }
}
