package dev.ddbec.core.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Value equality for DynamoDB items as DynamoDB itself sees it: numbers compare by value (their
 * text may be normalized), set members compare as multisets (their order may change), everything
 * else structurally.
 *
 * <p>Use {@link #canonical(AttributeValue)} on both sides and compare with {@code equals}; AssertJ
 * then prints a readable difference.
 */
public final class AttributeValues {
  private AttributeValues() {}

  /**
   * Canonical form of an item (attribute names sorted).
   *
   * @param item an item
   * @return a map whose values are canonical and whose iteration order is by name
   */
  public static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new TreeMap<>();
    item.forEach((k, v) -> out.put(k, canonical(v)));
    return out;
  }

  /**
   * Canonical form of one value: numbers as stripped plain text, set members sorted.
   *
   * @param v a value
   * @return an equal-by-value value in canonical form
   */
  public static AttributeValue canonical(AttributeValue v) {
    return switch (v.type()) {
      case N -> AttributeValue.fromN(number(v.n()));
      case NS -> {
        List<String> members = new ArrayList<>();
        for (String n : v.ns()) {
          members.add(number(n));
        }
        members.sort(Comparator.naturalOrder());
        yield AttributeValue.fromNs(members);
      }
      case SS -> {
        List<String> members = new ArrayList<>(v.ss());
        members.sort(Comparator.naturalOrder());
        yield AttributeValue.fromSs(members);
      }
      case BS -> {
        List<SdkBytes> members = new ArrayList<>(v.bs());
        members.sort((a, b) -> Arrays.compareUnsigned(a.asByteArray(), b.asByteArray()));
        yield AttributeValue.fromBs(members);
      }
      case L -> {
        List<AttributeValue> elements = new ArrayList<>();
        for (AttributeValue e : v.l()) {
          elements.add(canonical(e));
        }
        yield AttributeValue.fromL(elements);
      }
      case M -> {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        new TreeMap<>(v.m()).forEach((k, e) -> m.put(k, canonical(e)));
        yield AttributeValue.fromM(m);
      }
      default -> v;
    };
  }

  private static String number(String text) {
    BigDecimal d = new BigDecimal(text);
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /**
   * Bytes as lowercase hex, for readable assertions.
   *
   * @param b bytes
   * @return hex
   */
  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /**
   * Parses hex, ignoring spaces and '|' separators.
   *
   * @param hex the text
   * @return bytes
   */
  public static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", "").replace("|", ""));
  }
}
