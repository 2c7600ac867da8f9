package dev.ddbec.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stored item failed verification: its signature is missing or wrong, its material description is
 * malformed, or it was tampered with. No part of the item is returned.
 *
 * <p>When the failing item came from a table whose key schema is known (the helper clients, the
 * Streams helper), {@link #itemKey()} gives its primary key, so that one bad item of a Query or
 * Scan page can be found. Key attributes are never encrypted; no other attribute value is kept, and
 * the message never contains key values.
 */
public class ItemIntegrityException extends DdbecException {
  private static final long serialVersionUID = 1L;

  private Map<String, AttributeValue> itemKey;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public ItemIntegrityException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public ItemIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The primary key (partition key and, if the table has one, sort key) of the item that failed
   * verification, when it is known.
   *
   * @return the key attributes as stored, unmodifiable; empty when the key schema was not known
   */
  public synchronized Optional<Map<String, AttributeValue>> itemKey() {
    return Optional.ofNullable(itemKey);
  }

  /**
   * Records the primary key of the failing item, once, the way {@link Throwable#initCause} records
   * a cause: called by the code that knows the table's key schema. Later calls are ignored, so the
   * first (innermost) key recorded stays.
   *
   * @param key the key attributes of the item (copied); only key attributes, never other values
   * @return this exception
   */
  public synchronized ItemIntegrityException initItemKey(Map<String, AttributeValue> key) {
    Objects.requireNonNull(key, "key");
    if (itemKey == null) {
      itemKey = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    }
    return this;
  }
}
