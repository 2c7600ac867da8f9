package dev.ddbec.core;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.FormatNames;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The customisations of the item format that the official Java client's {@code DynamoDBEncryptor}
 * offers: other names for the two attributes and the description base, an operator over the
 * encryption context, and which table names a signature may be bound to. {@link
 * ItemEncryptor.Builder} and {@link dev.ddbec.core.client.TableConfig.Builder} both extend {@link
 * Builder}, so each of these settings is defined once.
 *
 * <p>A component is null when it is not set; {@link #DEFAULTS} holds what an unset component means
 * for an {@link ItemEncryptor}. Instances are immutable (the operator should be too).
 *
 * @param formatNames the names of the two attributes and the description base, or null
 * @param encryptionContextOperator the operator over every encryption context, or null
 * @param tableNameBinding which table names a signature may be bound to, or null
 */
public record FormatOptions(
    FormatNames formatNames,
    UnaryOperator<EncryptionContext> encryptionContextOperator,
    TableNameBinding tableNameBinding) {

  /** No option set. */
  public static final FormatOptions UNSET = new FormatOptions(null, null, null);

  /**
   * The defaults: {@link FormatNames#DEFAULTS}, the identity operator and {@link
   * TableNameBinding#REQUIRE_TABLE_NAME}.
   */
  public static final FormatOptions DEFAULTS =
      new FormatOptions(
          FormatNames.DEFAULTS, UnaryOperator.identity(), TableNameBinding.REQUIRE_TABLE_NAME);

  /**
   * These options with the ones {@code override} sets laid over them.
   *
   * @param override the options that win where they are set
   * @return the merged options
   */
  public FormatOptions overriddenBy(FormatOptions override) {
    return new FormatOptions(
        override.formatNames != null ? override.formatNames : formatNames,
        override.encryptionContextOperator != null
            ? override.encryptionContextOperator
            : encryptionContextOperator,
        override.tableNameBinding != null ? override.tableNameBinding : tableNameBinding);
  }

  /**
   * The format setters of {@link ItemEncryptor.Builder} and {@link
   * dev.ddbec.core.client.TableConfig.Builder}. Not thread-safe.
   *
   * @param <B> the builder's own type
   */
  public abstract static class Builder<B extends Builder<B>> {
    private FormatOptions options = UNSET;

    /** A builder with no format option set. */
    protected Builder() {}

    /**
     * Sets the names of the two attributes ddbec adds to items and the description base (the
     * official Java client's {@code DynamoDBEncryptor.setSignatureFieldName}, {@code
     * setMaterialDescriptionFieldName} and {@code getInstance(provider, descriptionBase)}). Unset:
     * {@link FormatNames#DEFAULTS}, the only names the official Python client reads (for a table
     * configuration, the client's names).
     *
     * @param names the names
     * @return this builder
     */
    public B formatNames(FormatNames names) {
      Objects.requireNonNull(names, "formatNames");
      return formatOptions(
          new FormatOptions(names, options.encryptionContextOperator, options.tableNameBinding));
    }

    /**
     * Sets an operator applied to every encryption context (with the item's attributes, and on
     * decryption its material description, already in it) before materials are requested and the
     * signature is computed or verified: the official Java client's {@code
     * DynamoDBEncryptor.setEncryptionContextOverrideOperator}. {@link EncryptionContextOperators}
     * has its common forms. It changes what is signed: readers need the same operator.
     *
     * @param operator the operator; it must not return null
     * @return this builder
     */
    public B encryptionContextOperator(UnaryOperator<EncryptionContext> operator) {
      Objects.requireNonNull(operator, "operator");
      return formatOptions(
          new FormatOptions(options.formatNames, operator, options.tableNameBinding));
    }

    /**
     * Sets which table names an item's signature may be bound to. Unset: {@link
     * TableNameBinding#REQUIRE_TABLE_NAME}. {@link TableNameBinding#ACCEPT_UNSET_TABLE_NAME} reads
     * items the official clients signed without a table name (an explicit weakening, see there).
     *
     * @param binding the binding
     * @return this builder
     */
    public B tableNameBinding(TableNameBinding binding) {
      Objects.requireNonNull(binding, "binding");
      return formatOptions(
          new FormatOptions(options.formatNames, options.encryptionContextOperator, binding));
    }

    /**
     * Sets all three options at once; a null component unsets that option.
     *
     * @param options the options
     * @return this builder
     */
    public B formatOptions(FormatOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return self();
    }

    /**
     * The format options set so far.
     *
     * @return the options; null components are unset
     */
    public FormatOptions formatOptions() {
      return options;
    }

    /**
     * This builder, as its own type.
     *
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
      return (B) this;
    }
  }
}
