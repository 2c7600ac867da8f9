package dev.ddbec.api;

import dev.ddbec.api.spi.FormatNames;
import java.util.Set;

/**
 * Names of the two attributes the DynamoDB Encryption Client format adds to every protected item.
 * They cannot be given actions and may not appear in a plaintext item.
 *
 * <p>The same names and rule as {@link FormatNames}, which also holds the material description
 * keys; kept here for application code.
 */
public final class ReservedAttributes {
  /** Binary attribute holding the serialized material description. */
  public static final String MATERIAL_DESCRIPTION = FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE;

  /** Binary attribute holding the item signature. */
  public static final String SIGNATURE = FormatNames.SIGNATURE_ATTRIBUTE;

  /** Both reserved names. */
  public static final Set<String> ALL = FormatNames.RESERVED_ATTRIBUTES;

  private ReservedAttributes() {}

  /**
   * Tells whether a name is reserved.
   *
   * @param attributeName an attribute name
   * @return true for {@link #MATERIAL_DESCRIPTION} and {@link #SIGNATURE}
   */
  public static boolean isReserved(String attributeName) {
    return FormatNames.isReservedAttribute(attributeName);
  }
}
