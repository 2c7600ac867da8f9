package dev.ddbec.api;

/**
 * A stored item failed verification: its signature is missing or wrong, its material description is
 * malformed, or it was tampered with. No part of the item is returned.
 */
public class ItemIntegrityException extends DdbecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public ItemIntegrityException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public ItemIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
