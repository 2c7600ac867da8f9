package dev.ddbec.core.format;

import dev.ddbec.core.internal.AttributeValues;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Equality of DynamoDB values as DynamoDB sees them: numbers by value ({@code "1.50"} equals {@code
 * "1.5"}), set members regardless of order, everything else exactly. For comparing an item read
 * back, or decrypted by another client, with the one written. Stateless and thread-safe.
 */
public final class AttributeEquality {
  private AttributeEquality() {}

  /**
   * Compares two items.
   *
   * @param a an item
   * @param b another item
   * @return true if they have the same attribute names and equal values
   */
  public static boolean itemsEqual(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    return AttributeValues.canonical(a).equals(AttributeValues.canonical(b));
  }

  /**
   * Compares two values.
   *
   * @param a a value, or null
   * @param b another value, or null
   * @return true if DynamoDB would consider them equal (two nulls are equal)
   */
  public static boolean equal(AttributeValue a, AttributeValue b) {
    if (a == null || b == null) {
      return a == b;
    }
    return AttributeValues.canonical(a).equals(AttributeValues.canonical(b));
  }
}
