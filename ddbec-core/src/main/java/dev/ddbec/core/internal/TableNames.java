package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;

/**
 * Table names as DynamoDB accepts them: a plain name, or a table ARN ({@code
 * arn:<partition>:dynamodb:<region>:<account>:table/<name>}), which DynamoDB accepts wherever it
 * accepts a name. Configuration is looked up, and signatures bind, by the plain name.
 */
public final class TableNames {
  private static final String ARN_PREFIX = "arn:";
  private static final String TABLE_RESOURCE = "table/";

  private TableNames() {}

  /**
   * The table name for a name or a table ARN. A plain name is returned unchanged (DynamoDB
   * validates it); a table name never contains {@code ':'}, so anything starting with {@code arn:}
   * must be a DynamoDB table ARN.
   *
   * @param nameOrArn a table name or table ARN
   * @return the table name
   * @throws InvalidConfigurationException if the value starts with {@code arn:} but is not the ARN
   *     of a DynamoDB table (e.g. an index or stream ARN, or another service's ARN)
   */
  public static String tableName(String nameOrArn) {
    if (nameOrArn == null || !nameOrArn.startsWith(ARN_PREFIX)) {
      return nameOrArn;
    }
    // arn:partition:service:region:account:resource
    String[] parts = nameOrArn.split(":", 6);
    if (parts.length == 6
        && !parts[1].isEmpty()
        && "dynamodb".equals(parts[2])
        && parts[5].startsWith(TABLE_RESOURCE)) {
      String name = parts[5].substring(TABLE_RESOURCE.length());
      if (isTableName(name)) {
        return name;
      }
    }
    throw new InvalidConfigurationException(
        "'"
            + nameOrArn
            + "' is not a DynamoDB table name or table ARN"
            + " (arn:<partition>:dynamodb:<region>:<account>:table/<name>)");
  }

  /** DynamoDB's table name rule: 3 to 255 of {@code a-z A-Z 0-9 _ - .}. */
  private static boolean isTableName(String name) {
    if (name.length() < 3 || name.length() > 255) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
