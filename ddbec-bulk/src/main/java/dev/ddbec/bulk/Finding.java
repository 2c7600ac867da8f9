package dev.ddbec.bulk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item that is not OK: its primary key (key attributes are never encrypted) and its class. No
 * other attribute value is kept.
 *
 * @param key the item's primary key attributes (copied, unmodifiable)
 * @param itemClass what the item was found to be
 */
public record Finding(Map<String, AttributeValue> key, ItemClass itemClass) {
  /**
   * Validates and copies.
   *
   * @param key the key attributes
   * @param itemClass the class
   */
  public Finding {
    Objects.requireNonNull(itemClass, "itemClass");
    key = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(key, "key")));
  }
}
