package dev.ddbec.core.internal;

import dev.ddbec.api.spi.DynamoDbNumbers;
import java.math.BigDecimal;

/**
 * DynamoDB number text canonicalization (docs/format.md §1.3), the Java way: exact, trailing zeros
 * and exponent removed, negative zero becomes {@code 0}.
 *
 * <p>Inputs are bounded to DynamoDB's range (38 significant digits, magnitude 1E-130 to under
 * 1E+126) before the plain text is built, so a hostile exponent cannot make us allocate a huge
 * string.
 */
public final class Numbers {
  /** DynamoDB's maximum precision. */
  static final int MAX_PRECISION = 38;

  /** Longest number text we parse at all (sign, 38 digits, point, exponent, generous slack). */
  static final int MAX_TEXT_LENGTH = 200;

  private Numbers() {}

  /**
   * Canonical text of a DynamoDB number.
   *
   * @param text number text as found in an item
   * @return the normalized text
   * @throws IllegalArgumentException if it is not a DynamoDB number
   */
  public static String normalize(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("not a DynamoDB number");
    }
    if (isCanonical(text)) {
      return text;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // BigDecimal also accepts non-ASCII digits (e.g. Arabic-Indic); DynamoDB does not.
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        throw new IllegalArgumentException("not a DynamoDB number");
      }
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a DynamoDB number", e);
    }
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal s = d.stripTrailingZeros();
    int precision = s.precision();
    // Power of ten of the leading digit; computed in long so extreme scales cannot overflow.
    long exponent = (long) precision - s.scale() - 1;
    if (precision > MAX_PRECISION || exponent < -130 || exponent > 125) {
      throw new IllegalArgumentException(
          "number outside DynamoDB's range (38 significant digits, 1E-130 to 9.99E+125)");
    }
    return s.toPlainString();
  }

  /**
   * Already canonical ({@link DynamoDbNumbers#isCanonical}) and at most 38 characters (so within
   * DynamoDB's range). Such text is its own normalization, which saves the BigDecimal round trip
   * for the numbers DynamoDB itself returns.
   */
  static boolean isCanonical(String t) {
    return t.length() <= MAX_PRECISION && DynamoDbNumbers.isCanonical(t);
  }
}
