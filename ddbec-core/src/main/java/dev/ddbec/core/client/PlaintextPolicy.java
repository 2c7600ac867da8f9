package dev.ddbec.core.client;

/**
 * What the helper clients do with items that carry no DynamoDB Encryption Client attributes
 * (neither {@code *amzn-ddb-map-sig*} nor {@code *amzn-ddb-map-desc*}): plaintext items written
 * before a table was protected. A three-stage migration switch; the default is the strictest stage,
 * {@link #REJECT}.
 *
 * <p>Migrating a table that holds plaintext items to encrypted items, with several application
 * instances reading and writing it:
 *
 * <ol>
 *   <li>Deploy every reader and writer with {@link #WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT}: nothing
 *       changes in the table yet, but every instance can now read encrypted items.
 *   <li>Once all instances run stage 1, switch them to {@link #ALLOW_READ_PLAINTEXT}: new and
 *       rewritten items are encrypted and signed; old plaintext items stay readable. Re-write the
 *       remaining plaintext items (read, then put) to encrypt them.
 *   <li>When no plaintext item is left, switch to {@link #REJECT}.
 * </ol>
 *
 * <p>In stages 1 and 2 an item from which both ddbec attributes were removed is returned as stored,
 * without verification: an attacker who can write to the table can replace a protected item by an
 * unprotected one. Stay in those stages only as long as the migration needs.
 *
 * <p>An item that carries only one of the two attributes is never plaintext: it is verified, and
 * fails. Tables whose attribute actions are all {@link dev.ddbec.api.CryptoAction#DO_NOTHING} are
 * not protected at all and are unaffected by this policy.
 */
public enum PlaintextPolicy {
  /**
   * The default, strictest stage: every item written is encrypted and signed; reading an item
   * without ddbec attributes throws {@link dev.ddbec.api.ItemIntegrityException}. An UpdateItem is
   * made conditional on the item existing with a signature, so it cannot create an item that could
   * not be read back.
   */
  REJECT,

  /**
   * Migration stage 2: every item written is encrypted and signed; items without ddbec attributes
   * are returned as stored (unverified). Items with ddbec attributes are verified as usual. An
   * UpdateItem is made conditional on the item existing (its partition key), so it may update a
   * plaintext item but cannot create one.
   */
  ALLOW_READ_PLAINTEXT,

  /**
   * Migration stage 1: items are written as given (neither encrypted nor signed); items without
   * ddbec attributes are returned as stored, and encrypted items written by instances already in a
   * later stage are verified and decrypted as usual.
   */
  WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT;

  /**
   * Tells whether items without ddbec attributes are returned as stored.
   *
   * @return false only for {@link #REJECT}
   */
  public boolean allowsPlaintextReads() {
    return this != REJECT;
  }

  /**
   * Tells whether items are written without encryption or signature.
   *
   * @return true only for {@link #WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT}
   */
  public boolean writesPlaintext() {
    return this == WRITE_PLAINTEXT_ALLOW_READ_PLAINTEXT;
  }
}
