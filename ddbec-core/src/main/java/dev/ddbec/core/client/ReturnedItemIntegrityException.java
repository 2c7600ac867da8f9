package dev.ddbec.core.client;

import dev.ddbec.api.ItemIntegrityException;
import java.util.Optional;

/**
 * An item DynamoDB returned with a write failed verification, and {@link #writeApplied()} tells
 * whether the write itself happened. Thrown by the helper clients for:
 *
 * <ul>
 *   <li>the old item of PutItem and DeleteItem ({@code ReturnValues=ALL_OLD}) and the old or new
 *       item of UpdateItem ({@code ALL_OLD}, {@code ALL_NEW}): the write <b>was applied</b>; only
 *       the item handed back is withheld;
 *   <li>the item carried by a {@code ConditionalCheckFailedException} or a {@code
 *       TransactionCanceledException} reason ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}):
 *       the write was <b>not</b> applied; the DynamoDB exception is attached as a suppressed
 *       exception.
 * </ul>
 *
 * <p>The verification failure itself (for instance an item tampered with in the table, or a
 * plaintext item under {@link PlaintextPolicy#REJECT}) is the {@link #getCause() cause}. Do not
 * retry an applied write because of this exception: it succeeded; investigate the stored item (its
 * key is in {@link #itemKey()}) instead.
 */
public class ReturnedItemIntegrityException extends ItemIntegrityException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String tableName;
  private final boolean writeApplied;

  /**
   * Creates the exception.
   *
   * @param operation the DynamoDB operation, e.g. {@code PutItem}
   * @param tableName the table the write was for
   * @param writeApplied whether DynamoDB applied the write
   * @param cause the verification failure of the returned item; its item key, if any, is kept
   */
  public ReturnedItemIntegrityException(
      String operation, String tableName, boolean writeApplied, ItemIntegrityException cause) {
    super(message(operation, tableName, writeApplied, cause), cause);
    this.operation = operation;
    this.tableName = tableName;
    this.writeApplied = writeApplied;
    cause.itemKey().ifPresent(this::initItemKey);
  }

  private static String message(
      String operation, String tableName, boolean writeApplied, ItemIntegrityException cause) {
    return (writeApplied
            ? operation
                + " on table "
                + tableName
                + " WAS APPLIED, but the item DynamoDB returned with it failed verification and is"
                + " withheld; do not retry the write. "
            : operation
                + " on table "
                + tableName
                + " was not applied (its condition failed), and the item DynamoDB returned with the"
                + " failure failed verification and is withheld. ")
        + cause.getMessage();
  }

  /**
   * The DynamoDB operation, e.g. {@code PutItem}.
   *
   * @return the operation name
   */
  public String operation() {
    return operation;
  }

  /**
   * The table the write was for.
   *
   * @return the table name
   */
  public Optional<String> tableName() {
    return Optional.ofNullable(tableName);
  }

  /**
   * Tells whether DynamoDB applied the write: true for an item returned with {@code ReturnValues}
   * (the write succeeded), false for an item carried by a failed condition.
   *
   * @return whether the write happened
   */
  public boolean writeApplied() {
    return writeApplied;
  }
}
