package dev.ddbec.bulk;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.internal.Budget;
import dev.ddbec.bulk.internal.ItemHandler;
import dev.ddbec.bulk.internal.Protection;

/**
 * Reads every item of a table with a parallel scan (one worker per segment) and classifies it under
 * one configuration: {@link ItemClass#OK}, {@link ItemClass#TAMPERED}, {@link ItemClass#PLAINTEXT},
 * {@link ItemClass#UNREADABLE} or {@link ItemClass#MALFORMED}. The result holds the counts and the
 * keys of the items that are not OK, never any other value.
 *
 * <pre>{@code
 * BulkResult result = TableVerifier.builder()
 *     .dynamoDbClient(ddb)
 *     .tableName("Books")
 *     .protection(ItemProtection.of(provider, actions))
 *     .options(BulkOptions.builder().totalSegments(8).build())
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>The key schema comes from {@code DescribeTable} when the verifier is built. Immutable and
 * thread-safe; {@link #run()} may be called more than once.
 */
public final class TableVerifier extends TableJob {
  static final String OPERATION = "verify";

  private final Protection protection;

  private TableVerifier(Builder b) {
    super(b, OPERATION);
    if (b.protection == null || b.protection.isPlaintext()) {
      throw new InvalidConfigurationException(
          "TableVerifier needs the protection (materials provider and actions) to verify with");
    }
    this.protection = Protection.resolve(b.protection, table.tableName(), table.schema());
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  ItemHandler handler(Budget budget) {
    return (item, counters, findings) -> {
      ItemClass c = protection.read(item).itemClass();
      counters.found(c);
      if (c != ItemClass.OK) {
        findings.accept(new Finding(table.keyOf(item), c));
      }
    };
  }

  /** Builder of {@link TableVerifier}. */
  public static final class Builder extends TableJob.Builder<Builder> {
    private ItemProtection protection;

    private Builder() {}

    /**
     * The configuration to verify with.
     *
     * @param protection a provider and actions
     * @return this builder
     */
    public Builder protection(ItemProtection protection) {
      this.protection = protection;
      return this;
    }

    /**
     * Builds the verifier (calls {@code DescribeTable}).
     *
     * @return the verifier
     * @throws InvalidConfigurationException if the table does not exist or the configuration does
     *     not fit it
     */
    public TableVerifier build() {
      return new TableVerifier(this);
    }
  }
}
