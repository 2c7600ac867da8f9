package dev.ddbec.api;

/**
 * A stored item uses a description version, algorithm or mode that ddbec does not read. It is an
 * {@link ItemIntegrityException} because an item that cannot be interpreted cannot be verified
 * either; catch this subclass to tell the two apart.
 */
public class UnsupportedFormatException extends ItemIntegrityException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public UnsupportedFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public UnsupportedFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
