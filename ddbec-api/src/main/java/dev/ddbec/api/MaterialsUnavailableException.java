package dev.ddbec.api;

/**
 * A materials provider could not supply encryption materials or unwrap a content key (key service
 * unreachable, access denied, key disabled). The cause is attached; retrying may help for transient
 * causes.
 */
public class MaterialsUnavailableException extends DdbecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public MaterialsUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public MaterialsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
