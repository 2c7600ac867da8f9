package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidItemException;
import dev.ddbec.core.format.SetOrdering;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Serializes one attribute value to the byte format of docs/format.md §1: a two-byte type tag, then
 * a length-prefixed body; sets sorted, maps ordered by key, numbers normalized.
 *
 * <p>Stateless; safe to share.
 */
public final class AttributeSerializer {
  /** DynamoDB allows 32 levels of nesting; anything deeper is refused rather than recursed. */
  public static final int MAX_DEPTH = 32;

  static final char TAG_BINARY = 'b';
  static final char TAG_NUMBER = 'n';
  static final char TAG_STRING = 's';
  static final char TAG_BOOLEAN = '?';
  static final char TAG_NULL = '\0';
  static final char TAG_BINARY_SET = 'B';
  static final char TAG_NUMBER_SET = 'N';
  static final char TAG_STRING_SET = 'S';
  static final char TAG_LIST = 'L';
  static final char TAG_MAP = 'M';

  private AttributeSerializer() {}

  /**
   * Serializes a value with the Java client's ordering.
   *
   * @param value the attribute value
   * @return its bytes
   * @throws InvalidItemException for values the format cannot represent
   */
  public static byte[] serialize(AttributeValue value) {
    return serialize(value, SetOrdering.JAVA);
  }

  /**
   * Serializes a value.
   *
   * @param value the attribute value
   * @param ordering set and map ordering
   * @return its bytes
   * @throws InvalidItemException for values the format cannot represent
   */
  public static byte[] serialize(AttributeValue value, SetOrdering ordering) {
    ByteSink sink = new ByteSink(64);
    write(sink, value, ordering, 0);
    return sink.toByteArray();
  }

  /**
   * Serializes into a sink (reused by hot paths to avoid copies).
   *
   * @param sink where the bytes go
   * @param value the value
   * @param ordering set and map ordering
   */
  static void serializeInto(ByteSink sink, AttributeValue value, SetOrdering ordering) {
    write(sink, value, ordering, 0);
  }

  private static void write(ByteSink out, AttributeValue v, SetOrdering ordering, int depth) {
    if (v == null) {
      throw new InvalidItemException("null attribute value");
    }
    if (depth > MAX_DEPTH) {
      throw new InvalidItemException("value nested deeper than " + MAX_DEPTH + " levels");
    }
    AttributeValue.Type type = v.type();
    if (type == null) {
      throw new InvalidItemException("attribute value has no type");
    }
    switch (type) {
      case B -> {
        byte[] bytes = v.b().asByteArrayUnsafe();
        writeBinaryHeader(out, bytes.length);
        out.write(bytes);
      }
      case N -> {
        out.writeTag(TAG_NUMBER);
        writeNumber(out, normalize(v.n()));
      }
      case S -> {
        out.writeTag(TAG_STRING);
        writeString(out, v.s());
      }
      case BOOL -> {
        out.writeTag(TAG_BOOLEAN);
        out.write(Boolean.TRUE.equals(v.bool()) ? 1 : 0);
      }
      case NUL -> out.writeTag(TAG_NULL);
      case BS -> {
        out.writeTag(TAG_BINARY_SET);
        List<byte[]> members = new ArrayList<>(v.bs().size());
        for (SdkBytes b : v.bs()) {
          if (b == null) {
            throw new InvalidItemException("null member in binary set");
          }
          members.add(b.asByteArrayUnsafe());
        }
        members.sort(ordering.bytes());
        writeMembers(out, members);
      }
      case NS -> {
        out.writeTag(TAG_NUMBER_SET);
        List<String> members = new ArrayList<>(v.ns().size());
        for (String n : v.ns()) {
          members.add(normalize(n));
        }
        members.sort(ordering.strings());
        out.writeInt(members.size());
        for (String m : members) {
          writeNumber(out, m);
        }
      }
      case SS -> {
        out.writeTag(TAG_STRING_SET);
        List<String> members = new ArrayList<>(v.ss());
        for (String s : members) {
          if (s == null) {
            throw new InvalidItemException("null member in string set");
          }
        }
        members.sort(ordering.strings());
        out.writeInt(members.size());
        for (String m : members) {
          writeString(out, m);
        }
      }
      case L -> {
        out.writeTag(TAG_LIST);
        out.writeInt(v.l().size());
        for (AttributeValue e : v.l()) {
          write(out, e, ordering, depth + 1);
        }
      }
      case M -> {
        out.writeTag(TAG_MAP);
        Map<String, AttributeValue> m = v.m();
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort(ordering.strings());
        out.writeInt(keys.size());
        for (String k : keys) {
          out.writeTag(TAG_STRING);
          writeString(out, k);
          write(out, m.get(k), ordering, depth + 1);
        }
      }
      default -> throw new InvalidItemException("attribute value of unknown type " + type);
    }
  }

  /**
   * Writes what precedes the bytes of a binary value: its tag and length, {@code 00 62 u32(len)}.
   * {@link ItemSigner} hashes stored binary values (every ciphertext) after this header, where they
   * are, instead of serializing them.
   *
   * @param out where the header goes
   * @param length the value's length in bytes
   */
  static void writeBinaryHeader(ByteSink out, int length) {
    out.writeTag(TAG_BINARY);
    out.writeInt(length);
  }

  private static void writeMembers(ByteSink out, List<byte[]> members) {
    out.writeInt(members.size());
    for (byte[] m : members) {
      out.writeLengthPrefixed(m);
    }
  }

  private static String normalize(String n) {
    try {
      return Numbers.normalize(n);
    } catch (IllegalArgumentException e) {
      throw new InvalidItemException(e.getMessage());
    }
  }

  /**
   * UTF-8 of a string value, set member or map key. {@link String#getBytes} would silently turn an
   * unpaired surrogate into {@code '?'}, so an encrypted string would decrypt to a different value;
   * such strings are not valid Unicode, and the official Python client cannot encode them either.
   */
  private static byte[] utf8(String s) {
    int i = Utf8.unpairedSurrogate(s);
    if (i >= 0) {
      throw new InvalidItemException(
          "string contains an unpaired UTF-16 surrogate (at index "
              + i
              + ") and cannot be encoded as UTF-8");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A normalized number: ASCII by construction. */
  private static void writeNumber(ByteSink out, String n) {
    if (!out.writeLengthPrefixedAscii(n)) {
      out.writeLengthPrefixed(n.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * A string as {@code u32(len) || UTF-8}: ASCII straight into the sink, anything else through
   * {@link #utf8}, which refuses unpaired surrogates.
   */
  private static void writeString(ByteSink out, String s) {
    if (!out.writeLengthPrefixedAscii(s)) {
      out.writeLengthPrefixed(utf8(s));
    }
  }

  /**
   * Tells whether serializing a value with the two orderings could give different bytes: it
   * contains a set with two or more members or a map with two or more keys.
   *
   * @param v a value
   * @return true if {@link SetOrdering#PYTHON} may differ from {@link SetOrdering#JAVA}
   */
  static boolean orderingSensitive(AttributeValue v) {
    AttributeValue.Type type = v.type();
    if (type == null) {
      return false;
    }
    return switch (type) {
      case BS -> v.bs().size() > 1;
      case SS -> v.ss().size() > 1;
      case L -> v.l().stream().anyMatch(AttributeSerializer::orderingSensitive);
      case M ->
          v.m().size() > 1
              || v.m().values().stream().anyMatch(AttributeSerializer::orderingSensitive);
      default -> false;
    };
  }
}
