package dev.ddbec.core.client.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.observe.DdbecObserver.Direction;
import dev.ddbec.api.observe.DdbecObserver.VerificationFailure;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.TableKeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything a client needs to protect the items of one table, resolved from its configuration and
 * key schema. Immutable.
 */
public final class TableState {
  private static final Logger LOG = LoggerFactory.getLogger(TableState.class);

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

  /** The names of the attributes ddbec adds to this table's items. */
  public FormatNames formatNames() {
    return encryptor == null ? FormatNames.DEFAULTS : encryptor.formatNames();
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
    if (!isProtected()) {
      return item;
    }
    if (policy.writesPlaintext()) {
      encryptor.observer().plaintextItem(tableName, Direction.WRITE);
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
      // DEBUG: whoever can write to the table can make every read fail; the metric
      // ddbec.verification.failures is the signal to alert on (docs/observability.md).
      LOG.debug("An item of table {} failed verification: {}", tableName, e.getMessage());
      throw e.initItemKey(schema.keyOf(item));
    }
  }

  private Map<String, AttributeValue> verifyAndDecrypt(Map<String, AttributeValue> item) {
    FormatNames names = encryptor.formatNames();
    if (!item.containsKey(names.signatureAttribute())
        && !item.containsKey(names.materialDescriptionAttribute())) {
      if (policy.allowsPlaintextReads()) {
        encryptor.observer().plaintextItem(tableName, Direction.READ);
        return item;
      }
      encryptor.observer().verificationFailed(tableName, VerificationFailure.MISSING_SIGNATURE);
      throw new ItemIntegrityException(
          "An item read from table "
              + tableName
              + " carries no DynamoDB Encryption Client attributes ("
              + names.signatureAttribute()
              + ", "
              + names.materialDescriptionAttribute()
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
