package dev.ddbec.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * How set members, map keys and attribute names are ordered when serializing and signing.
 *
 * <p>The official Java client (and ddbec's writer) orders strings by {@link String#compareTo}
 * (UTF-16 code units) and binary members by signed bytes; the official Python client orders both by
 * unsigned UTF-8 bytes / unsigned bytes (docs/format.md §1.4, §1.5, §8 rows 5–6). The orders only
 * differ for binary members whose first differing byte is at least 0x80 and for strings mixing
 * supplementary characters with U+E000..U+FFFF.
 */
public enum SetOrdering {
  /** The official Java client's order; what ddbec writes. */
  JAVA(String::compareTo, SetOrdering::compareSigned),
  /** The official Python client's order; tried when verifying an item Python may have written. */
  PYTHON(SetOrdering::compareCodePoints, Arrays::compareUnsigned);

  private final Comparator<String> strings;
  private final Comparator<byte[]> bytes;

  SetOrdering(Comparator<String> strings, Comparator<byte[]> bytes) {
    this.strings = strings;
    this.bytes = bytes;
  }

  /**
   * The string comparator of this ordering.
   *
   * @return a comparator for attribute names, map keys and string-set members
   */
  public Comparator<String> strings() {
    return strings;
  }

  /**
   * The binary comparator of this ordering.
   *
   * @return a comparator for binary-set members
   */
  public Comparator<byte[]> bytes() {
    return bytes;
  }

  /** Lexicographic on signed bytes, shorter prefix first: {@code ByteBuffer.compareTo}. */
  static int compareSigned(byte[] a, byte[] b) {
    return Arrays.compare(a, b);
  }

  /** Code point order, which equals unsigned UTF-8 byte order. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
