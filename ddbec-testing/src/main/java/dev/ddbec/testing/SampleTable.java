package dev.ddbec.testing;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The smallest protected table that tests keep writing out: partition key {@value #PARTITION_KEY}
 * (signed only, as an index key must be), every other attribute encrypted and signed, and items
 * with one secret attribute {@value #SECRET}.
 */
public final class SampleTable {
  /** The partition key attribute name. */
  public static final String PARTITION_KEY = "pk";

  /** The name of the one encrypted attribute of {@link #item(String, String)}. */
  public static final String SECRET = "secret";

  private SampleTable() {}

  /**
   * The encryption context of the table.
   *
   * @param tableName the table name
   * @return a context naming the table and {@value #PARTITION_KEY} as its partition key
   */
  public static EncryptionContext context(String tableName) {
    return EncryptionContext.builder().tableName(tableName).partitionKeyName(PARTITION_KEY).build();
  }

  /**
   * The table's attribute actions.
   *
   * @return {@link CryptoAction#ENCRYPT_AND_SIGN} for every attribute but the partition key
   */
  public static AttributeActions actions() {
    return AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys(PARTITION_KEY);
  }

  /**
   * An item of the table.
   *
   * @param key the partition key value
   * @param secret the value of the encrypted attribute {@value #SECRET}
   * @return the item (immutable)
   */
  public static Map<String, AttributeValue> item(String key, String secret) {
    return Map.of(PARTITION_KEY, AttributeValue.fromS(key), SECRET, AttributeValue.fromS(secret));
  }

  /**
   * Item {@code i} of a numbered set of items, as the bulk-job tests write them: key {@code
   * item-00042}, a {@code title}, a numeric {@code year} and {@value #SECRET} {@code "secret <i>"}.
   *
   * @param i the item number
   * @return the item (a new mutable map)
   */
  public static Map<String, AttributeValue> numberedItem(int i) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, AttributeValue.fromS(String.format("item-%05d", i)));
    item.put("title", AttributeValue.fromS("title " + i));
    item.put("year", AttributeValue.fromN(Integer.toString(1900 + i % 120)));
    item.put(SECRET, AttributeValue.fromS("secret " + i));
    return item;
  }
}
