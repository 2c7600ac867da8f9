package dev.ddbec.bulk;

/** What a bulk run found an item to be. */
public enum ItemClass {
  /** Verifies (and decrypts) under the configuration. */
  OK,
  /** Its signature does not verify, an encrypted attribute does not decrypt, or it was stripped. */
  TAMPERED,
  /** It has neither a signature nor a material description attribute. */
  PLAINTEXT,
  /** The materials provider could not supply its keys (key missing, disabled, access denied). */
  UNREADABLE,
  /** Its signature or material description is malformed, or uses an unsupported format. */
  MALFORMED,
  /**
   * Rewriting only: it changed concurrently on every attempt, and was left as the concurrent writer
   * wrote it.
   */
  CONFLICT
}
