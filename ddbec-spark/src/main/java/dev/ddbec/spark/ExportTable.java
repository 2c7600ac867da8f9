package dev.ddbec.spark;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.client.TableKeySchema;
import java.io.Serializable;
import java.util.Objects;

/**
 * The table an export came from, as {@code ddbec encrypt} and {@code ddbec decrypt} take it: its
 * name (bound into signatures) and key attributes, and how its items are protected.
 *
 * @param tableName the table name
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, or null
 * @param protection the materials and actions (not plaintext)
 */
public record ExportTable(
    String tableName, String partitionKey, String sortKey, SparkProtection protection)
    implements Serializable {
  /**
   * Validates.
   *
   * @param tableName the table name
   * @param partitionKey the partition key
   * @param sortKey the sort key or null
   * @param protection the protection
   */
  public ExportTable {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(protection, "protection");
    if (protection.isPlaintext()) {
      throw new dev.ddbec.api.InvalidConfigurationException(
          "an export table needs a protection with materials");
    }
  }

  /**
   * The key schema.
   *
   * @return the schema
   */
  public TableKeySchema schema() {
    return TableKeySchema.of(partitionKey, sortKey);
  }

  /**
   * The crypto configuration the CLI's {@code encrypt} and {@code decrypt} use for these options:
   * the actions with the key attributes added.
   *
   * @return the configuration
   */
  public CryptoConfig cryptoConfig() {
    EncryptionContext context =
        EncryptionContext.builder()
            .tableName(tableName)
            .partitionKeyName(partitionKey)
            .sortKeyName(sortKey)
            .build();
    return CryptoConfig.of(
        context, protection.attributeActions().withIndexKeys(partitionKey, sortKey));
  }
}
