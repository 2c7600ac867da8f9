package dev.ddbec.cli.json;

import java.util.Map;
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
    return dev.ddbec.core.internal.AttributeValues.canonical(a)
        .equals(dev.ddbec.core.internal.AttributeValues.canonical(b));
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
    return dev.ddbec.core.internal.AttributeValues.canonical(a)
        .equals(dev.ddbec.core.internal.AttributeValues.canonical(b));
  }
}
