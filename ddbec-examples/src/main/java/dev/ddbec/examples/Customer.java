package dev.ddbec.examples;

import dev.ddbec.enhanced.DdbecDoNothing;
import dev.ddbec.enhanced.DdbecSignOnly;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

// snippet:enhanced-record
/**
 * A customer, mapped by the Enhanced Client as an immutable record. Attributes without a ddbec
 * annotation are encrypted and signed; the partition key and the version are signed, not encrypted.
 *
 * @param customerId the partition key
 * @param name encrypted and signed
 * @param email encrypted and signed
 * @param tier signed only: readable, so it can be used in queries and filters
 * @param lastLogin neither encrypted nor signed
 * @param version the optimistic-locking version (VersionedRecordExtension)
 */
@DynamoDbImmutable(builder = Customer.Builder.class)
public record Customer(
    @DynamoDbPartitionKey String customerId,
    String name,
    String email,
    @DdbecSignOnly String tier,
    @DdbecDoNothing String lastLogin,
    @DynamoDbVersionAttribute Long version) {
  // ... builder() and a Builder class: the Enhanced Client's immutable schema needs them
  // end-snippet

  /**
   * A builder, for the Enhanced Client's immutable schema.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Customer}s. */
  public static final class Builder {
    private String customerId;
    private String name;
    private String email;
    private String tier;
    private String lastLogin;
    private Long version;

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets the id.
     *
     * @param customerId the id
     * @return this builder
     */
    public Builder customerId(String customerId) {
      this.customerId = customerId;
      return this;
    }

    /**
     * Sets the name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the email.
     *
     * @param email the email
     * @return this builder
     */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /**
     * Sets the tier.
     *
     * @param tier the tier
     * @return this builder
     */
    public Builder tier(String tier) {
      this.tier = tier;
      return this;
    }

    /**
     * Sets the last login.
     *
     * @param lastLogin the last login
     * @return this builder
     */
    public Builder lastLogin(String lastLogin) {
      this.lastLogin = lastLogin;
      return this;
    }

    /**
     * Sets the version.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(Long version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the customer.
     *
     * @return the customer
     */
    public Customer build() {
      return new Customer(customerId, name, email, tier, lastLogin, version);
    }
  }
}
