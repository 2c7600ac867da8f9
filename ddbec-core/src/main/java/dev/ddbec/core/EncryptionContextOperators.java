package dev.ddbec.core;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Common operators over the encryption context, for {@link
 * ItemEncryptor.Builder#encryptionContextOperator(UnaryOperator)} and {@code
 * TableConfig.Builder#encryptionContextOperator}: the official Java client's {@code
 * EncryptionContextOperators}. Any {@code UnaryOperator<EncryptionContext>} will do; these are the
 * official client's two, with the same results.
 *
 * <p>Stateless; the operators are immutable and thread-safe.
 */
public final class EncryptionContextOperators {
  private EncryptionContextOperators() {}

  /**
   * Replaces one table name in the context, leaving others as they are: the official Java client's
   * {@code EncryptionContextOperators.overrideEncryptionContextTableName(originalTableName,
   * newTableName)}: items of {@code originalTableName} are signed and verified as if they were in
   * {@code newTableName}, e.g. to read items copied from that table.
   *
   * @param originalTableName the table name to replace
   * @param newTableName the table name to sign and verify with instead
   * @return the operator
   * @throws InvalidConfigurationException if a name is null or empty
   */
  public static UnaryOperator<EncryptionContext> overrideTableName(
      String originalTableName, String newTableName) {
    requireName(originalTableName, "original");
    requireName(newTableName, "new");
    return context ->
        originalTableName.equals(context.tableName())
            ? context.withTableName(newTableName)
            : context;
  }

  /**
   * Replaces table names by a map, leaving names not in it as they are: the official Java client's
   * {@code EncryptionContextOperators.overrideEncryptionContextTableNameUsingMap(map)}.
   *
   * @param newTableNames the name to use instead, by table name (copied)
   * @return the operator
   * @throws InvalidConfigurationException if a name is null or empty
   */
  public static UnaryOperator<EncryptionContext> overrideTableNames(
      Map<String, String> newTableNames) {
    Objects.requireNonNull(newTableNames, "newTableNames");
    newTableNames.forEach(
        (from, to) -> {
          requireName(from, "original");
          requireName(to, "new");
        });
    Map<String, String> names = Map.copyOf(newTableNames);
    return context -> {
      String replacement = names.get(context.tableName());
      return replacement == null ? context : context.withTableName(replacement);
    };
  }

  private static void requireName(String name, String which) {
    if (name == null || name.isEmpty()) {
      throw new InvalidConfigurationException("The " + which + " table name must not be empty");
    }
  }
}
