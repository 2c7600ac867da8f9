package dev.ddbec.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SDK v2 ↔ SDK v1 item conversion, used only outside measured code: to hand the official client
 * (SDK v1) the same item ddbec gets, and to compare results.
 *
 * <p>A trimmed copy of the converters in ddbec-interop-tests' {@code OfficialJavaClient} (test
 * code, which this module does not depend on). Sharing one copy would need a module that both
 * depend on and that carries SDK v1, which no published ddbec artifact may.
 */
public final class Sdk1Items {
  private Sdk1Items() {}

  /**
   * Converts an SDK v2 item to SDK v1 (deep copy).
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
   * Converts an SDK v1 item to SDK v2 (deep copy; binary values read from index 0 to the limit).
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

  static com.amazonaws.services.dynamodbv2.model.AttributeValue toSdk1(AttributeValue value) {
    com.amazonaws.services.dynamodbv2.model.AttributeValue out =
        new com.amazonaws.services.dynamodbv2.model.AttributeValue();
    switch (value.type()) {
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
        throw new IllegalArgumentException("unsupported SDK v2 attribute value type " + value);
    }
  }

  static AttributeValue toSdk2(com.amazonaws.services.dynamodbv2.model.AttributeValue value) {
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
    } else if (value.getNULL() != null) {
      return AttributeValue.fromNul(value.getNULL());
    }
    throw new IllegalArgumentException("SDK v1 attribute value without a member: " + value);
  }

  private static SdkBytes bytes(ByteBuffer buffer) {
    ByteBuffer all = buffer.duplicate();
    all.rewind();
    byte[] b = new byte[all.remaining()];
    all.get(b);
    return SdkBytes.fromByteArray(b);
  }
}
