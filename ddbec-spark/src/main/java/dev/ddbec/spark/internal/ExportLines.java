package dev.ddbec.spark.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lines of a DynamoDB export to S3 in DynamoDB JSON: {@code {"Item": {...}}}. Errors never quote
 * the line (it may be plaintext).
 */
public final class ExportLines {
  private ExportLines() {}

  /** The item of one line. */
  public static Map<String, AttributeValue> item(String line) {
    JsonNode node;
    try {
      node = DynamoDbJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidItemException("an export line is not valid JSON");
    }
    JsonNode item = node == null ? null : node.get("Item");
    if (item == null || !item.isObject() || node.size() != 1) {
      throw new InvalidItemException(
          "an export line is not a DynamoDB JSON item in the export format {\"Item\": {...}}");
    }
    return DynamoDbJson.item(item);
  }

  /** One line for an item. */
  public static String line(Map<String, AttributeValue> item) {
    ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
    o.set("Item", DynamoDbJson.toJson(item));
    return json(o);
  }

  /** The key attributes of an item, as DynamoDB JSON. */
  public static String key(Map<String, AttributeValue> item, Iterable<String> keyNames) {
    ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
    for (String k : keyNames) {
      AttributeValue v = item.get(k);
      if (v != null) {
        o.set(k, DynamoDbJson.toJson(v));
      }
    }
    return json(o);
  }

  private static String json(ObjectNode o) {
    try {
      return DynamoDbJson.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) { // a tree of plain nodes always serializes
      throw new IllegalStateException(e);
    }
  }
}
