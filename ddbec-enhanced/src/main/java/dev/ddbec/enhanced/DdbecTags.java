package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableTag;

/**
 * Attribute and table tags that set crypto actions in Enhanced Client table schemas, for {@link
 * DynamoDbEncryptionExtension}.
 *
 * <pre>{@code
 * StaticTableSchema<Book> schema = StaticTableSchema.builder(Book.class)
 *     .newItemSupplier(Book::new)
 *     .tags(DdbecTags.defaultAction(CryptoAction.ENCRYPT_AND_SIGN))
 *     .addAttribute(String.class, a -> a.name("isbn").getter(Book::isbn).setter(Book::isbn)
 *         .tags(StaticAttributeTags.primaryPartitionKey()))
 *     .addAttribute(String.class, a -> a.name("genre").getter(Book::genre).setter(Book::genre)
 *         .tags(DdbecTags.signOnly()))
 *     .build();
 * }</pre>
 *
 * <p>Bean and immutable classes use the annotations {@link DdbecSignOnly}, {@link DdbecDoNothing},
 * {@link DdbecEncryptAndSign}, {@link DdbecDefaultAction} and {@link DdbecHandleUnknownAttributes}
 * instead.
 */
public final class DdbecTags {
  /** Custom table metadata key: attribute name to {@link CryptoAction}. */
  static final String ACTIONS_METADATA_KEY = "dev.ddbec:AttributeActions";

  /** Custom table metadata key: unmodelled attributes take the default action (Boolean). */
  static final String HANDLE_UNKNOWN_METADATA_KEY = "dev.ddbec:HandleUnknownAttributes";

  /** Custom table metadata key: the default {@link CryptoAction} of the table's attributes. */
  static final String DEFAULT_ACTION_METADATA_KEY = "dev.ddbec:DefaultAction";

  private DdbecTags() {}

  /**
   * Tags an attribute {@link CryptoAction#SIGN_ONLY}: signed, stored in plaintext.
   *
   * @return the tag
   */
  public static StaticAttributeTag signOnly() {
    return action(CryptoAction.SIGN_ONLY);
  }

  /**
   * Tags an attribute {@link CryptoAction#DO_NOTHING}: neither encrypted nor signed.
   *
   * @return the tag
   */
  public static StaticAttributeTag doNothing() {
    return action(CryptoAction.DO_NOTHING);
  }

  /**
   * Tags an attribute {@link CryptoAction#ENCRYPT_AND_SIGN}, e.g. in a table whose default is
   * another action.
   *
   * @return the tag
   */
  public static StaticAttributeTag encryptAndSign() {
    return action(CryptoAction.ENCRYPT_AND_SIGN);
  }

  /**
   * Tags a table schema with the action of its attributes that have no action tag.
   *
   * @param action the default action
   * @return the tag
   */
  public static StaticTableTag defaultAction(CryptoAction action) {
    Objects.requireNonNull(action, "action");
    return () -> metadata -> metadata.addCustomMetadataObject(DEFAULT_ACTION_METADATA_KEY, action);
  }

  /**
   * Tags a table schema so that attributes of stored items that it does not model are verified and
   * decrypted under the table's default action (see {@link DdbecHandleUnknownAttributes}, the
   * official Java client's {@code @HandleUnknownAttributes}).
   *
   * @return the tag
   */
  public static StaticTableTag handleUnknownAttributes() {
    return () -> metadata -> metadata.addCustomMetadataObject(HANDLE_UNKNOWN_METADATA_KEY, true);
  }

  /**
   * The tag for {@link DdbecEncryptAndSign} (called by the bean and immutable table schemas).
   *
   * @param annotation the annotation
   * @return the tag
   */
  public static StaticAttributeTag attributeTagFor(DdbecEncryptAndSign annotation) {
    return encryptAndSign();
  }

  /**
   * The tag for {@link DdbecSignOnly} (called by the bean and immutable table schemas).
   *
   * @param annotation the annotation
   * @return the tag
   */
  public static StaticAttributeTag attributeTagFor(DdbecSignOnly annotation) {
    return signOnly();
  }

  /**
   * The tag for {@link DdbecDoNothing} (called by the bean and immutable table schemas).
   *
   * @param annotation the annotation
   * @return the tag
   */
  public static StaticAttributeTag attributeTagFor(DdbecDoNothing annotation) {
    return doNothing();
  }

  private static StaticAttributeTag action(CryptoAction action) {
    return (attributeName, type) ->
        metadata ->
            metadata.addCustomMetadataObject(
                ACTIONS_METADATA_KEY, Map.<Object, Object>of(attributeName, action));
  }
}
