package dev.ddbec.testing;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** jqwik generators for DynamoDB attribute values, items and attribute actions. */
// "exports": jqwik is an optional dependency: whoever uses this class has it.
@SuppressWarnings("exports")
public final class AttributeValueArbitraries {
  /** Partition key attribute name used by generated items. */
  public static final String PARTITION_KEY = "pk";

  /** Sort key attribute name used by generated items. */
  public static final String SORT_KEY = "sk";

  /** Deepest nesting of lists and maps generated. */
  public static final int MAX_DEPTH = 4;

  private AttributeValueArbitraries() {}

  /**
   * Valid Unicode strings (no unpaired surrogates), including empty strings, control characters,
   * BMP characters on both sides of the surrogate range and supplementary characters.
   *
   * @return strings of up to 12 code points
   */
  public static Arbitrary<String> strings() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
            Tuple.of(1, Arbitraries.integers().between(0x00, 0x1f)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
            Tuple.of(2, Arbitraries.integers().between(0xe000, 0xffff)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoint
        .list()
        .ofMaxSize(12)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  /**
   * DynamoDB number texts: 1 to 38 significant digits, the leading digit's power of ten between
   * -130 and 125, written in plain, scientific or engineering notation, sometimes with extra
   * trailing zeros, plus a few special spellings of zero.
   *
   * @return number texts
   */
  public static Arbitrary<String> numbers() {
    Arbitrary<String> general =
        Combinators.combine(
                Arbitraries.chars().range('1', '9'),
                Arbitraries.strings().numeric().ofMaxLength(37),
                Arbitraries.integers().between(-130, 125),
                Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 3))
            .as(
                (first, rest, exponent, negative, style) -> {
                  String digits = first + rest;
                  BigDecimal d =
                      new BigDecimal(new BigInteger(digits), digits.length() - 1 - exponent);
                  if (negative) {
                    d = d.negate();
                  }
                  return switch (style) {
                    case 0 -> d.toString();
                    case 1 -> d.toPlainString();
                    case 2 -> d.toEngineeringString();
                    default -> d.setScale(Math.max(0, d.scale()) + 2).toPlainString();
                  };
                });
    Arbitrary<String> small = Arbitraries.integers().between(-1000, 1000).map(String::valueOf);
    Arbitrary<String> special =
        Arbitraries.of("0", "-0", "0.000", "1E+2", "-34.20", "55.00", "1e-5", "+5", "1E-130");
    return Arbitraries.frequencyOf(Tuple.of(6, general), Tuple.of(3, small), Tuple.of(1, special));
  }

  /**
   * Binary values, including empty ones and bytes with the high bit set.
   *
   * @return byte arrays of up to 40 bytes
   */
  public static Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
  }

