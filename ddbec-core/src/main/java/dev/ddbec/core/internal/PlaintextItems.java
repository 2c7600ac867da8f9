package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.spi.FormatNames;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a plaintext item must satisfy before it is encrypted and signed. */
public final class PlaintextItems {
  private PlaintextItems() {}

  /**
   * Refuses an item that holds a reserved attribute (under the configured or the default names), a
   * null value, or a name that is not valid Unicode.
   *
   * @param names the names the item will be written with
   * @param item the plaintext item
   * @throws InvalidItemException if the item cannot be encrypted as it is
   */
  public static void check(FormatNames names, Map<String, AttributeValue> item) {
    refuseReserved(item, names.materialDescriptionAttribute());
    refuseReserved(item, names.signatureAttribute());
    if (names != FormatNames.DEFAULTS) {
      refuseReserved(item, FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE);
      refuseReserved(item, FormatNames.SIGNATURE_ATTRIBUTE);
    }
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (e.getValue() == null) {
        throw new InvalidItemException("Attribute '" + e.getKey() + "' has a null value");
      }
      int surrogate = Utf8.unpairedSurrogate(e.getKey());
      if (surrogate >= 0) {
        // Signed as UTF-8, the name would turn into another name ('?' for the surrogate).
        throw new InvalidItemException(
            "Attribute name '"
                + e.getKey().substring(0, surrogate)
                + String.format("\\u%04X", (int) e.getKey().charAt(surrogate))
                + "...' contains an unpaired UTF-16 surrogate (at index "
                + surrogate
                + ") and cannot be encoded as UTF-8; attribute names must be valid Unicode");
      }
    }
  }

  private static void refuseReserved(Map<String, AttributeValue> item, String reserved) {
    if (item.containsKey(reserved)) {
      throw new InvalidItemException(
          "The plaintext item already contains the reserved attribute '"
              + reserved
              + "'; it may already be encrypted");
    }
  }
}
