package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item encryptor on its own: encrypt and sign an item, then verify and decrypt it, without a
 * DynamoDB client. For pipelines that move items some other way (exports, imports, queues).
 */
public final class ItemEncryptorExample {
  private ItemEncryptorExample() {}

  /**
   * Encrypts a book and decrypts it again.
   *
   * @param keys the materials provider
   * @param book a book (partition key {@code isbn})
   * @return the decrypted book
   */
  public static Map<String, AttributeValue> roundTrip(
      MaterialsProvider keys, Map<String, AttributeValue> book) {
    Books books = new Books(keys);
    return books.decrypt(books.encrypt(book));
  }

  /** Items of table {@code Books} through one encryptor. */
  public static final class Books {
    private final ItemEncryptor encryptor;
    private final CryptoConfig config;

    /**
     * An encryptor and the table's configuration.
     *
     * @param keys the materials provider
     */
    public Books(MaterialsProvider keys) {
      // snippet:item-encryptor-config
      ItemEncryptor encryptor = ItemEncryptor.create(keys); // immutable, thread-safe: share it
      CryptoConfig config =
          CryptoConfig.of(
              EncryptionContext.builder().tableName("Books").partitionKeyName("isbn").build(),
              AttributeActions.builder()
                  .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
                  .action("genre", CryptoAction.SIGN_ONLY)
                  .action("views", CryptoAction.DO_NOTHING)
                  .build()
                  .withIndexKeys("isbn")); // key attributes: SIGN_ONLY, never encrypted
      // end-snippet
      this.encryptor = encryptor;
      this.config = config;
    }

    /**
     * Encrypts and signs.
     *
     * @param item the plaintext item
     * @return the item as it is stored
     */
    public Map<String, AttributeValue> encrypt(Map<String, AttributeValue> item) {
      // snippet:item-encryptor-encrypt
      Map<String, AttributeValue> stored = encryptor.encryptItem(item, config);
      // end-snippet
      return stored;
    }

    /**
     * Verifies and decrypts.
     *
     * @param stored the item as stored
     * @return the plaintext item
     */
    public Map<String, AttributeValue> decrypt(Map<String, AttributeValue> stored) {
      // snippet:item-encryptor-decrypt
      Map<String, AttributeValue> plain = encryptor.decryptItem(stored, config); // or throws
      // end-snippet
      return plain;
    }
  }
}
