package dev.ddbec.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain ASCII table with fixed column widths; cells longer than their column are cut with {@code
 * ..}. ASCII only, so it reads the same in every terminal encoding.
 */
public final class TextTable {
  private final List<String> headers;
  private final int[] widths;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * A table with these columns.
   *
   * @param headers column headers
   * @param widths column widths (characters of content, without padding)
   */
  public TextTable(List<String> headers, int... widths) {
    if (headers.size() != widths.length) {
      throw new IllegalArgumentException("one width per header");
    }
    this.headers = List.copyOf(headers);
    this.widths = widths.clone();
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   * @return this table
   */
  public TextTable row(String... cells) {
    if (cells.length != widths.length) {
      throw new IllegalArgumentException("one cell per column");
    }
    rows.add(List.of(cells));
    return this;
  }

  /**
   * Adds a separator line.
   *
   * @return this table
   */
  public TextTable separator() {
    rows.add(List.of());
    return this;
  }

  /**
   * Renders the table, one line per element, with this indentation.
   *
   * @param indent prefix of every line
   * @return the lines
   */
  public List<String> render(String indent) {
    List<String> out = new ArrayList<>();
    String rule = rule(indent);
    out.add(rule);
    out.add(line(indent, headers));
    out.add(rule);
    for (List<String> row : rows) {
      out.add(row.isEmpty() ? rule : line(indent, row));
    }
    out.add(rule);
    return out;
  }

  /**
   * Cuts a text to a width, ending it with {@code ..} when it was longer.
   *
   * @param text the text
   * @param width the maximum length
   * @return the text, at most {@code width} characters
   */
  public static String fit(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return text.substring(0, Math.max(0, width - 2)) + "..".substring(0, Math.min(2, width));
  }

  private String rule(String indent) {
    StringBuilder b = new StringBuilder(indent).append('+');
    for (int w : widths) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.toString();
  }

  private String line(String indent, List<String> cells) {
    StringBuilder b = new StringBuilder(indent).append('|');
    for (int i = 0; i < widths.length; i++) {
      String cell = fit(cells.get(i), widths[i]);
      b.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    return b.toString();
  }
}
