package dev.ddbec.core.internal;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The material description attribute (docs/format.md §2): {@code u32(0)} then {@code LV(key)
 * LV(value)} pairs until the end. Written sorted by key; read in any order, last duplicate wins.
 */
public final class MaterialDescriptionCodec {
  private MaterialDescriptionCodec() {}

  /**
   * Encodes a description, entries sorted by key.
   *
   * @param description the entries
   * @return the attribute bytes
   */
  public static byte[] encode(Map<String, String> description) {
    String[] keys = description.keySet().toArray(new String[0]);
    Arrays.sort(keys); // String.compareTo, as the official clients' TreeMap
    int size = 4;
    for (String k : keys) {
      size += 8 + k.length() + description.get(k).length(); // exact for ASCII, grows otherwise
    }
    ByteSink out = new ByteSink(size);
    out.writeInt(0);
    for (String k : keys) {
      writeString(out, k);
      writeString(out, description.get(k));
    }
    byte[] buffer = out.buffer();
    return out.size() == buffer.length ? buffer : out.toByteArray();
  }

  private static void writeString(ByteSink out, String s) {
    if (!out.writeLengthPrefixedAscii(s)) {
      out.writeLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Decodes a description.
   *
   * @param data the attribute bytes
   * @return the entries, in stored order
   * @throws UnsupportedFormatException for a version other than 0
   * @throws ItemIntegrityException for truncated or malformed bytes
   */
  public static Map<String, String> decode(byte[] data) {
    if (data.length < 4) {
      throw new ItemIntegrityException("Malformed material description: shorter than 4 bytes");
    }
    int pos = 0;
    int version = readInt(data, pos);
    pos += 4;
    if (version != 0) {
      throw new UnsupportedFormatException(
          "Unsupported material description version " + Integer.toUnsignedString(version));
    }
    Map<String, String> result = new LinkedHashMap<>();
    while (pos < data.length) {
      int keyStart = pos;
      String key = readString(data, pos);
      pos += 4 + (readInt(data, keyStart));
      int valueStart = pos;
      String value = readString(data, pos);
      pos += 4 + readInt(data, valueStart);
      result.put(key, value);
    }
    return result;
  }

  /**
   * {@link #decode}, as an immutable map that is shared with the previous call on this thread when
   * the bytes are the same: a table's items written by a static or most-recent provider all carry
   * the same description, and decoding it again for every item (new strings, hashes, a map) was a
   * tenth of reading a small item. The last bytes are kept as a copy, so a caller changing its
   * array afterwards changes nothing here; the description is not secret (it is stored in plaintext
   * beside the item).
   *
   * @param data the stored bytes
   * @return the unmodifiable description
   * @throws ItemIntegrityException if malformed
   * @throws UnsupportedFormatException if the version is not 0
   */
  public static Map<String, String> decodeShared(byte[] data) {
    Last last = LAST.get();
    if (last != null && Arrays.equals(last.bytes, data)) {
      return last.description;
    }
    Map<String, String> description = Map.copyOf(decode(data));
    LAST.set(new Last(data.clone(), description));
    return description;
  }

  private record Last(byte[] bytes, Map<String, String> description) {}

  private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

  private static String readString(byte[] data, int pos) {
    if (data.length - pos < 4) {
      throw new ItemIntegrityException("Malformed material description: truncated at byte " + pos);
    }
    int len = readInt(data, pos);
    if (len < 0 || len > data.length - pos - 4) {
      throw new ItemIntegrityException(
          "Malformed material description: length at byte " + pos + " exceeds the data");
    }
    try {
      return Utf8.decode(data, pos + 4, len);
    } catch (CharacterCodingException e) {
      throw new ItemIntegrityException(
          "Malformed material description: entry at byte " + pos + " is not valid UTF-8");
    }
  }

  private static int readInt(byte[] d, int p) {
    return ((d[p] & 0xff) << 24)
        | ((d[p + 1] & 0xff) << 16)
        | ((d[p + 2] & 0xff) << 8)
        | (d[p + 3] & 0xff);
  }
}
