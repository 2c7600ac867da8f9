package dev.ddbec.sdk1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SDK v2 ↔ SDK v1 item conversion (deep copies, attribute order kept): hands the official Java
 * client (AWS SDK for Java v1) the same item ddbec gets, and brings its results back for
 * comparison. The one copy used by the benchmarks and the interop tests. Stateless and thread-safe.
 */
public final class Sdk1Items {
  private Sdk1Items() {}

  /**
   * Converts an SDK v2 item to SDK v1 (deep copy; binary values are copied).
   *
   * @param item the item
   * @return a new mutable map in the same order
   */
  public static Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> toSdk1(
      Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> out = new LinkedHashMap<>();
    item.forEach((name, value) -> out.put(name, toSdk1(value)));
    return out;
  }

  /**
   * Converts an SDK v1 item to SDK v2 (deep copy; binary values are copied).
   *
   * @param item the item
   * @return a new mutable map in the same order
   */
  public static Map<String, AttributeValue> toSdk2(
      Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    item.forEach((name, value) -> out.put(name, toSdk2(value)));
    return out;
  }

  /**
   * Converts one SDK v2 value to SDK v1. Empty sets, lists and maps stay empty values of their
   * type.
   *
   * @param value the value
   * @return a new SDK v1 value
   * @throws IllegalArgumentException if the value has no type or one unknown to this SDK version
   */
  public static com.amazonaws.services.dynamodbv2.model.AttributeValue toSdk1(
      AttributeValue value) {
    Objects.requireNonNull(value, "value");
    com.amazonaws.services.dynamodbv2.model.AttributeValue out =
        new com.amazonaws.services.dynamodbv2.model.AttributeValue();
    AttributeValue.Type type = value.type();
    if (type == null) {
      throw new IllegalArgumentException("SDK v2 AttributeValue without a type: " + value);
    }
    switch (type) {
      case S:
        return out.withS(value.s());
      case N:
        return out.withN(value.n());
      case B:
        return out.withB(ByteBuffer.wrap(value.b().asByteArray()));
      case SS:
        return out.withSS(new ArrayList<>(value.ss()));
      case NS:
        return out.withNS(new ArrayList<>(value.ns()));
      case BS:
        {
          List<ByteBuffer> bs = new ArrayList<>(value.bs().size());
          value.bs().forEach(b -> bs.add(ByteBuffer.wrap(b.asByteArray())));
          return out.withBS(bs);
        }
      case M:
        {
          Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> m =
              new LinkedHashMap<>();
          value.m().forEach((k, v) -> m.put(k, toSdk1(v)));
          return out.withM(m);
        }
      case L:
        {
          List<com.amazonaws.services.dynamodbv2.model.AttributeValue> l =
              new ArrayList<>(value.l().size());
          value.l().forEach(v -> l.add(toSdk1(v)));
          return out.withL(l);
        }
      case BOOL:
        return out.withBOOL(value.bool());
      case NUL:
        return out.withNULL(value.nul());
      default:
        throw new IllegalArgumentException("unsupported SDK v2 AttributeValue: " + value);
    }
  }

  /**
   * Converts one SDK v1 value to SDK v2. Binary values are read from index 0 to the limit of the
   * buffer (as the official client's marshaller does), without moving the buffer's position. Empty
   * sets, lists and maps stay empty values of their type.
   *
   * @param value the value
   * @return a new SDK v2 value
   * @throws IllegalArgumentException if not exactly one member of the value is set
   */
  public static AttributeValue toSdk2(
      com.amazonaws.services.dynamodbv2.model.AttributeValue value) {
    Objects.requireNonNull(value, "value");
    int members =
        count(
            value.getS(),
            value.getN(),
            value.getB(),
            value.getSS(),
            value.getNS(),
            value.getBS(),
            value.getM(),
            value.getL(),
            value.getBOOL(),
            value.getNULL());
    if (members != 1) {
      throw new IllegalArgumentException(
          "SDK v1 AttributeValue must have exactly one member set, has " + members + ": " + value);
    }
    if (value.getS() != null) {
      return AttributeValue.fromS(value.getS());
    } else if (value.getN() != null) {
      return AttributeValue.fromN(value.getN());
    } else if (value.getB() != null) {
      return AttributeValue.fromB(bytes(value.getB()));
    } else if (value.getSS() != null) {
      return AttributeValue.fromSs(new ArrayList<>(value.getSS()));
    } else if (value.getNS() != null) {
      return AttributeValue.fromNs(new ArrayList<>(value.getNS()));
    } else if (value.getBS() != null) {
      List<SdkBytes> bs = new ArrayList<>(value.getBS().size());
      value.getBS().forEach(b -> bs.add(bytes(b)));
      return AttributeValue.fromBs(bs);
    } else if (value.getM() != null) {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      value.getM().forEach((k, v) -> m.put(k, toSdk2(v)));
      return AttributeValue.fromM(m);
    } else if (value.getL() != null) {
      List<AttributeValue> l = new ArrayList<>(value.getL().size());
      value.getL().forEach(v -> l.add(toSdk2(v)));
      return AttributeValue.fromL(l);
    } else if (value.getBOOL() != null) {
      return AttributeValue.fromBool(value.getBOOL());
    } else {
      return AttributeValue.fromNul(value.getNULL());
    }
  }

  private static int count(Object... members) {
    int n = 0;
    for (Object member : members) {
      if (member != null) {
        n++;
      }
    }
    return n;
  }

  private static SdkBytes bytes(ByteBuffer buffer) {
    ByteBuffer all = buffer.duplicate();
    all.rewind();
    byte[] b = new byte[all.remaining()];
    all.get(b);
    return SdkBytes.fromByteArray(b);
  }
}
