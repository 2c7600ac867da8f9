package dev.ddbec.api.spi;

/**
 * DynamoDB's canonical number text, in one place for core and every provider: the form DynamoDB
 * stores and returns, {@code -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?} other than {@code -0} (no exponent,
 * no {@code +}, no leading zeros, no trailing fractional zeros).
 *
 * <p>A provider that binds key values as written (Direct KMS puts them into the KMS encryption
 * context) must refuse other spellings ({@code 10.50}, {@code 007}, {@code 1E+2}) when writing:
 * readers rebuild the value from what DynamoDB returns, so such an item could never be read.
 */
public final class DynamoDbNumbers {
  private DynamoDbNumbers() {}

  /**
   * Tells whether {@code text} is a number in DynamoDB's canonical form. Only the spelling is
   * checked, not DynamoDB's range (38 significant digits).
   *
   * @param text number text, may be null
   * @return true if DynamoDB would return exactly this text
   */
  public static boolean isCanonical(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    int n = text.length();
    int i = 0;
    if (text.charAt(0) == '-') {
      i = 1;
      if (n == 1) {
        return false;
      }
    }
    char first = text.charAt(i);
    if (first == '0') {
      i++;
      if (i == n) {
        return i == 1; // "0" yes, "-0" no
      }
    } else if (first >= '1' && first <= '9') {
      i++;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == n) {
        return true;
      }
    } else {
      return false;
    }
    if (text.charAt(i) != '.' || i + 1 == n || text.charAt(n - 1) == '0') {
      return false;
    }
    for (int j = i + 1; j < n; j++) {
      char c = text.charAt(j);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
