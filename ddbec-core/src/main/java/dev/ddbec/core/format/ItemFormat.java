package dev.ddbec.core.format;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.core.internal.AttributeDeserializer;
import dev.ddbec.core.internal.AttributeSerializer;
import dev.ddbec.core.internal.ItemSigner;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The byte-level pieces of the DynamoDB Encryption Client item format (docs/format.md), for tools
 * that check ddbec against other implementations: the attribute serialization that is encrypted and
 * signed (§1), the material description attribute (§2) and the string to sign (§4). The {@code
 * ddbec vectors} command runs the official clients' public vectors with them.
 *
 * <p>Applications do not need these: {@link dev.ddbec.core.ItemEncryptor} applies them. Stateless
 * and thread-safe.
 */
public final class ItemFormat {
  private ItemFormat() {}

  /**
   * Serializes an attribute value as the format encrypts and signs it, ordering sets and map keys
   * as the official Java client does ({@link SetOrdering#JAVA}).
   *
   * @param value the value
   * @return the serialized bytes
   * @throws InvalidItemException for a value the format cannot represent
   */
  public static byte[] serialize(AttributeValue value) {
    return AttributeSerializer.serialize(value);
  }

  /**
   * Serializes an attribute value with the given set and map-key ordering.
   *
   * @param value the value
   * @param ordering the ordering of set members and map keys
   * @return the serialized bytes
   * @throws InvalidItemException for a value the format cannot represent
   */
  public static byte[] serialize(AttributeValue value, SetOrdering ordering) {
    return AttributeSerializer.serialize(value, ordering);
  }

  /**
   * Parses serialized bytes that hold exactly one attribute value.
   *
   * @param data the serialized bytes
   * @return the value
   * @throws ItemIntegrityException if the bytes are not exactly one well-formed value
   */
  public static AttributeValue deserialize(byte[] data) {
    return AttributeDeserializer.deserialize(data);
  }

  /**
   * Encodes a material description attribute, entries sorted by key.
   *
   * @param description the entries
   * @return the attribute bytes
   */
  public static byte[] encodeMaterialDescription(Map<String, String> description) {
    return MaterialDescriptionCodec.encode(description);
  }

  /**
   * Decodes a material description attribute.
   *
   * @param data the attribute bytes
   * @return the entries, in stored order
   * @throws UnsupportedFormatException for a version other than 0
   * @throws ItemIntegrityException for truncated or malformed bytes
   */
  public static Map<String, String> decodeMaterialDescription(byte[] data) {
    return MaterialDescriptionCodec.decode(data);
  }

  /**
   * Builds the string to sign of a stored item: SHA-256 of the table prefix, then for each signed
   * attribute in name order the hashes of its name, its action and its serialized value.
   *
   * @param item the item as stored (after encryption); the reserved attributes are ignored
   * @param tableName the table name
   * @param actions the attribute actions
   * @param ordering the ordering of attribute names, set members and map keys
   * @return 32 + 96 × (signed attributes) bytes
   * @throws InvalidItemException for a value the format cannot represent
   */
  public static byte[] stringToSign(
      Map<String, AttributeValue> item,
      String tableName,
      AttributeActions actions,
      SetOrdering ordering) {
    return ItemSigner.stringToSign(item, tableName, actions, ordering);
  }
}
