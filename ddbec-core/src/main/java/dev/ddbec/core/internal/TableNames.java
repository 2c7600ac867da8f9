package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;

/**
 * Table names as requests carry them. DynamoDB accepts a table ARN ({@code
 * arn:<partition>:dynamodb:<region>:<account>:table/<name>}) wherever it accepts a table name, but
 * a table's configuration, its key schema cache and the table name bound into signatures are about
 * the name: every place where a table name enters ddbec from a request resolves it here first.
 * Stateless.
 */
public final class TableNames {
  private static final String ARN_PREFIX = "arn:";
  private static final String RESOURCE_PREFIX = "table/";

  private TableNames() {}

  /**
   * The table name a request's {@code TableName} (or request-items key) stands for.
   *
   * @param nameOrArn a table name, or a table ARN
   * @return the name itself, or the name in the ARN
   * @throws InvalidConfigurationException if {@code nameOrArn} starts with {@code arn:} but is not
   *     a DynamoDB table ARN (for instance an index or stream ARN, or another service's)
   */
  public static String fromNameOrArn(String nameOrArn) {
    if (nameOrArn == null || !nameOrArn.startsWith(ARN_PREFIX)) {
      return nameOrArn;
    }
    // arn : partition : service : region : account : resource
    String[] parts = nameOrArn.split(":", 6);
    if (parts.length != 6
        || parts[1].isEmpty()
        || !parts[2].equals("dynamodb")
        || parts[3].isEmpty()
        || parts[4].isEmpty()
        || !parts[5].startsWith(RESOURCE_PREFIX)) {
      throw malformed(nameOrArn);
    }
    String name = parts[5].substring(RESOURCE_PREFIX.length());
    if (!isTableName(name)) {
      throw malformed(nameOrArn);
    }
    return name;
  }

  /** DynamoDB's rule: 3 to 255 characters of {@code [a-zA-Z0-9_.-]}. */
  private static boolean isTableName(String s) {
    if (s.length() < 3 || s.length() > 255) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static InvalidConfigurationException malformed(String arn) {
    String shown = arn.length() <= 300 ? arn : arn.substring(0, 300) + "...";
    return new InvalidConfigurationException(
        "'"
            + shown
            + "' is given as a table name but is not a DynamoDB table ARN"
            + " (arn:<partition>:dynamodb:<region>:<account>:table/<name>, nothing after the name);"
            + " give the table name or the table's ARN");
  }
}
