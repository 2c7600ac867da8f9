package dev.ddbec.core.internal;

import java.util.Arrays;

/** A growable, unsynchronized byte buffer with big-endian integer writes. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] buffer() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new IllegalStateException("serialized value too large");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }

  void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void writeTag(char tag) {
    ensure(2);
    buf[size++] = 0;
    buf[size++] = (byte) tag;
  }

  void writeInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /**
   * Writes {@code u32(len) || UTF-8(s)} if {@code s} is all ASCII (one byte per char, so the length
   * is known up front), straight from the string with no intermediate array.
   *
   * @return false, having written nothing, if {@code s} has a non-ASCII char
   */
  boolean writeLengthPrefixedAscii(String s) {
    int n = s.length();
    ensure(4 + n);
    int at = size + 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        Arrays.fill(buf, at, at + i, (byte) 0); // leave no partial plaintext past size()
        return false;
      }
      buf[at + i] = (byte) c;
    }
    writeInt(n);
    size += n;
    return true;
  }

  /** Writes {@code u32(len) || bytes}. */
  void writeLengthPrefixed(byte[] b) {
    writeInt(b.length);
    write(b);
  }
}
