package dev.ddbec.cli.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Equality of DynamoDB values as DynamoDB sees them: numbers by value ({@code "1.50"} equals {@code
 * "1.5"}), sets regardless of member order, everything else exactly.
 */
public final class AttributeValues {
  private AttributeValues() {}

  /**
   * Compares two items.
   *
   * @param a an item
   * @param b another item
   * @return true if they have the same attribute names and equal values
   */
  public static boolean itemsEqual(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, AttributeValue> e : a.entrySet()) {
      if (!equal(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares two values.
   *
   * @param a a value
   * @param b another value
   * @return true if DynamoDB would consider them equal
   */
  public static boolean equal(AttributeValue a, AttributeValue b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.type() != b.type()) {
      return false;
    }
    return switch (a.type()) {
      case N -> new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
      case NS -> sorted(numbers(a.ns())).equals(sorted(numbers(b.ns())));
      case SS -> sorted(a.ss()).equals(sorted(b.ss()));
      case BS -> sortedBytes(a.bs()).equals(sortedBytes(b.bs()));
      case L -> listsEqual(a.l(), b.l());
      case M -> itemsEqual(a.m(), b.m());
      default -> Objects.equals(a, b);
    };
  }

  private static boolean listsEqual(List<AttributeValue> a, List<AttributeValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> numbers(List<String> ns) {
    List<String> out = new ArrayList<>(ns.size());
    for (String n : ns) {
      BigDecimal d = new BigDecimal(n);
      out.add(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }
    return out;
  }

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(Comparator.naturalOrder());
    return c;
  }

  private static List<String> sortedBytes(List<SdkBytes> l) {
    List<String> c = new ArrayList<>(l.size());
    for (SdkBytes b : l) {
      c.add(java.util.HexFormat.of().formatHex(b.asByteArrayUnsafe()));
    }
    c.sort(Comparator.naturalOrder());
    return c;
  }
}
