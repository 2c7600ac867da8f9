package dev.ddbec.api;

/**
 * What ddbec does with one attribute of an item.
 *
 * <p>The constants are ordered from most to least protection, so {@code compareTo} can be used to
 * pick the weaker of two actions.
 */
public enum CryptoAction {
  /** The value is replaced by its ciphertext (a binary value) and covered by the item signature. */
  ENCRYPT_AND_SIGN,
  /** The value is stored as-is and covered by the item signature. */
  SIGN_ONLY,
  /** The value is stored as-is and not signed: it may be changed or removed without detection. */
  DO_NOTHING;

  /**
   * Returns the weaker of this action and {@code other}.
   *
   * @param other the action to compare with
   * @return the action giving less protection
   */
  public CryptoAction weakest(CryptoAction other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
