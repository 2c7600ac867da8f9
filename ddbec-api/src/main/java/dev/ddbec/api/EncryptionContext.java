package dev.ddbec.api;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a materials provider knows about the item being protected: the table, its key attribute
 * names, the item's attributes and the material description.
 *
 * <p>On encryption {@code attributes} is the plaintext item and {@code materialDescription} is
 * usually empty; on decryption {@code attributes} is the stored item and {@code
 * materialDescription} is the description read from it.
 *
 * @param tableName the table name, bound into every signature; required
 * @param partitionKeyName the partition key attribute name, or null if unknown
 * @param sortKeyName the sort key attribute name, or null if the table has none
 * @param attributes the item's attributes (copied, unmodifiable)
 * @param materialDescription the material description (copied, unmodifiable)
 */
public record EncryptionContext(
    String tableName,
    String partitionKeyName,
    String sortKeyName,
    Map<String, AttributeValue> attributes,
    Map<String, String> materialDescription) {

  /**
   * Validates and copies.
   *
   * @param tableName the table name; required
   * @param partitionKeyName the partition key attribute name, or null
   * @param sortKeyName the sort key attribute name, or null
   * @param attributes the item's attributes, or null for none
   * @param materialDescription the material description, or null for none
   * @throws InvalidConfigurationException if the table name is missing
   */
  public EncryptionContext {
    if (tableName == null) {
      throw new InvalidConfigurationException(
          "EncryptionContext needs a table name: it is bound into every item signature");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    materialDescription = materialDescription == null ? Map.of() : Map.copyOf(materialDescription);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this context's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder()
        .tableName(tableName)
        .partitionKeyName(partitionKeyName)
        .sortKeyName(sortKeyName)
        .attributes(attributes)
        .materialDescription(materialDescription);
  }

  /**
   * This context with other attributes.
   *
   * @param newAttributes the item attributes
   * @return a new context
   */
  public EncryptionContext withAttributes(Map<String, AttributeValue> newAttributes) {
    return new EncryptionContext(
        tableName, partitionKeyName, sortKeyName, newAttributes, materialDescription);
  }

  /**
   * This context with another material description.
   *
   * @param description the material description
   * @return a new context
   */
  public EncryptionContext withMaterialDescription(Map<String, String> description) {
    return new EncryptionContext(tableName, partitionKeyName, sortKeyName, attributes, description);
  }

  @Override
  public String toString() {
    // Attribute values may be plaintext: only their names are shown.
    return "EncryptionContext{tableName="
        + tableName
        + ", partitionKeyName="
        + partitionKeyName
        + ", sortKeyName="
        + sortKeyName
        + ", attributeNames="
        + new java.util.TreeSet<>(attributes.keySet())
        + ", materialDescriptionKeys="
        + new java.util.TreeSet<>(materialDescription.keySet())
        + '}';
  }

  /** Builder for {@link EncryptionContext}. Not thread-safe. */
  public static final class Builder {
    private String tableName;
    private String partitionKeyName;
    private String sortKeyName;
    private Map<String, AttributeValue> attributes = Map.of();
    private Map<String, String> materialDescription = Map.of();

    private Builder() {}

    /**
     * Sets the table name.
     *
     * @param tableName the table name
     * @return this builder
     */
    public Builder tableName(String tableName) {
      this.tableName = tableName;
      return this;
    }

    /**
     * Sets the partition key attribute name.
     *
     * @param name the name, or null
     * @return this builder
     */
    public Builder partitionKeyName(String name) {
      this.partitionKeyName = name;
      return this;
    }

    /**
     * Sets the sort key attribute name.
     *
     * @param name the name, or null
     * @return this builder
     */
    public Builder sortKeyName(String name) {
      this.sortKeyName = name;
      return this;
    }

    /**
     * Sets the item attributes.
     *
     * @param attributes the attributes
     * @return this builder
     */
    public Builder attributes(Map<String, AttributeValue> attributes) {
      this.attributes = Objects.requireNonNull(attributes, "attributes");
      return this;
    }

    /**
     * Sets the material description.
     *
     * @param description the description
     * @return this builder
     */
    public Builder materialDescription(Map<String, String> description) {
      this.materialDescription = Objects.requireNonNull(description, "materialDescription");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     * @throws InvalidConfigurationException if no table name was set
     */
    public EncryptionContext build() {
      return new EncryptionContext(
          tableName, partitionKeyName, sortKeyName, attributes, materialDescription);
    }
  }
}
