package dev.ddbec.provider.kms.internal;

import java.math.BigDecimal;

/**
 * Whether number text is in the form DynamoDB stores and returns: no exponent, no {@code +}, no
 * leading zeros, no trailing fractional zeros, {@code 0} rather than {@code -0}.
 *
 * <p>Direct KMS binds key values into the KMS encryption context exactly as the writer holds them,
 * and readers rebuild the context from what DynamoDB returns; a key number written in another form
 * ({@code 10.50}, {@code 007}, {@code 1E+2}) therefore produces an item that can never be read.
 */
public final class CanonicalNumbers {
  private CanonicalNumbers() {}

  /**
   * Tells whether {@code text} is a number in DynamoDB's canonical form.
   *
   * @param text number text
   * @return true if DynamoDB would return exactly this text
   */
  public static boolean isCanonical(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    // Canonical text has only ASCII digits, at most one point and a leading minus; checking that
    // first also keeps a hostile exponent away from BigDecimal.toPlainString.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || (c == '-' && i == 0))) {
        return false;
      }
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return false;
    }
    String canonical = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    return canonical.equals(text);
  }
}
