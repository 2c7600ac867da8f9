package dev.ddbec.core.internal;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the SDK's {@link AttributeValue}s of one item through one reusable builder per type,
 * instead of a new builder per value as {@code AttributeValue.fromS} and its siblings do.
 *
 * <p>A fresh SDK builder costs an allocation, an {@code EnumSet} and the union bookkeeping of its
 * first setter; a builder that already holds a value of the same type skips all three, and {@code
 * build()} still returns a new immutable value that shares nothing mutable with the builder (its
 * collections are copied by the setters). JFR put the fresh builders at about a tenth of item
 * decryption.
 *
 * <p>One instance serves one item on one thread and is dropped with it: a builder keeps a reference
 * to the last value it was given, so instances are never cached or shared, which would keep a
 * decrypted value reachable after the call.
 */
public final class ValueBuilders {
  private static final int TYPES = AttributeValue.Type.values().length;

  private final AttributeValue.Builder[] builders = new AttributeValue.Builder[TYPES];

  /** Builders for one item; each is created on first use. */
  public ValueBuilders() {}

  /**
   * A string value.
   *
   * @param value the string
   * @return the value
   */
  public AttributeValue s(String value) {
    return of(AttributeValue.Type.S).s(value).build();
  }

  /**
   * A number value.
   *
   * @param value the number's text
   * @return the value
   */
  public AttributeValue n(String value) {
    return of(AttributeValue.Type.N).n(value).build();
  }

  /**
   * A binary value over {@code bytes} without copying them: the caller hands the array over.
   *
   * @param bytes the bytes, not modified afterwards
   * @return the value
   */
  public AttributeValue b(byte[] bytes) {
    return of(AttributeValue.Type.B).b(SdkBytes.fromByteArrayUnsafe(bytes)).build();
  }

  /**
   * A string set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue ss(List<String> members) {
    return of(AttributeValue.Type.SS).ss(members).build();
  }

  /**
   * A number set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue ns(List<String> members) {
    return of(AttributeValue.Type.NS).ns(members).build();
  }

  /**
   * A binary set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue bs(List<SdkBytes> members) {
    return of(AttributeValue.Type.BS).bs(members).build();
  }

  /**
   * A map value.
   *
   * @param entries the entries (copied)
   * @return the value
   */
  public AttributeValue m(Map<String, AttributeValue> entries) {
    return of(AttributeValue.Type.M).m(entries).build();
  }

  /**
   * A list value.
   *
   * @param elements the elements (copied)
   * @return the value
   */
  public AttributeValue l(List<AttributeValue> elements) {
    return of(AttributeValue.Type.L).l(elements).build();
  }

  /** The builder of one type, made on first use. */
  private AttributeValue.Builder of(AttributeValue.Type type) {
    AttributeValue.Builder b = builders[type.ordinal()];
    if (b == null) {
      b = AttributeValue.builder();
      builders[type.ordinal()] = b;
    }
    return b;
  }
}
