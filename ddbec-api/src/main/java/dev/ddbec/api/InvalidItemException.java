package dev.ddbec.api;

/**
 * A plaintext item cannot be protected as given: it carries a reserved attribute, a value of an
 * unknown type, or a number outside DynamoDB's range. Nothing was written.
 */
public class InvalidItemException extends DdbecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public InvalidItemException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public InvalidItemException(String message, Throwable cause) {
    super(message, cause);
  }
}
