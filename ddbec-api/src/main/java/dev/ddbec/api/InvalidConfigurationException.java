package dev.ddbec.api;

/**
 * A builder or configuration value is wrong. This is a programmer error: fix the configuration,
 * never retry.
 */
public class InvalidConfigurationException extends DdbecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public InvalidConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
