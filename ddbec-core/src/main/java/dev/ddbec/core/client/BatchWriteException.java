package dev.ddbec.core.client;

import dev.ddbec.api.DdbecException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A batch writer could not write some of its requests: DynamoDB left them unprocessed after every
 * attempt, or a BatchWriteItem call failed (the cause). {@link #unwrittenRequests()} hands them
 * back, as the caller gave them (plaintext puts included): only to the caller, who may retry them,
 * store them or drop them. The message and {@code toString()} give counts and the table, never an
 * item, and the requests are not serialized with the exception.
 */
public class BatchWriteException extends DdbecException {
  private static final long serialVersionUID = 1L;

  private final String tableName;
  private final String reason;
  private final transient List<WriteRequest> unwritten;

  /**
   * Creates the exception.
   *
   * @param tableName the table written to
   * @param unwritten the requests not written (copied)
   * @param reason why, without any item content
   * @param cause the failure of a BatchWriteItem call, or null when DynamoDB left requests
   *     unprocessed
   */
  public BatchWriteException(
      String tableName, List<WriteRequest> unwritten, String reason, Throwable cause) {
    super(
        unwritten.size()
            + " write request(s) for table "
            + tableName
            + " were not written: "
            + reason
            + ". BatchWriteException.unwrittenRequests() holds them",
        cause);
    this.tableName = tableName;
    this.reason = reason;
    this.unwritten = List.copyOf(unwritten);
  }

  /** This failure, with more requests that were not written because of it. */
  BatchWriteException including(List<WriteRequest> more) {
    List<WriteRequest> all = new java.util.ArrayList<>(unwrittenRequests());
    all.addAll(more);
    return new BatchWriteException(tableName, all, reason, getCause());
  }

  /**
   * The table written to.
   *
   * @return the table name
   */
  public String tableName() {
    return tableName;
  }

  /**
   * The put and delete requests that were not written, in the order they were given: puts with
   * their plaintext items. Empty after deserialization.
   *
   * @return the requests, unmodifiable
   */
  public List<WriteRequest> unwrittenRequests() {
    return unwritten == null ? List.of() : unwritten;
  }
}
