package dev.ddbec.api;

/**
 * Root of every exception ddbec throws. Unchecked.
 *
 * <p>The family is small and named after what went wrong for the caller:
 *
 * <ul>
 *   <li>{@link InvalidConfigurationException}: a builder or configuration value is wrong; a
 *       programmer error, never worth retrying;
 *   <li>{@link InvalidItemException}: a plaintext item cannot be protected as given (reserved
 *       attribute present, value out of DynamoDB's range);
 *   <li>{@link ItemIntegrityException}: a stored item failed verification: signature missing or
 *       wrong, description malformed, item tampered; its subclass {@link
 *       UnsupportedFormatException} marks items that use a version, algorithm or mode ddbec does
 *       not read;
 *   <li>{@link MaterialsUnavailableException}: a materials provider could not supply or unwrap keys
 *       (the cause is attached);
 *   <li>{@link ProviderResolutionException}: no materials provider, or more than one, matches a
 *       configuration.
 * </ul>
 *
 * <p>Messages name the table, attribute or option involved and never contain plaintext, key bytes
 * or whole ciphertexts.
 */
public class DdbecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed and what to do
   */
  public DdbecException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed and what to do
   * @param cause the underlying exception
   */
  public DdbecException(String message, Throwable cause) {
    super(message, cause);
  }
}
