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
 * reported. With the same tokens, {@link #comparedAttributes} reads which attributes a condition,
 * filter or key condition expression looks at the values of.
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

  /** Keywords of condition expressions; reserved words, so never a bare attribute name. */
  private static final Set<String> CONDITION_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");

  /** Functions that test whether an attribute exists, never its value. */
  private static final Set<String> EXISTENCE_FUNCTIONS =
      Set.of("attribute_exists", "attribute_not_exists");

  /**
   * The top-level attribute names whose values a condition expression (a ConditionExpression,
   * FilterExpression or KeyConditionExpression) looks at: every attribute path in it, except the
   * argument of {@code attribute_exists} and {@code attribute_not_exists}, which only test
   * existence. Comparisons, {@code BETWEEN}, {@code IN}, {@code begins_with}, {@code contains},
   * {@code attribute_type} and {@code size} all read the value.
   *
   * <p>The grammar is not checked beyond the tokens (DynamoDB rejects malformed expressions); every
   * name that is not a keyword, a function name or a nested path element counts as an attribute, so
   * no attribute reference goes unnoticed.
   *
   * @param expression the condition expression
   * @param expressionAttributeNames the request's {@code #placeholder} to name map (may be empty)
   * @return the names, in order of appearance
   * @throws MalformedExpressionException if the expression holds characters outside DynamoDB's
   *     expression syntax or uses an undefined placeholder
   */
  public static Set<String> comparedAttributes(
      String expression, Map<String, String> expressionAttributeNames)
      throws MalformedExpressionException {
    List<Token> tokens = tokenize(expression);
    UpdateExpressions parser =
        new UpdateExpressions(
            tokens, expressionAttributeNames == null ? Map.of() : expressionAttributeNames);
    Set<String> compared = new LinkedHashSet<>();
    for (int i = 0; tokens.get(i).kind() != Kind.END; i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.NAME && t.kind() != Kind.NAME_PLACEHOLDER) {
        continue;
      }
      if (i > 0 && isPunct(tokens.get(i - 1), ".")) {
        parser.resolve(t); // a nested element: not a top-level attribute
        continue;
      }
      if (t.kind() == Kind.NAME && isPunct(tokens.get(i + 1), "(")) {
        if (EXISTENCE_FUNCTIONS.contains(t.text().toLowerCase(Locale.ROOT))) {
          int end = parser.existenceArgumentEnd(i + 2);
          if (end > 0) {
            i = end; // the closing parenthesis
          }
        }
        continue; // the function name itself
      }
      if (t.kind() == Kind.NAME && CONDITION_KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT))) {
        continue;
      }
      compared.add(parser.resolve(t));
    }
    return compared;
  }

  /**
   * If a plain path followed by {@code )} starts at {@code from}, the index of that parenthesis;
   * otherwise -1 (the tokens are then read as any others).
   */
  private int existenceArgumentEnd(int from) throws MalformedExpressionException {
    Token first = tokens.get(from);
    boolean path =
        first.kind() == Kind.NAME_PLACEHOLDER
            || (first.kind() == Kind.NAME && !isPunct(tokens.get(from + 1), "("));
    if (!path) {
      return -1;
    }
    resolve(first);
    int j = from + 1;
    while (true) {
      Token t = tokens.get(j);
      if (isPunct(t, ".")
          && (tokens.get(j + 1).kind() == Kind.NAME
              || tokens.get(j + 1).kind() == Kind.NAME_PLACEHOLDER)) {
        resolve(tokens.get(j + 1));
        j += 2;
      } else if (isPunct(t, "[")
          && tokens.get(j + 1).kind() == Kind.NUMBER
          && isPunct(tokens.get(j + 2), "]")) {
        j += 3;
      } else {
        return isPunct(t, ")") ? j : -1;
      }
    }
  }

  /** The attribute name a name token stands for, placeholders resolved. */
  private String resolve(Token t) throws MalformedExpressionException {
    if (t.kind() != Kind.NAME_PLACEHOLDER) {
      return t.text();
    }
    String name = names.get(t.text());
    if (name == null) {
      throw error("placeholder " + t.text() + " is not defined in ExpressionAttributeNames");
    }
    return name;
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
      } else if ("=,.[]()+-<>".indexOf(c) >= 0) {
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
