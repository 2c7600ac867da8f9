package dev.ddbec.bulk;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.internal.Protection;
import dev.ddbec.core.client.TableKeySchema;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Classifies stored items of one table as {@link TableVerifier} does, for items read from somewhere
 * else than the live table (a table export): {@link ItemClass#OK}, {@link ItemClass#TAMPERED},
 * {@link ItemClass#PLAINTEXT}, {@link ItemClass#UNREADABLE} or {@link ItemClass#MALFORMED}.
 *
 * <pre>{@code
 * ItemClassifier classifier =
 *     ItemClassifier.of(ItemProtection.of(provider, actions), "Books", TableKeySchema.of("isbn", null));
 * ItemClass c = classifier.classify(item);
 * }</pre>
 *
 * <p>Thread-safe; holds one item encryptor.
 */
public final class ItemClassifier {
  private final Protection protection;

  private ItemClassifier(Protection protection) {
    this.protection = protection;
  }

  /**
   * A classifier for one table.
   *
   * @param protection the configuration to verify with (not plaintext)
   * @param tableName the table name (bound into signatures)
   * @param schema the table's key schema
   * @return the classifier
   * @throws InvalidConfigurationException if the protection is plaintext or does not fit the schema
   */
  public static ItemClassifier of(
      ItemProtection protection, String tableName, TableKeySchema schema) {
    Objects.requireNonNull(protection, "protection");
    if (protection.isPlaintext()) {
      throw new InvalidConfigurationException(
          "ItemClassifier needs the protection (materials provider and actions) to verify with");
    }
    return new ItemClassifier(
        Protection.resolve(
            protection,
            Objects.requireNonNull(tableName, "tableName"),
            Objects.requireNonNull(schema, "schema")));
  }

  /**
   * Classifies one stored item.
   *
   * @param item the item as stored
   * @return its class
   */
  public ItemClass classify(Map<String, AttributeValue> item) {
    return protection.read(item).itemClass();
  }
}
