package dev.ddbec.core.internal;

import dev.ddbec.api.ItemIntegrityException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parses exactly one serialized attribute value (docs/format.md §1.6), stricter than both official
 * clients: unknown tags, a non-zero reserved byte, BOOL bytes other than 0/1, non-string map keys,
 * invalid UTF-8, truncation and trailing bytes are all rejected.
 *
 * <p>Every length and count read from the input is checked against the bytes that remain before
 * anything is allocated, so no allocation exceeds the input size; nesting is limited to {@link
 * AttributeSerializer#MAX_DEPTH}. Errors are {@link ItemIntegrityException}s whose messages name
 * the problem and offset, never the content.
 */
public final class AttributeDeserializer {
  // Immutable, so shared by every item.
  private static final AttributeValue TRUE = AttributeValue.fromBool(true);
  private static final AttributeValue FALSE = AttributeValue.fromBool(false);
  private static final AttributeValue NUL = AttributeValue.fromNul(true);

  private final byte[] in;
  private final int end;
  private final ValueBuilders values;
  private int pos;

  private AttributeDeserializer(byte[] in, int off, int len, ValueBuilders values) {
    this.in = in;
    this.pos = off;
    this.end = off + len;
    this.values = values;
  }

  /**
   * Parses one value that fills the whole array.
   *
   * @param data serialized bytes
   * @return the value
   * @throws ItemIntegrityException if the bytes are not exactly one well-formed value
   */
  public static AttributeValue deserialize(byte[] data) {
    return deserialize(data, 0, data.length);
  }

  /**
   * Parses one value that fills {@code data[off, off+len)}.
   *
   * @param data buffer
   * @param off start
   * @param len length
   * @return the value
   * @throws ItemIntegrityException if the bytes are not exactly one well-formed value
   */
  public static AttributeValue deserialize(byte[] data, int off, int len) {
    return deserialize(data, off, len, new ValueBuilders());
  }

  /**
   * Parses one value that fills {@code data[off, off+len)}, building values with the item's {@code
   * values}.
   *
   * @param data buffer
   * @param off start
   * @param len length
   * @param values the builders of the item being read
   * @return the value
   * @throws ItemIntegrityException if the bytes are not exactly one well-formed value
   */
  public static AttributeValue deserialize(byte[] data, int off, int len, ValueBuilders values) {
    if (len == 0) {
      throw malformed("empty serialized attribute", 0);
    }
    AttributeDeserializer d = new AttributeDeserializer(data, off, len, values);
    AttributeValue v = d.value(0);
    if (d.pos != d.end) {
      throw malformed("trailing bytes after the serialized value", d.pos - off);
    }
    return v;
  }

  private AttributeValue value(int depth) {
    if (depth > AttributeSerializer.MAX_DEPTH) {
      throw malformed("nesting deeper than " + AttributeSerializer.MAX_DEPTH + " levels", pos);
    }
    char tag = tag();
    switch (tag) {
      case AttributeSerializer.TAG_BINARY:
        return values.b(lengthPrefixed());
      case AttributeSerializer.TAG_NUMBER:
        return values.n(number());
      case AttributeSerializer.TAG_STRING:
        return values.s(string());
      case AttributeSerializer.TAG_BOOLEAN:
        {
          need(1);
          int b = in[pos++];
          if (b != 0 && b != 1) {
            throw malformed("boolean byte must be 0 or 1", pos - 1);
          }
          return b == 1 ? TRUE : FALSE;
        }
      case AttributeSerializer.TAG_NULL:
        return NUL;
      case AttributeSerializer.TAG_BINARY_SET:
        {
          int n = count(4);
          List<SdkBytes> members = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            members.add(SdkBytes.fromByteArrayUnsafe(lengthPrefixed()));
          }
          return values.bs(members);
        }
      case AttributeSerializer.TAG_NUMBER_SET:
        {
          int n = count(4);
          List<String> members = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            members.add(number());
          }
          return values.ns(members);
        }
      case AttributeSerializer.TAG_STRING_SET:
        {
          int n = count(4);
          List<String> members = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            members.add(string());
          }
          return values.ss(members);
        }
      case AttributeSerializer.TAG_LIST:
        {
          int n = count(2);
          List<AttributeValue> elements = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            elements.add(value(depth + 1));
          }
          return values.l(elements);
        }
      case AttributeSerializer.TAG_MAP:
        {
          // Each entry is at least a string key (tag + length) and a tagged value: 8 bytes.
          int n = count(8);
          Entries m = new Entries(n);
          for (int i = 0; i < n; i++) {
            int at = pos;
            if (tag() != AttributeSerializer.TAG_STRING) {
              throw malformed("map key is not a string", at);
            }
            m.keys[i] = string();
            m.values[i] = value(depth + 1);
          }
          return values.m(m);
        }
      default:
        throw malformed("unknown type tag", pos - 2);
    }
  }

  private char tag() {
    need(2);
    if (in[pos] != 0) {
      throw malformed("reserved tag byte is not zero", pos);
    }
    char t = (char) (in[pos + 1] & 0xff);
    pos += 2;
    return t;
  }

  private int u32() {
    need(4);
    int v =
        ((in[pos] & 0xff) << 24)
            | ((in[pos + 1] & 0xff) << 16)
            | ((in[pos + 2] & 0xff) << 8)
            | (in[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** Reads a count and checks that {@code count * minBytesEach} bytes remain. */
  private int count(int minBytesEach) {
    int at = pos;
    int n = u32();
    if (n < 0 || (long) n * minBytesEach > end - pos) {
      throw malformed("count exceeds the remaining bytes", at);
    }
    return n;
  }

  private byte[] lengthPrefixed() {
    int len = length();
    byte[] b = new byte[len];
    System.arraycopy(in, pos, b, 0, len);
    pos += len;
    return b;
  }

  /** Reads a length and checks that that many bytes remain. */
  private int length() {
    int at = pos;
    int len = u32();
    if (len < 0 || len > end - pos) {
      throw malformed("length exceeds the remaining bytes", at);
    }
    return len;
  }

  private String string() {
    int at = pos;
    int len = length();
    int start = pos;
    pos += len;
    try {
      return Utf8.decode(in, start, len);
    } catch (CharacterCodingException e) {
      throw malformed("string is not valid UTF-8", at);
    }
  }

  private String number() {
    int at = pos;
    int len = length();
    String text = new String(in, pos, len, StandardCharsets.ISO_8859_1);
    pos += len;
    // Writers store canonical plain text; up to 38 characters of it is always within DynamoDB's
    // range, so only other forms need the full parse and range check.
    if (!isShortPlainDecimal(text)) {
      try {
        Numbers.normalize(text);
      } catch (IllegalArgumentException e) {
        throw malformed("invalid number", at);
      }
    }
    // Returned as stored (writers store normalized text), like the official Java client.
    return text;
  }

  /** {@code -?digits(.digits)?} of at most 38 characters: a number DynamoDB always accepts. */
  static boolean isShortPlainDecimal(String t) {
    int n = t.length();
    if (n == 0 || n > Numbers.MAX_PRECISION) {
      return false;
    }
    int i = t.charAt(0) == '-' ? 1 : 0;
    int digitsBefore = 0;
    while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      i++;
      digitsBefore++;
    }
    if (digitsBefore == 0) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (t.charAt(i) != '.') {
      return false;
    }
    i++;
    int digitsAfter = 0;
    while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      i++;
      digitsAfter++;
    }
    return digitsAfter > 0 && i == n;
  }

  /**
   * A map value's entries in stored order, as read, handed to the SDK's map builder, which copies
   * whatever map it is given into an unmodifiable map of its own: building a second map here first
   * would be wasted. A repeated key keeps its first position and takes its last value, as with
   * {@code put}.
   */
  private static final class Entries extends AbstractMap<String, AttributeValue> {
    final String[] keys;
    final AttributeValue[] values;

    Entries(int n) {
      keys = new String[n];
      values = new AttributeValue[n];
    }

    /** The entries read (a repeated key counts each time): what the copy sizes itself by. */
    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
      for (int i = 0; i < keys.length; i++) {
        action.accept(keys[i], values[i]);
      }
    }

    @Override
    public Set<Map.Entry<String, AttributeValue>> entrySet() {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      forEach(m::put);
      return m.entrySet();
    }
  }

  private void need(int n) {
    if (end - pos < n) {
      throw malformed("truncated", pos);
    }
  }

  private static ItemIntegrityException malformed(String what, int offset) {
    return new ItemIntegrityException(
        "Malformed serialized attribute: " + what + " (at byte " + offset + ")");
  }
}
