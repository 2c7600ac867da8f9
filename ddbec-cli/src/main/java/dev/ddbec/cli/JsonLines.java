package dev.ddbec.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.cli.ItemStreamCommand.LineException;

/**
 * One JSON Lines item in and out, strictly: one JSON value per line, no duplicate keys, bounded
 * nesting and number length, and output that is valid UTF-8. Errors are {@link LineException}s
 * whose messages give a position, never the input (which may be plaintext).
 */
final class JsonLines {
  /**
   * Deepest JSON nesting read. DynamoDB allows 32 levels of lists and maps; in DynamoDB JSON each
   * takes two JSON levels, plus the item, an {@code {"Item": ...}} wrapper and the value's type.
   */
  static final int MAX_DEPTH = 100;

  /** Longest JSON number token read (DynamoDB JSON has numbers as strings anyway). */
  static final int MAX_NUMBER_LENGTH = 1000;

  private static final ObjectMapper READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonLines() {}

  /**
   * Parses one line.
   *
   * @param line the line, not blank
   * @return its JSON value
   * @throws LineException if it is not exactly one JSON value within the limits
   */
  static JsonNode parse(String line) {
    try {
      return READER.readTree(line);
    } catch (StreamConstraintsException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("nesting")) {
        throw new LineException(
            "InvalidJson",
            "JSON nested deeper than "
                + MAX_DEPTH
                + " levels (DynamoDB allows 32 levels of lists and maps)");
      }
      if (m.contains("Number")) {
        throw new LineException(
            "InvalidJson",
            "JSON number longer than "
                + MAX_NUMBER_LENGTH
                + " characters (DynamoDB JSON writes numbers as strings: {\"N\": \"1.5\"})");
      }
      throw new LineException("InvalidJson", "JSON value exceeds a size limit of the reader");
    } catch (JsonEOFException e) {
      throw new LineException(
          "InvalidJson",
          "the JSON value does not end on this line (column "
              + column(e)
              + "): input is JSON Lines, one item per line; compact pretty-printed JSON first,"
              + " e.g. with jq -c .");
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the input, which may be plaintext: give the position only.
      String m = String.valueOf(e.getOriginalMessage());
      throw new LineException(
          "InvalidJson",
          (m.startsWith("Duplicate") ? "duplicate key in a JSON object" : "not valid JSON")
              + " (column "
              + column(e)
              + ")");
    }
  }

  private static String column(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null || l.getColumnNr() < 0 ? "unknown" : Integer.toString(l.getColumnNr());
  }

  /**
   * Writes one output line.
   *
   * @param node the JSON value
   * @return its compact text, without a line break
   * @throws InvalidItemException if a string holds an unpaired UTF-16 surrogate (an escaped high or
   *     low surrogate without its pair), which UTF-8 cannot represent
   */
  static String write(JsonNode node) {
    String s;
    try {
      s = READER.writeValueAsString(node);
    } catch (JsonProcessingException e) { // a tree of plain nodes always serializes
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidItemException(
            "a string holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF escape without its"
                + " pair), which is not valid Unicode and cannot be written as UTF-8");
      }
    }
    return s;
  }
}
