package dev.ddbec.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * jqwik arbitraries for the Python interop round trips: random items of every DynamoDB type with
 * random attribute actions.
 *
 * <p>Items have a partition key {@value #PK} (S or N), a sort key {@value #SK} (N) and 1–12 more
 * attributes of every type: S (empty, ASCII, Latin, Greek/Cyrillic, CJK, U+E000..U+FFFD, emoji and
 * other supplementary characters), N (1–28 significant digits in plain, scientific and
 * trailing-zero forms; never negative zero), B (empty to 32 bytes), BOOL, NULL, non-empty SS, NS
 * and BS with distinct members, and L/M nested up to three containers deep. Attribute names and map
 * keys use the same alphabet as strings, so the Java/Python ordering differences (docs/format.md
 * §1.4, §1.5) occur naturally.
 *
 * <p>Numbers stay within what both clients agree on: beyond 28 significant digits Python rounds and
 * beyond 38 coefficient digits (trailing zeros included) it refuses; {@code PythonDivergenceTest}
 * covers those.
 */
final class InteropItems {
  /**
   * The configuration most cross-client tests use: partition key {@code pk} and sort key {@code sk}
   * signed, every other attribute encrypted and signed except the sign-only ones.
   *
   * @param table the table name
   * @param signOnly attributes signed but not encrypted
   * @return the configuration
   */
  static CryptoConfig pkSkConfig(String table, String... signOnly) {
    return CryptoConfig.of(
        EncryptionContext.builder()
            .tableName(table)
            .partitionKeyName("pk")
            .sortKeyName("sk")
            .build(),
        encryptAllBut(signOnly).withIndexKeys("pk", "sk"));
  }

  /**
   * {@link #pkSkConfig} for a table with partition key {@code pk} only.
   *
   * @param table the table name
   * @param signOnly attributes signed but not encrypted
   * @return the configuration
   */
  static CryptoConfig pkConfig(String table, String... signOnly) {
    return CryptoConfig.of(
        EncryptionContext.builder().tableName(table).partitionKeyName("pk").build(),
        encryptAllBut(signOnly).withIndexKeys("pk"));
  }

  /** Every attribute encrypted and signed but the sign-only ones. */
  private static AttributeActions encryptAllBut(String... signOnly) {
    AttributeActions.Builder actions =
        AttributeActions.builder().defaultAction(CryptoAction.ENCRYPT_AND_SIGN);
    for (String name : signOnly) {
      actions.action(name, CryptoAction.SIGN_ONLY);
    }
    return actions.build();
  }

  static final String PK = "pk";
  static final String SK = "sk";

  private static final HexFormat HEX = HexFormat.of();

  private InteropItems() {}

  /**
   * One generated input: table, item and actions (a default plus overrides; the keys are then
   * protected with {@code withIndexKeys} by ddbec and {@code set_index_keys} by the peer).
   */
  record Case(
      String table,
      Map<String, AttributeValue> item,
      String defaultAction,
      Map<String, String> overrides) {

    AttributeActions ddbecActions() {
      AttributeActions.Builder b = AttributeActions.builder().defaultAction(action(defaultAction));
      overrides.forEach((name, a) -> b.action(name, action(a)));
      return b.build().withIndexKeys(PK, SK);
    }

    CryptoConfig config() {
      return CryptoConfig.of(
          EncryptionContext.builder().tableName(table).partitionKeyName(PK).sortKeyName(SK).build(),
          ddbecActions());
    }

    ObjectNode peerActions() {
      return PeerRequests.actions(defaultAction, overrides);
    }

    ObjectNode itemJson() {
      return DynamoDbJson.toJson(item);
    }

    @Override
    public String toString() {
      return "Case{table="
          + table
          + ", default="
          + defaultAction
          + ", overrides="
          + overrides
          + ", item="
          + itemJson()
          + "}";
    }
  }

  static CryptoAction action(String name) {
    return switch (name) {
      case PeerRequests.ENCRYPT -> CryptoAction.ENCRYPT_AND_SIGN;
      case PeerRequests.SIGN -> CryptoAction.SIGN_ONLY;
      case PeerRequests.NOTHING -> CryptoAction.DO_NOTHING;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Random cases. */
  static Arbitrary<Case> cases() {
    Arbitrary<List<String>> names =
        attributeName()
            .filter(n -> !n.equals(PK) && !n.equals(SK) && !ReservedAttributes.isReserved(n))
            .list()
            .uniqueElements()
            .ofMinSize(1)
            .ofMaxSize(12);
    return names.flatMap(
        ns ->
            Combinators.combine(
                    tableName(),
                    partitionKey(),
                    number(),
                    value(1).list().ofSize(ns.size()),
                    defaultAction(),
                    overrideAction().list().ofSize(ns.size()),
                    keyOverride(),
                    keyOverride())
                .as(
                    (table, pk, sk, values, defaultAction, actions, pkAction, skAction) -> {
                      Map<String, AttributeValue> item = new LinkedHashMap<>();
                      item.put(PK, pk);
                      item.put(SK, AttributeValue.fromN(sk));
                      Map<String, String> overrides = new LinkedHashMap<>();
                      for (int i = 0; i < ns.size(); i++) {
                        item.put(ns.get(i), values.get(i));
                        if (!actions.get(i).isEmpty()) {
                          overrides.put(ns.get(i), actions.get(i));
                        }
                      }
                      if (!pkAction.isEmpty()) {
                        overrides.put(PK, pkAction);
                      }
                      if (!skAction.isEmpty()) {
                        overrides.put(SK, skAction);
                      }
                      return new Case(table, item, defaultAction, overrides);
                    }));
  }

  static Arbitrary<String> tableName() {
    return Arbitraries.of("Table", "ddbec-interop", "Tâblé_ünïcode", "表", "t\uD83D\uDE00");
  }

  static Arbitrary<String> defaultAction() {
    return Arbitraries.frequency(
        Tuple.of(3, PeerRequests.ENCRYPT),
        Tuple.of(2, PeerRequests.SIGN),
        Tuple.of(1, PeerRequests.NOTHING));
  }

  /** An override, or "" for none. */
  static Arbitrary<String> overrideAction() {
    return Arbitraries.frequency(
        Tuple.of(6, ""),
        Tuple.of(1, PeerRequests.ENCRYPT),
        Tuple.of(1, PeerRequests.SIGN),
        Tuple.of(1, PeerRequests.NOTHING));
  }

  /** A key attribute's override ("" for none); never encrypt, which both clients refuse. */
  static Arbitrary<String> keyOverride() {
    return Arbitraries.frequency(
        Tuple.of(8, ""), Tuple.of(1, PeerRequests.SIGN), Tuple.of(1, PeerRequests.NOTHING));
  }

  static Arbitrary<AttributeValue> partitionKey() {
    return Arbitraries.oneOf(
        string(1, 16).map(AttributeValue::fromS), number().map(AttributeValue::fromN));
  }

  /** Attribute names and map keys: mostly identifiers, sometimes any text (never empty). */
  static Arbitrary<String> attributeName() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(10)),
        Tuple.of(1, string(1, 6)));
  }

  /**
   * A Unicode code point, weighted towards ASCII; no surrogates. Some lie above the surrogates
   * (U+E000..U+FFFD): they sort after emoji in Java (UTF-16), before them in Python.
   */
  static Arbitrary<Integer> codePoint() {
    return weightedRanges(
        16, 0x20, 0x7E, 1, 0x00, 0x1F, 2, 0xA0, 0x24F, 1, 0x370, 0x4FF, 1, 0x4E00, 0x9FFF, 1,
        0xE000, 0xFFFD, 2, 0x1F300, 0x1FAFF, 1, 0x10000, 0x10FFFD);
  }

  /**
   * Integers from ranges chosen by weight.
   *
   * @param weightFirstLast triples: a weight, then the first and last value of its range
   * @return the arbitrary
   */
  static Arbitrary<Integer> weightedRanges(int... weightFirstLast) {
    List<Tuple.Tuple2<Integer, Arbitrary<Integer>>> ranges = new ArrayList<>();
    for (int i = 0; i < weightFirstLast.length; i += 3) {
      ranges.add(
          Tuple.of(
              weightFirstLast[i],
              Arbitraries.integers().between(weightFirstLast[i + 1], weightFirstLast[i + 2])));
    }
    return Arbitraries.frequencyOf(ranges);
  }

  static Arbitrary<String> string(int minCodePoints, int maxCodePoints) {
    return string(codePoint(), minCodePoints, maxCodePoints);
  }

  /** Strings of {@code minCodePoints} to {@code maxCodePoints} of these code points. */
  static Arbitrary<String> string(
      Arbitrary<Integer> codePoints, int minCodePoints, int maxCodePoints) {
    return codePoints
        .list()
        .ofMinSize(minCodePoints)
        .ofMaxSize(maxCodePoints)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  /**
   * DynamoDB number text with 1–28 significant digits, adjusted exponent about −40..+47, in one of
   * several spellings. Zero is never negative.
   */
  static Arbitrary<String> number() {
    Arbitrary<BigInteger> unscaled =
        Arbitraries.integers()
            .between(1, 28)
            .flatMap(d -> Arbitraries.strings().numeric().ofLength(d))
            .map(BigInteger::new);
    return Combinators.combine(
            unscaled,
            Arbitraries.integers().between(-20, 40),
            Arbitraries.of(false, true),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 3))
        .as(
            (u, scale, negative, form, zeros) -> {
              BigDecimal d = new BigDecimal(negative ? u.negate() : u, scale);
              return spell(d, form, zeros);
            });
  }

  private static String spell(BigDecimal d, int form, int zeros) {
    String plain = d.toPlainString();
    // Python's DynamoDB context refuses more than 38 coefficient digits, trailing zeros included.
    boolean plainFits = coefficientDigits(plain) + zeros <= 38;
    switch (form) {
      case 0:
        return plainFits ? plain : d.toString();
      case 1:
        return d.toString();
      case 2:
        return d.toEngineeringString();
      default:
        if (!plainFits) {
          return d.toString();
        }
        return (plain.contains(".") ? plain : plain + ".") + "0".repeat(zeros);
    }
  }

  private static int coefficientDigits(String plain) {
    String digits = plain.replace("-", "").replace(".", "").replaceFirst("^0+", "");
    return Math.max(1, digits.length());
  }

  static Arbitrary<byte[]> binary(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  /** Values by nesting level: index 1 is an attribute value; index 4 holds no containers. */
  private static final List<Arbitrary<AttributeValue>> VALUES = values();

  /**
   * A value at nesting level {@code level} (1 = attribute value); L and M occur up to level 3, so
   * containers nest at most three deep.
   */
  static Arbitrary<AttributeValue> value(int level) {
    return VALUES.get(level);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Arbitrary<AttributeValue>> values() {
    List<Arbitrary<AttributeValue>> byLevel =
        new ArrayList<>(List.of(none(), none(), none(), none(), none()));
    for (int level = 4; level >= 1; level--) {
      List<Tuple.Tuple2<Integer, Arbitrary<? extends AttributeValue>>> choices = scalarsAndSets();
      if (level <= 3) {
        Arbitrary<AttributeValue> inner = byLevel.get(level + 1);
        choices.add(Tuple.of(2, inner.list().ofMaxSize(4).map(AttributeValue::fromL)));
        choices.add(
            Tuple.of(
                2,
                Arbitraries.maps(attributeName(), inner)
                    .ofMaxSize(4)
                    .map(m -> AttributeValue.fromM(new LinkedHashMap<>(m)))));
      }
      byLevel.set(level, Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0])));
    }
    return List.copyOf(byLevel);
  }

  private static Arbitrary<AttributeValue> none() {
    return Arbitraries.just(AttributeValue.fromNul(true));
  }

  private static List<Tuple.Tuple2<Integer, Arbitrary<? extends AttributeValue>>> scalarsAndSets() {
    List<Tuple.Tuple2<Integer, Arbitrary<? extends AttributeValue>>> choices = new ArrayList<>();
    choices.add(Tuple.of(3, string(0, 12).map(AttributeValue::fromS)));
    choices.add(Tuple.of(3, number().map(AttributeValue::fromN)));
    choices.add(
        Tuple.of(2, binary(0, 32).map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b)))));
    choices.add(Tuple.of(1, Arbitraries.of(true, false).map(AttributeValue::fromBool)));
    choices.add(Tuple.of(1, Arbitraries.just(AttributeValue.fromNul(true))));
    choices.add(
        Tuple.of(
            2,
            string(0, 8)
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(AttributeValue::fromSs)));
    choices.add(
        Tuple.of(
            2,
            number()
                .list()
                .uniqueElements(n -> new BigDecimal(n).stripTrailingZeros())
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(AttributeValue::fromNs)));
    choices.add(
        Tuple.of(
            2,
            binary(1, 12)
                .list()
                .uniqueElements(HEX::formatHex)
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(
                    l -> {
                      List<SdkBytes> members = new ArrayList<>();
                      l.forEach(b -> members.add(SdkBytes.fromByteArray(b)));
                      return AttributeValue.fromBs(members);
                    })));
    return choices;
  }
}
