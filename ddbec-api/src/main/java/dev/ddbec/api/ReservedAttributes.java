package dev.ddbec.api;

import java.util.Set;

/**
 * Names of the two attributes the DynamoDB Encryption Client format adds to every protected item.
 * They cannot be given actions and may not appear in a plaintext item.
 */
public final class ReservedAttributes {
  /** Binary attribute holding the serialized material description. */
  public static final String MATERIAL_DESCRIPTION = "*amzn-ddb-map-desc*";

  /** Binary attribute holding the item signature. */
  public static final String SIGNATURE = "*amzn-ddb-map-sig*";

  /** Both reserved names. */
  public static final Set<String> ALL = Set.of(MATERIAL_DESCRIPTION, SIGNATURE);

  private ReservedAttributes() {}

  /**
   * Tells whether a name is reserved.
   *
   * @param attributeName an attribute name
   * @return true for {@link #MATERIAL_DESCRIPTION} and {@link #SIGNATURE}
   */
  public static boolean isReserved(String attributeName) {
    return ALL.contains(attributeName);
  }
}
