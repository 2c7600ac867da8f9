package dev.ddbec.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Which table names an item's signature may be bound to when it is verified. Every signature covers
 * {@code TABLE>name<TABLE}; ddbec always writes the encryption context's table name there. The
 * official clients sign a literal placeholder when their encryption context has no table name: the
 * official Java client's {@code DynamoDBEncryptor} signs {@code TABLE>null<TABLE} (an {@code
 * EncryptionContext} built without {@code withTableName}), the official Python client {@code
 * TABLE>None<TABLE}. Such items are bound to no table.
 *
 * <p>Reading them is a weakening, and an explicit opt-in: an item signed without a table name
 * verifies in every table, so whoever can write to the table can copy in such an item taken from
 * any other table protected by the same keys.
 */
public enum TableNameBinding {
  /** Default: the signature must cover the encryption context's table name. */
  REQUIRE_TABLE_NAME,

  /**
   * Also accept items the official clients signed without a table name ({@code null} from Java,
   * {@code None} from Python), when the signature does not verify with the context's table name.
   * Writes still bind the context's table name. For reading legacy items; turn it off once they are
   * rewritten.
   */
  ACCEPT_UNSET_TABLE_NAME;

  /** The table names the official Java and Python clients sign when none was set. */
  private static final List<String> UNSET_TABLE_NAMES = List.of("null", "None");

  /** The table names a signature may be bound to, in the order to try them. */
  List<String> signedTableNames(String contextTableName) {
    if (this == REQUIRE_TABLE_NAME) {
      return List.of(contextTableName);
    }
    List<String> out = new ArrayList<>(UNSET_TABLE_NAMES.size() + 1);
    out.add(contextTableName);
    out.addAll(UNSET_TABLE_NAMES);
    return out;
  }
}
