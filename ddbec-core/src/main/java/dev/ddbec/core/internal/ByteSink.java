package dev.ddbec.core.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable, unsynchronized byte buffer with big-endian integer writes. */
final class ByteSink {
  private byte[] buf;
  private int size;

  /** The longest chunk {@link #writeLengthPrefixedAscii} takes from a string at a time. */
  private static final int CHUNK = 1024;

  /**
   * From this many chars on, a chunk goes through the JDK's US-ASCII encoder (whose array loop is a
   * vectorised intrinsic: about 3× faster than the char loop for 400 chars on this project's
   * machine); shorter chunks through the char loop, which has no set-up to pay.
   */
  private static final int ENCODER_FROM = 32;

  /**
   * Where {@link #writeLengthPrefixedAscii} takes a string's chars, a chunk at a time: made on
   * first use no larger than the strings need (up to {@link #CHUNK}), so that a short-lived sink
   * writing short strings (a material description) does not allocate a full chunk.
   */
  private char[] scratch = new char[0];

  /**
   * The shortest chunk this sink gives the encoder: {@value #ENCODER_FROM} for a {@link #reusable}
   * sink, never for a one-shot sink, which would make an encoder and its views for one value.
   */
  private final int encoderFrom;

  /** The US-ASCII encoder and the views it works through, made on first use of a long chunk. */
  private CharsetEncoder ascii;

  private CharBuffer scratchView;
  private ByteBuffer bufView;

  /**
   * A sink for one value or one short-lived result: strings are copied by the char loop alone.
   *
   * @param initialCapacity the buffer's first size
   */
  ByteSink(int initialCapacity) {
    this(initialCapacity, Integer.MAX_VALUE);
  }

  private ByteSink(int initialCapacity, int encoderFrom) {
    buf = new byte[Math.max(16, initialCapacity)];
    this.encoderFrom = encoderFrom;
  }

  /**
   * A sink that is reset and used again (one per thread): long strings go through the US-ASCII
   * encoder, whose set-up it pays once.
   *
   * @param initialCapacity the buffer's first size
   * @return the sink
   */
  static ByteSink reusable(int initialCapacity) {
    return new ByteSink(initialCapacity, ENCODER_FROM);
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
   * <p>The chars come out of the string in chunks through {@link String#getChars} (an intrinsic)
   * into a small scratch array. In a {@link #reusable} sink, a chunk of {@value #ENCODER_FROM}
   * chars or more is copied by the JDK's US-ASCII encoder, which refuses any char above 0x7F; a
   * shorter one, and every chunk in a one-shot sink, by a plain loop. Calling {@link String#charAt}
   * per char instead made the loop's speed depend on whether the JIT happened to inline it: in some
   * JVMs it did not, and large items then encrypted 1.5–2× slower. The scratch array is zeroed
   * before returning, like the buffer's unused part.
   *
   * @return false, having written nothing (and left no copied chars behind), if {@code s} has a
   *     non-ASCII char
   */
  boolean writeLengthPrefixedAscii(String s) {
    int n = s.length();
    ensure(4 + n);
    byte[] b = buf;
    char[] chars = scratch;
    if (chars.length < Math.min(n, CHUNK)) {
      chars = scratch = new char[Math.min(CHUNK, Math.max(n, 64))];
    }
    int at = size + 4;
    int used = Math.min(n, chars.length);
    try {
      for (int from = 0; from < n; from += chars.length) {
        int k = Math.min(chars.length, n - from);
        s.getChars(from, from + k, chars, 0);
        if (!(k < encoderFrom ? copyAscii(chars, k, b, at + from) : encodeAscii(k, at + from))) {
          Arrays.fill(b, at, at + from + k, (byte) 0); // leave no partial plaintext past size()
          return false;
        }
      }
    } finally {
      Arrays.fill(chars, 0, used, '\0');
    }
    writeInt(n);
    size += n;
    return true;
  }

  private static boolean copyAscii(char[] chars, int k, byte[] b, int to) {
    int bits = 0;
    for (int i = 0; i < k; i++) {
      char c = chars[i];
      bits |= c;
      b[to + i] = (byte) c;
    }
    return bits < 0x80;
  }

  /**
   * Encodes the first {@code k} scratch chars into the buffer at {@code to}; false if not ASCII.
   */
  private boolean encodeAscii(int k, int to) {
    if (ascii == null) {
      ascii = StandardCharsets.US_ASCII.newEncoder(); // reports, never replaces, what it can't map
    }
    if (scratchView == null || scratchView.array() != scratch) {
      scratchView = CharBuffer.wrap(scratch);
    }
    if (bufView == null || bufView.array() != buf) {
      bufView = ByteBuffer.wrap(buf);
    }
    scratchView.limit(k).position(0);
    bufView.limit(to + k).position(to);
    CoderResult r = ascii.reset().encode(scratchView, bufView, true);
    return r.isUnderflow() && !scratchView.hasRemaining();
  }

  /** Writes {@code u32(len) || bytes}. */
  void writeLengthPrefixed(byte[] b) {
    writeInt(b.length);
    write(b);
  }
}
