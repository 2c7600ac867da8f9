package dev.ddbec.vectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.InvalidItemException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between DynamoDB JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"B":
 * "<base64>"}}, ...) and SDK v2 {@link AttributeValue}s. Binary values are standard Base64 with
 * padding, at any depth. Stateless and thread-safe.
 */
public final class DynamoDbJson {
  /** A shared mapper configured for DynamoDB JSON. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DynamoDbJson() {}

  /**
   * Reads an item: a JSON object of attribute name to DynamoDB JSON value.
   *
   * @param node the JSON object
   * @return the item, in JSON order
   * @throws InvalidItemException if the JSON is not a DynamoDB JSON item
   */
  public static Map<String, AttributeValue> item(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidItemException("an item must be a JSON object of attribute name to value");
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      item.put(e.getKey(), value(e.getValue(), e.getKey()));
    }
    return item;
  }

  /**
   * Reads one DynamoDB JSON value.
   *
   * @param node a JSON object with exactly one type key
   * @return the value
   */
  public static AttributeValue value(JsonNode node) {
    return value(node, "value");
  }

  private static AttributeValue value(JsonNode node, String where) {
    if (node == null || !node.isObject() || node.size() != 1) {
      throw new InvalidItemException(
          "'" + where + "' must be an object with exactly one DynamoDB type key (S, N, B, ...)");
    }
    Map.Entry<String, JsonNode> e = node.properties().iterator().next();
    JsonNode v = e.getValue();
    switch (e.getKey()) {
      case "S":
        return AttributeValue.fromS(text(v, where));
      case "N":
        return AttributeValue.fromN(text(v, where));
      case "B":
        return AttributeValue.fromB(bytes(v, where));
      case "BOOL":
        if (!v.isBoolean()) {
          throw new InvalidItemException("'" + where + "': BOOL must be true or false");
        }
        return AttributeValue.fromBool(v.booleanValue());
      case "NULL":
        if (!v.isBoolean() || !v.booleanValue()) {
          throw new InvalidItemException("'" + where + "': NULL must be true");
        }
        return AttributeValue.fromNul(true);
      case "SS":
        return AttributeValue.fromSs(texts(v, where));
      case "NS":
        return AttributeValue.fromNs(texts(v, where));
      case "BS":
        {
          List<SdkBytes> l = new ArrayList<>();
          for (JsonNode m : array(v, where)) {
            l.add(bytes(m, where));
          }
          return AttributeValue.fromBs(l);
        }
      case "L":
        {
          List<AttributeValue> l = new ArrayList<>();
          int i = 0;
          for (JsonNode m : array(v, where)) {
            l.add(value(m, where + "[" + i++ + "]"));
          }
          return AttributeValue.fromL(l);
        }
      case "M":
        {
          if (!v.isObject()) {
            throw new InvalidItemException("'" + where + "': M must be a JSON object");
          }
          Map<String, AttributeValue> m = new LinkedHashMap<>();
          Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            m.put(f.getKey(), value(f.getValue(), where + "." + f.getKey()));
          }
          return AttributeValue.fromM(m);
        }
      default:
        throw new InvalidItemException(
            "'" + where + "': unknown DynamoDB type '" + e.getKey() + "'");
    }
  }

  private static String text(JsonNode v, String where) {
    if (!v.isTextual()) {
      throw new InvalidItemException("'" + where + "': expected a JSON string");
    }
    return v.textValue();
  }

  /** A JSON array of strings: the members of a string or number set (numbers are JSON strings). */
  private static List<String> texts(JsonNode v, String where) {
    List<String> l = new ArrayList<>();
    for (JsonNode m : array(v, where)) {
      l.add(text(m, where));
    }
    return l;
  }

  private static ArrayNode array(JsonNode v, String where) {
    if (!v.isArray()) {
      throw new InvalidItemException("'" + where + "': expected a JSON array");
    }
    return (ArrayNode) v;
  }

  private static SdkBytes bytes(JsonNode v, String where) {
    try {
      return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(text(v, where)));
    } catch (IllegalArgumentException e) {
      throw new InvalidItemException("'" + where + "': binary value is not valid Base64");
    }
  }

  /**
   * Writes an item as DynamoDB JSON.
   *
   * @param item the item
   * @return a JSON object
   */
  public static ObjectNode toJson(Map<String, AttributeValue> item) {
    ObjectNode o = NODES.objectNode();
    item.forEach((k, v) -> o.set(k, toJson(v)));
    return o;
  }

  /**
   * Writes one value as DynamoDB JSON.
   *
   * @param v the value
   * @return a JSON object with one type key
   */
  public static ObjectNode toJson(AttributeValue v) {
    ObjectNode o = NODES.objectNode();
    AttributeValue.Type type = v.type();
    if (type == null) {
      throw new InvalidItemException("attribute value has no type");
    }
    switch (type) {
      case S -> o.put("S", v.s());
      case N -> o.put("N", v.n());
      case B -> o.put("B", base64(v.b()));
      case BOOL -> o.put("BOOL", v.bool());
      case NUL -> o.put("NULL", true);
      case SS -> v.ss().forEach(o.putArray("SS")::add);
      case NS -> v.ns().forEach(o.putArray("NS")::add);
      case BS -> {
        ArrayNode a = o.putArray("BS");
        v.bs().forEach(b -> a.add(base64(b)));
      }
      case L -> {
        ArrayNode a = o.putArray("L");
        v.l().forEach(e -> a.add(toJson(e)));
      }
      case M -> o.set("M", toJson(v.m()));
      default -> throw new InvalidItemException("attribute value of unknown type " + type);
    }
    return o;
  }

  private static String base64(SdkBytes b) {
    return Base64.getEncoder().encodeToString(b.asByteArrayUnsafe());
  }
}
