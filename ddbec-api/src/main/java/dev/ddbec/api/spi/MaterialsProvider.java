package dev.ddbec.api.spi;

import dev.ddbec.api.EncryptionContext;

/**
 * Supplies the keys that protect items.
 *
 * <p>Implementations must be thread-safe, must not mutate the context, and must never return {@code
 * null}: when materials cannot be supplied they throw a {@link dev.ddbec.api.DdbecException}
 * ({@link dev.ddbec.api.MaterialsUnavailableException} for key service failures, {@link
 * dev.ddbec.api.ItemIntegrityException} when the item's description cannot be used).
 */
public interface MaterialsProvider {

  /**
   * Materials for protecting one item.
   *
   * @param context the table, key names and plaintext item
   * @return keys and the description to store with the item; never null
   */
  EncryptionMaterials encryptionMaterials(EncryptionContext context);

  /**
   * Materials for verifying and decrypting one stored item.
   *
   * @param context the table, key names, stored item and its material description
   * @return keys; never null
   */
  DecryptionMaterials decryptionMaterials(EncryptionContext context);

  /**
   * Drops any cached materials so that the next call fetches fresh ones. The default does nothing.
   */
  default void refresh() {}
}