  /**
   * Scalars and non-empty sets with distinct members (by value for numbers).
   *
   * @return values of type S, N, B, BOOL, NULL, SS, NS or BS
   */
  public static Arbitrary<AttributeValue> scalarsAndSets() {
    return Arbitraries.oneOf(
        List.of(
            strings().map(AttributeValue::fromS),
            numbers().map(AttributeValue::fromN),
            bytes().map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))),
            Arbitraries.of(true, false).map(AttributeValue::fromBool),
            Arbitraries.just(AttributeValue.fromNul(true)),
            strings().list().ofMinSize(1).ofMaxSize(5).uniqueElements().map(AttributeValue::fromSs),
            numbers()
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements(n -> new BigDecimal(n).stripTrailingZeros())
                .map(AttributeValue::fromNs),
            bytes()
                .map(SdkBytes::fromByteArray)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .uniqueElements()
                .map(AttributeValue::fromBs)));
  }

  /**
   * Values of every type, lists and maps nested up to {@code depth} levels.
   *
   * @param depth remaining nesting levels
   * @return values
   */
  public static Arbitrary<AttributeValue> values(int depth) {
    if (depth <= 0) {
      return scalarsAndSets();
    }
    Arbitrary<AttributeValue> inner = Arbitraries.lazy(() -> values(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalarsAndSets()),
        Tuple.of(1, inner.list().ofMaxSize(4).map(AttributeValue::fromL)),
        Tuple.of(1, Arbitraries.maps(strings(), inner).ofMaxSize(4).map(AttributeValue::fromM)));
  }

  /**
   * Values of every type nested up to {@link #MAX_DEPTH}.
   *
   * @return values
   */
  public static Arbitrary<AttributeValue> values() {
    return values(MAX_DEPTH);
  }

  /**
   * Attribute names other than the key names and the reserved names: mostly from a small pool so
   * that actions overrides hit them, sometimes arbitrary Unicode.
   *
   * @return names
   */
  public static Arbitrary<String> attributeNames() {
    return Arbitraries.frequencyOf(
            Tuple.of(
                3,
                Arbitraries.of(
                    "a", "b", "Title", "price", "n\u00e9", "\uff21", "\ud83d\ude00", "x y", "")),
            Tuple.of(1, strings()))
        .filter(
            n ->
                !n.equals(PARTITION_KEY)
                    && !n.equals(SORT_KEY)
                    && !ReservedAttributes.isReserved(n));
  }

  /**
   * Items with a string partition key {@code pk}, a number sort key {@code sk} and up to six more
   * attributes of any type.
   *
   * @return items
   */
  public static Arbitrary<Map<String, AttributeValue>> items() {
    Arbitrary<List<Tuple.Tuple2<String, AttributeValue>>> attributes =
        Combinators.combine(attributeNames(), values())
            .as(Tuple::of)
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .withSizeDistribution(RandomDistribution.uniform());
    return Combinators.combine(strings().filter(s -> !s.isEmpty()), numbers(), attributes)
        .as(
            (pk, sk, rest) -> {
              Map<String, AttributeValue> item = new LinkedHashMap<>();
              item.put(PARTITION_KEY, AttributeValue.fromS(pk));
              item.put(SORT_KEY, AttributeValue.fromN(sk));
              rest.forEach(t -> item.put(t.get1(), t.get2()));
              return item;
            });
  }

  /**
   * An item with actions: an arbitrary default action, arbitrary overrides for some of the item's
   * attributes, the keys protected with {@link AttributeActions#withIndexKeys(String...)}.
   *
   * @return cases
   */
  public static Arbitrary<ItemCase> itemCases() {
    return items()
        .flatMap(
            item -> {
              List<String> names = new ArrayList<>(item.keySet());
              names.remove(PARTITION_KEY);
              names.remove(SORT_KEY);
              return actions(names, Arbitraries.of(CryptoAction.class), 0.5, 0.6)
                  .map(actions -> new ItemCase(item, actions));
            });
  }

  /**
   * Actions for items keyed {@link #PARTITION_KEY} and {@link #SORT_KEY}: a default drawn from
   * {@code allowed}; for each of {@code names}, an override drawn from {@code allowed} or, with
   * probability {@code noOverride}, none; on each key, {@link CryptoAction#SIGN_ONLY} or {@link
   * CryptoAction#DO_NOTHING} or, with probability {@code noKeyOverride}, none; then the keys
   * protected with {@link AttributeActions#withIndexKeys(String...)}.
   *
   * @param names the non-key attributes that may get an override
   * @param allowed the actions to draw the default and the overrides from
   * @param noOverride the probability that an attribute gets no override
   * @param noKeyOverride the probability that a key gets no explicit action
   * @return the actions
   */
  public static Arbitrary<AttributeActions> actions(
      List<String> names,
      Arbitrary<CryptoAction> allowed,
      double noOverride,
      double noKeyOverride) {
    Arbitrary<List<CryptoAction>> keyOverrides =
        Arbitraries.of(CryptoAction.SIGN_ONLY, CryptoAction.DO_NOTHING)
            .injectNull(noKeyOverride)
            .list()
            .ofSize(2);
    return Combinators.combine(
            allowed, allowed.injectNull(noOverride).list().ofSize(names.size()), keyOverrides)
        .as(
            (defaultAction, overrides, keyActions) -> {
              AttributeActions.Builder b = AttributeActions.builder().defaultAction(defaultAction);
              for (int i = 0; i < names.size(); i++) {
                if (overrides.get(i) != null) {
                  b.action(names.get(i), overrides.get(i));
                }
              }
              if (keyActions.get(0) != null) {
                b.action(PARTITION_KEY, keyActions.get(0));
              }
              if (keyActions.get(1) != null) {
                b.action(SORT_KEY, keyActions.get(1));
              }
              return b.build().withIndexKeys(PARTITION_KEY, SORT_KEY);
            });
  }

  /**
   * A generated item and the actions to protect it with.
   *
   * @param item the plaintext item
   * @param actions the actions, keys already protected
   */
  public record ItemCase(Map<String, AttributeValue> item, AttributeActions actions) {}
}
