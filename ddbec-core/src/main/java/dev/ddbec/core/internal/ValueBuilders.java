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
  private AttributeValue.Builder s;
  private AttributeValue.Builder n;
  private AttributeValue.Builder b;
  private AttributeValue.Builder ss;
  private AttributeValue.Builder ns;
  private AttributeValue.Builder bs;
  private AttributeValue.Builder m;
  private AttributeValue.Builder l;

  /** Builders for one item; each is created on first use. */
  public ValueBuilders() {}

  /**
   * A string value.
   *
   * @param value the string
   * @return the value
   */
  public AttributeValue s(String value) {
    if (s == null) {
      s = AttributeValue.builder();
    }
    return s.s(value).build();
  }

  /**
   * A number value.
   *
   * @param value the number's text
   * @return the value
   */
  public AttributeValue n(String value) {
    if (n == null) {
      n = AttributeValue.builder();
    }
    return n.n(value).build();
  }

  /**
   * A binary value over {@code bytes} without copying them: the caller hands the array over.
   *
   * @param bytes the bytes, not modified afterwards
   * @return the value
   */
  public AttributeValue b(byte[] bytes) {
    if (b == null) {
      b = AttributeValue.builder();
    }
    return b.b(SdkBytes.fromByteArrayUnsafe(bytes)).build();
  }

  /**
   * A string set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue ss(List<String> members) {
    if (ss == null) {
      ss = AttributeValue.builder();
    }
    return ss.ss(members).build();
  }

  /**
   * A number set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue ns(List<String> members) {
    if (ns == null) {
      ns = AttributeValue.builder();
    }
    return ns.ns(members).build();
  }

  /**
   * A binary set.
   *
   * @param members the members (copied)
   * @return the value
   */
  public AttributeValue bs(List<SdkBytes> members) {
    if (bs == null) {
      bs = AttributeValue.builder();
    }
    return bs.bs(members).build();
  }

  /**
   * A map value.
   *
   * @param entries the entries (copied)
   * @return the value
   */
  public AttributeValue m(Map<String, AttributeValue> entries) {
    if (m == null) {
      m = AttributeValue.builder();
    }
    return m.m(entries).build();
  }

  /**
   * A list value.
   *
   * @param elements the elements (copied)
   * @return the value
   */
  public AttributeValue l(List<AttributeValue> elements) {
    if (l == null) {
      l = AttributeValue.builder();
    }
    return l.l(elements).build();
  }
}
