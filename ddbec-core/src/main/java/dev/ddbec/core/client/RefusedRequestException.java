package dev.ddbec.core.client;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.Optional;

/**
 * A helper client refused a request because it could not be carried out with the table's items
 * protected: a projection or partial update of signed attributes, a PartiQL statement on a
 * protected table, or an operation the client does not support. Nothing was sent to DynamoDB.
 *
 * <p>Like every {@link InvalidConfigurationException} this is a programmer error: change the
 * request as the message says, never retry it unchanged.
 */
public class RefusedRequestException extends InvalidConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String tableName;

  /**
   * Creates the exception.
   *
   * @param operation the DynamoDB operation, e.g. {@code UpdateItem}
   * @param tableName the table concerned, or null when not known
   * @param message why the request was refused and what to do instead
   */
  public RefusedRequestException(String operation, String tableName, String message) {
    super(message);
    this.operation = operation;
    this.tableName = tableName;
  }

  /**
   * The refused DynamoDB operation, e.g. {@code UpdateItem}.
   *
   * @return the operation name
   */
  public String operation() {
    return operation;
  }

  /**
   * The table the refused request was for, when it is known.
   *
   * @return the table name
   */
  public Optional<String> tableName() {
    return Optional.ofNullable(tableName);
  }
}
