package dev.ddbec.core.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the table a DynamoDB PartiQL statement works on: {@code SELECT … FROM t}, {@code INSERT
 * INTO t}, {@code UPDATE t}, {@code DELETE FROM t} and {@code EXISTS(SELECT … FROM t)}; {@code
 * "t"."index"} names the table {@code t}. String literals, quoted identifiers, Ion literals in
 * backticks and comments are skipped, so their content is never mistaken for a keyword.
 */
public final class PartiqlStatements {
  private PartiqlStatements() {}

  private record Token(String text, boolean quoted) {
    boolean is(String keyword) {
      return !quoted && text.equalsIgnoreCase(keyword);
    }
  }

  /**
   * The table a statement reads or writes.
   *
   * @param statement a PartiQL statement
   * @return the table name, or empty if the statement does not have one of the shapes above
   */
  public static Optional<String> tableName(String statement) {
    if (statement == null) {
      return Optional.empty();
    }
    List<Token> tokens = tokenize(statement);
    if (tokens == null || tokens.isEmpty()) {
      return Optional.empty();
    }
    String verb = tokens.get(0).quoted() ? "" : tokens.get(0).text().toUpperCase(Locale.ROOT);
    int tableAt;
    switch (verb) {
      case "SELECT", "EXISTS" -> tableAt = after(tokens, "FROM", 1);
      case "DELETE" -> tableAt = tokens.size() > 1 && tokens.get(1).is("FROM") ? 2 : -1;
      case "INSERT" -> tableAt = tokens.size() > 1 && tokens.get(1).is("INTO") ? 2 : -1;
      case "UPDATE" -> tableAt = 1;
      default -> tableAt = -1;
    }
    if (tableAt < 0 || tableAt >= tokens.size()) {
      return Optional.empty();
    }
    Token table = tokens.get(tableAt);
    if (!table.quoted() && !isIdentifier(table.text())) {
      return Optional.empty();
    }
    return Optional.of(table.text());
  }

  private static int after(List<Token> tokens, String keyword, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(keyword)) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
        return false;
      }
    }
    return true;
  }

  /** Identifiers, quoted identifiers and single characters; null if a literal is unterminated. */
  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int end = s.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          return null;
        }
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            return null;
          }
          char d = s.charAt(j);
          if (d == c) {
            if (j + 1 < n && s.charAt(j + 1) == c) {
              text.append(c);
              j += 2;
              continue;
            }
            break;
          }
          text.append(d);
          j++;
        }
        if (c == '"') {
          out.add(new Token(text.toString(), true));
        } else {
          out.add(new Token("'", false));
        }
        i = j + 1;
      } else if (c == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0) {
          return null;
        }
        out.add(new Token("`", false));
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < n
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(s.substring(i, j), false));
        i = j;
      } else {
        out.add(new Token(String.valueOf(c), false));
        i++;
      }
    }
    return out;
  }
}
