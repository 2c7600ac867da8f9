package dev.ddbec.core.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads which top-level attributes a DynamoDB update expression modifies: the paths on the left of
 * {@code =} in SET actions and the paths of REMOVE, ADD and DELETE actions, with {@code #name}
 * placeholders resolved. Attributes only read (right-hand sides, function arguments) are not
 * reported.
 *
 * <p>The grammar is DynamoDB's:
 *
 * <pre>
 * expression := clause+
 * clause     := SET set (',' set)* | REMOVE path (',' path)*
 *             | ADD path :value (',' path :value)* | DELETE path :value (',' path :value)*
 * set        := path '=' operand (('+' | '-') operand)?
 * operand    := path | :value | function '(' operand (',' operand)* ')'
 * path       := element ('.' element | '[' digits ']')*,  element := name | #placeholder
 * </pre>
 *
 * Anything else is rejected: a client must not let through an update it cannot analyse.
 */
public final class UpdateExpressions {

  /** The expression cannot be analysed; the message says where. */
  public static final class MalformedExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedExpressionException(String message) {
      super(message);
    }
  }

  private enum Kind {
    NAME,
    NAME_PLACEHOLDER,
    VALUE_PLACEHOLDER,
    NUMBER,
    PUNCT,
    END
  }

  private record Token(Kind kind, String text, int offset) {}

  private final List<Token> tokens;
  private final Map<String, String> names;
  private final Set<String> modified = new LinkedHashSet<>();
  private int pos;

  private UpdateExpressions(List<Token> tokens, Map<String, String> names) {
    this.tokens = tokens;
    this.names = names;
  }

  /**
   * The top-level attribute names an update expression modifies.
   *
   * @param expression the update expression
   * @param expressionAttributeNames the request's {@code #placeholder} to name map (may be empty)
   * @return the names, in order of appearance
   * @throws MalformedExpressionException if the expression does not follow the grammar or uses an
   *     undefined placeholder
   */
  public static Set<String> modifiedAttributes(
      String expression, Map<String, String> expressionAttributeNames)
      throws MalformedExpressionException {
    UpdateExpressions parser =
        new UpdateExpressions(
            tokenize(expression),
            expressionAttributeNames == null ? Map.of() : expressionAttributeNames);
    parser.expression();
    return parser.modified;
  }

  private void expression() throws MalformedExpressionException {
    if (peek().kind() == Kind.END) {
      throw error("the update expression is empty");
    }
    while (peek().kind() != Kind.END) {
      Token keyword = next();
      String clause =
          keyword.kind() == Kind.NAME ? keyword.text().toUpperCase(Locale.ROOT) : keyword.text();
      switch (clause) {
        case "SET" -> list(this::setAction);
        case "REMOVE" -> list(() -> modified.add(path()));
        case "ADD", "DELETE" ->
            list(
                () -> {
                  modified.add(path());
                  expect(Kind.VALUE_PLACEHOLDER, "a :value placeholder");
                });
        default ->
            throw error(
                "expected SET, REMOVE, ADD or DELETE at offset "
                    + keyword.offset()
                    + " but found '"
                    + keyword.text()
                    + "'");
      }
    }
  }

  private interface Action {
    void parse() throws MalformedExpressionException;
  }

  private void list(Action action) throws MalformedExpressionException {
    action.parse();
    while (isPunct(peek(), ",")) {
      next();
      action.parse();
    }
  }

  private void setAction() throws MalformedExpressionException {
    modified.add(path());
    expectPunct("=");
    operand();
    if (isPunct(peek(), "+") || isPunct(peek(), "-")) {
      next();
      operand();
    }
  }

  private void operand() throws MalformedExpressionException {
    Token t = peek();
    if (t.kind() == Kind.VALUE_PLACEHOLDER) {
      next();
      return;
    }
    if (t.kind() == Kind.NAME && isPunct(peekAt(1), "(")) {
      next();
      next();
      operand();
      while (isPunct(peek(), ",")) {
        next();
        operand();
      }
      expectPunct(")");
      return;
    }
    path();
  }

  /** Parses a path and returns its top-level attribute name. */
  private String path() throws MalformedExpressionException {
    Token first = next();
    String name;
    if (first.kind() == Kind.NAME) {
      name = first.text();
    } else if (first.kind() == Kind.NAME_PLACEHOLDER) {
      name = names.get(first.text());
      if (name == null) {
        throw error("placeholder " + first.text() + " is not defined in ExpressionAttributeNames");
      }
    } else {
      throw error(
          "expected an attribute name or #placeholder at offset "
              + first.offset()
              + " but found '"
              + first.text()
              + "'");
    }
    while (true) {
      if (isPunct(peek(), ".")) {
        next();
        Token element = next();
        if (element.kind() == Kind.NAME_PLACEHOLDER && !names.containsKey(element.text())) {
          throw error(
              "placeholder " + element.text() + " is not defined in ExpressionAttributeNames");
        }
        if (element.kind() != Kind.NAME && element.kind() != Kind.NAME_PLACEHOLDER) {
          throw error("expected a name after '.' at offset " + element.offset());
        }
      } else if (isPunct(peek(), "[")) {
        next();
        expect(Kind.NUMBER, "a list index");
        expectPunct("]");
      } else {
        return name;
      }
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }

  private void expect(Kind kind, String what) throws MalformedExpressionException {
    Token t = next();
    if (t.kind() != kind) {
      throw error(
          "expected " + what + " at offset " + t.offset() + " but found '" + t.text() + "'");
    }
  }

  private void expectPunct(String punct) throws MalformedExpressionException {
    Token t = next();
    if (!isPunct(t, punct)) {
      throw error(
          "expected '" + punct + "' at offset " + t.offset() + " but found '" + t.text() + "'");
    }
  }

  private static boolean isPunct(Token t, String punct) {
    return t.kind() == Kind.PUNCT && t.text().equals(punct);
  }

  private static MalformedExpressionException error(String message) {
    return new MalformedExpressionException(message);
  }

  private static List<Token> tokenize(String s) throws MalformedExpressionException {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || c == ':') {
        int end = wordEnd(s, i + 1);
        if (end == i + 1) {
          throw error("'" + c + "' without a name at offset " + i);
        }
        out.add(
            new Token(
                c == '#' ? Kind.NAME_PLACEHOLDER : Kind.VALUE_PLACEHOLDER, s.substring(i, end), i));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
          end++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, end), i));
        i = end;
      } else if (isWordChar(c)) {
        int end = wordEnd(s, i);
        out.add(new Token(Kind.NAME, s.substring(i, end), i));
        i = end;
      } else if ("=,.[]()+-".indexOf(c) >= 0) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i));
        i++;
      } else {
        throw error("unexpected character '" + c + "' at offset " + i);
      }
    }
    out.add(new Token(Kind.END, "<end>", s.length()));
    return out;
  }

  private static int wordEnd(String s, int from) {
    int end = from;
    while (end < s.length() && isWordChar(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
