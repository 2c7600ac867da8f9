package dev.ddbec.core.internal;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.FormatNames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stored item's attributes apart from its material description and signature. */
public final class StoredItems {
  private StoredItems() {}

  /**
   * The stored item without its material description and signature, as the unmodifiable map the
   * encryption context holds (so that the context does not copy it again).
   *
   * @param names the names the item is read with
   * @param item the item as stored
   * @return an unmodifiable map (no order)
   * @throws ItemIntegrityException if an attribute has a null value
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
  public static Map<String, AttributeValue> withoutFormatAttributes(
      FormatNames names, Map<String, AttributeValue> item) {
    Map.Entry<String, AttributeValue>[] entries = new Map.Entry[item.size()];
    int n = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (e.getValue() == null) {
        throw new ItemIntegrityException("Attribute '" + e.getKey() + "' has a null value");
      }
      if (!isFormatAttribute(names, e.getKey())) {
        entries[n++] = e;
      }
    }
    return Map.ofEntries(n == entries.length ? entries : Arrays.copyOf(entries, n));
  }

  /**
   * The stored item without its material description and signature, in its order.
   *
   * @param names the names the item is read with
   * @param item the item as stored
   * @return a new modifiable map
   */
  public static Map<String, AttributeValue> plainCopy(
      FormatNames names, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(item);
    out.remove(names.signatureAttribute());
    out.remove(names.materialDescriptionAttribute());
    return out;
  }

  /**
   * Whether {@code name} is the item's material description or signature attribute.
   *
   * @param names the names the item is read with
   * @param name an attribute name
   * @return true for the two format attributes
   */
  public static boolean isFormatAttribute(FormatNames names, String name) {
    return names.signatureAttribute().equals(name)
        || names.materialDescriptionAttribute().equals(name);
  }
}
