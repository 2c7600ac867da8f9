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
 * <p><b>Developer context.</b> {@code developerContext} is an opaque value for custom materials
 * providers (the official Java client's {@code EncryptionContext.getDeveloperContext()}): ddbec
 * never sets, reads or shows it, and only carries it from the context it is given (a {@code
 * CryptoConfig}'s, or one an encryption-context operator returns) to the provider. It takes part in
 * {@link #equals} and {@link #hashCode} as every other component does (a provider may choose keys
 * by it, so two contexts that differ in it are different requests); it never appears in {@link
 * #toString()}, which may be logged.
 *
 * @param tableName the table name, bound into every signature; required
 * @param partitionKeyName the partition key attribute name, or null if unknown
 * @param sortKeyName the sort key attribute name, or null if the table has none
 * @param attributes the item's attributes (copied, unmodifiable)
 * @param materialDescription the material description (copied, unmodifiable)
 * @param developerContext an opaque value for custom materials providers, or null
 */
public record EncryptionContext(
    String tableName,
    String partitionKeyName,
    String sortKeyName,
    Map<String, AttributeValue> attributes,
    Map<String, String> materialDescription,
    Object developerContext) {

  /**
   * Validates and copies.
   *
   * @param tableName the table name; required
   * @param partitionKeyName the partition key attribute name, or null
   * @param sortKeyName the sort key attribute name, or null
   * @param attributes the item's attributes, or null for none
   * @param materialDescription the material description, or null for none
   * @param developerContext an opaque value for custom materials providers, or null
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
   * A context without a developer context.
   *
   * @param tableName the table name; required
   * @param partitionKeyName the partition key attribute name, or null
   * @param sortKeyName the sort key attribute name, or null
   * @param attributes the item's attributes, or null for none
   * @param materialDescription the material description, or null for none
   * @throws InvalidConfigurationException if the table name is missing
   */
  public EncryptionContext(
      String tableName,
      String partitionKeyName,
      String sortKeyName,
      Map<String, AttributeValue> attributes,
      Map<String, String> materialDescription) {
    this(tableName, partitionKeyName, sortKeyName, attributes, materialDescription, null);
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
        .materialDescription(materialDescription)
        .developerContext(developerContext);
  }

  /**
   * This context with other attributes.
   *
   * @param newAttributes the item attributes
   * @return a new context
   */
  public EncryptionContext withAttributes(Map<String, AttributeValue> newAttributes) {
    return new EncryptionContext(
        tableName,
        partitionKeyName,
        sortKeyName,
        newAttributes,
        materialDescription,
        developerContext);
  }

  /**
   * This context with another material description.
   *
   * @param description the material description
   * @return a new context
   */
  public EncryptionContext withMaterialDescription(Map<String, String> description) {
    return new EncryptionContext(
        tableName, partitionKeyName, sortKeyName, attributes, description, developerContext);
  }

  /**
   * This context with another table name (what the official Java client's {@code
   * EncryptionContextOperators.overrideEncryptionContextTableName} returns).
   *
   * @param name the table name
   * @return a new context
   * @throws InvalidConfigurationException if the name is null
   */
  public EncryptionContext withTableName(String name) {
    return new EncryptionContext(
        name, partitionKeyName, sortKeyName, attributes, materialDescription, developerContext);
  }

  /**
   * This context with another developer context.
   *
   * @param value an opaque value for custom materials providers, or null
   * @return a new context
   */
  public EncryptionContext withDeveloperContext(Object value) {
    return new EncryptionContext(
        tableName, partitionKeyName, sortKeyName, attributes, materialDescription, value);
  }

  @Override
  public String toString() {
    // Attribute values may be plaintext: only their names are shown. The developer context is
    // opaque to ddbec and may hold anything: never shown.
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
    private Object developerContext;

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
     * Sets the developer context: an opaque value for custom materials providers (the official Java
     * client's {@code withDeveloperContext}); ddbec only carries it.
     *
     * @param value the value, or null
     * @return this builder
     */
    public Builder developerContext(Object value) {
      this.developerContext = value;
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
          tableName,
          partitionKeyName,
          sortKeyName,
          attributes,
          materialDescription,
          developerContext);
    }
  }
}
