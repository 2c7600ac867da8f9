package dev.ddbec.provider.pkcs11.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * RFC 3394 AES key wrap (default IV {@code A6A6A6A6A6A6A6A6}, no padding) written over a single AES
 * block operation, so that a token which offers {@code AES/ECB/NoPadding} but no key-wrap mechanism
 * can wrap with a key that never leaves it. The output is byte for byte what SunJCE's {@code
 * AESWrap} produces.
 */
public final class AesKeyWrap {
  private static final byte[] DEFAULT_IV = {
    (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6,
    (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6
  };

  /** One AES block operation (encrypt or decrypt) in a key held elsewhere. */
  @FunctionalInterface
  public interface BlockCipher {
    /**
     * Transforms one 16-byte block.
     *
     * @param in the block
     * @return the transformed block (16 bytes)
     * @throws GeneralSecurityException if the token fails
     */
    byte[] apply(byte[] in) throws GeneralSecurityException;
  }

  /** What went wrong while unwrapping: the integrity check failed or the input is malformed. */
  public static final class IntegrityException extends Exception {
    private static final long serialVersionUID = 1L;

    IntegrityException(String message) {
      super(message);
    }
  }

  private AesKeyWrap() {}

  /**
   * Wraps key material.
   *
   * @param plaintext the key bytes; a multiple of 8 bytes, at least 16
   * @param encrypt AES encryption of one block under the wrapping key
   * @return {@code plaintext.length + 8} bytes
   * @throws GeneralSecurityException if the block operation fails
   */
  public static byte[] wrap(byte[] plaintext, BlockCipher encrypt) throws GeneralSecurityException {
    if (plaintext.length < 16 || plaintext.length % 8 != 0) {
      throw new IllegalArgumentException("RFC 3394 wraps a multiple of 8 bytes, at least 16");
    }
    int n = plaintext.length / 8;
    byte[] a = DEFAULT_IV.clone();
    byte[] r = plaintext.clone();
    byte[] block = new byte[16];
    try {
      for (int j = 0; j <= 5; j++) {
        for (int i = 1; i <= n; i++) {
          System.arraycopy(a, 0, block, 0, 8);
          System.arraycopy(r, (i - 1) * 8, block, 8, 8);
          byte[] b = encrypt.apply(block);
          checkBlock(b);
          System.arraycopy(b, 0, a, 0, 8);
          xorCounter(a, (long) n * j + i);
          System.arraycopy(b, 8, r, (i - 1) * 8, 8);
          Arrays.fill(b, (byte) 0);
        }
      }
      byte[] out = new byte[plaintext.length + 8];
      System.arraycopy(a, 0, out, 0, 8);
      System.arraycopy(r, 0, out, 8, r.length);
      return out;
    } finally {
      Arrays.fill(r, (byte) 0);
      Arrays.fill(block, (byte) 0);
    }
  }

  /**
   * Unwraps key material and checks the integrity value.
   *
   * @param wrapped the wrapped bytes; a multiple of 8 bytes, at least 24
   * @param decrypt AES decryption of one block under the wrapping key
   * @return the key bytes
   * @throws IntegrityException if the input is malformed or the integrity check fails
   * @throws GeneralSecurityException if the block operation fails
   */
  public static byte[] unwrap(byte[] wrapped, BlockCipher decrypt)
      throws IntegrityException, GeneralSecurityException {
    if (wrapped.length < 24 || wrapped.length % 8 != 0) {
      throw new IntegrityException("wrapped key length is not a multiple of 8 of at least 24");
    }
    int n = wrapped.length / 8 - 1;
    byte[] a = Arrays.copyOfRange(wrapped, 0, 8);
    byte[] r = Arrays.copyOfRange(wrapped, 8, wrapped.length);
    byte[] block = new byte[16];
    try {
      for (int j = 5; j >= 0; j--) {
        for (int i = n; i >= 1; i--) {
          xorCounter(a, (long) n * j + i);
          System.arraycopy(a, 0, block, 0, 8);
          System.arraycopy(r, (i - 1) * 8, block, 8, 8);
          byte[] b = decrypt.apply(block);
          checkBlock(b);
          System.arraycopy(b, 0, a, 0, 8);
          System.arraycopy(b, 8, r, (i - 1) * 8, 8);
          Arrays.fill(b, (byte) 0);
        }
      }
      if (!MessageDigest.isEqual(a, DEFAULT_IV)) {
        throw new IntegrityException("integrity check failed");
      }
      return r.clone();
    } finally {
      Arrays.fill(r, (byte) 0);
      Arrays.fill(block, (byte) 0);
    }
  }

  private static void checkBlock(byte[] b) throws GeneralSecurityException {
    if (b == null || b.length != 16) {
      throw new GeneralSecurityException("the AES block operation returned no 16-byte block");
    }
  }

  private static void xorCounter(byte[] a, long t) {
    for (int k = 7; k >= 0 && t != 0; k--) {
      a[k] ^= (byte) t;
      t >>>= 8;
    }
  }
}
