package dev.ddbec.api;

/**
 * No materials provider, or more than one, matches a configuration. The message lists the providers
 * that are installed.
 */
public class ProviderResolutionException extends DdbecException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do; never plaintext or key material
   */
  public ProviderResolutionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and what to do; never plaintext or key material
   * @param cause the underlying exception
   */
  public ProviderResolutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
