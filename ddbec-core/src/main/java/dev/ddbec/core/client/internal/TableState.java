package dev.ddbec.core.client.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.TableKeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything a client needs to protect the items of one table, resolved from its configuration and
 * key schema. Immutable.
 */
public final class TableState {
  private final String tableName;
  private final TableKeySchema schema;
  private final ItemEncryptor encryptor;
  private final CryptoConfig cryptoConfig;
  private final PlaintextPolicy policy;

  TableState(
      String tableName,
      TableKeySchema schema,
      ItemEncryptor encryptor,
      CryptoConfig cryptoConfig,
      PlaintextPolicy policy) {
    this.tableName = tableName;
    this.schema = schema;
    this.encryptor = encryptor;
    this.cryptoConfig = cryptoConfig;
    this.policy = policy;
  }

  /** A table whose actions are all DO_NOTHING: requests pass through unchanged. */
  static TableState unprotected(String tableName, PlaintextPolicy policy) {
    return new TableState(tableName, null, null, null, policy);
  }

  /** The table name as used in requests. */
  public String tableName() {
    return tableName;
  }

  /** Whether items of this table are encrypted or signed at all. */
  public boolean isProtected() {
    return cryptoConfig != null;
  }

  /** The key schema (null for unprotected tables, which need none). */
  public TableKeySchema schema() {
    return schema;
  }

  /** The plaintext policy in force for this table. */
  public PlaintextPolicy policy() {
    return policy;
  }

  /** The effective actions, keys protected (null for unprotected tables). */
  public AttributeActions actions() {
    return cryptoConfig == null ? null : cryptoConfig.actions();
  }

  /** The action of one attribute; DO_NOTHING for every attribute of an unprotected table. */
  public CryptoAction actionFor(String attributeName) {
    return cryptoConfig == null
        ? CryptoAction.DO_NOTHING
        : cryptoConfig.actions().actionFor(attributeName);
  }

  /** The config handed to the item encryptor (null for unprotected tables). */
  public CryptoConfig cryptoConfig() {
    return cryptoConfig;
  }

  /**
   * The item as it is to be stored: encrypted and signed, or as given for an unprotected table or
   * under {@link PlaintextPolicy#WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT}.
   */
  public Map<String, AttributeValue> encrypt(Map<String, AttributeValue> item) {
    if (!isProtected() || policy.writesPlaintext()) {
      return item;
    }
    return encryptor.encryptItem(item, cryptoConfig);
  }

  /**
   * The plaintext of a stored item: verified and decrypted, or as stored for an unprotected table
   * and for items without ddbec attributes when the policy allows them.
   *
   * @throws ItemIntegrityException if verification fails, or the item has no ddbec attributes and
   *     the policy is {@link PlaintextPolicy#REJECT}; its {@link ItemIntegrityException#itemKey()}
   *     holds the item's primary key
   */
  public Map<String, AttributeValue> decrypt(Map<String, AttributeValue> item) {
    if (!isProtected()) {
      return item;
    }
    try {
      return verifyAndDecrypt(item);
    } catch (ItemIntegrityException e) {
      throw e.initItemKey(schema.keyOf(item));
    }
  }

  private Map<String, AttributeValue> verifyAndDecrypt(Map<String, AttributeValue> item) {
    if (!item.containsKey(ReservedAttributes.SIGNATURE)
        && !item.containsKey(ReservedAttributes.MATERIAL_DESCRIPTION)) {
      if (policy.allowsPlaintextReads()) {
        return item;
      }
      throw new ItemIntegrityException(
          "An item read from table "
              + tableName
              + " carries no DynamoDB Encryption Client attributes ("
              + ReservedAttributes.SIGNATURE
              + ", "
              + ReservedAttributes.MATERIAL_DESCRIPTION
              + "): it was written unencrypted, or they were removed. To read plaintext items"
              + " while migrating a table, set PlaintextPolicy.ALLOW_READ_PLAINTEXT (see"
              + " docs/clients.md)");
    }
    return encryptor.decryptItem(item, cryptoConfig);
  }

  /** {@link #decrypt} for every item of a page; the first failure fails the page. */
  public List<Map<String, AttributeValue>> decryptAll(List<Map<String, AttributeValue>> items) {
    if (!isProtected()) {
      return items;
    }
    List<Map<String, AttributeValue>> out = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      out.add(decrypt(item));
    }
    return out;
  }

  @Override
  public String toString() {
    return "TableState{"
        + tableName
        + (isProtected() ? ", actions=" + cryptoConfig.actions() : ", unprotected")
        + ", policy="
        + policy
        + '}';
  }
}
