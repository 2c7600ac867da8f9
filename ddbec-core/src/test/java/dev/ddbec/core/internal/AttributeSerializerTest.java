package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.hex;
import static dev.ddbec.core.internal.AttributeValues.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ddbec.api.InvalidItemException;
import dev.ddbec.core.format.SetOrdering;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeSerializerTest {

  private static SdkBytes bytes(String hex) {
    return SdkBytes.fromByteArray(unhex(hex));
  }

  /** The examples of docs/format.md §1.2, validated against both official clients. */
  static Stream<Arguments> formatExamples() {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    map.put("b", AttributeValue.fromBool(false));
    map.put("a", AttributeValue.fromNul(true));
    return Stream.of(
        Arguments.of(AttributeValue.fromN("55.00"), "00 6e 00 00 00 02 35 35"),
        Arguments.of(AttributeValue.fromBool(true), "00 3f 01"),
        Arguments.of(AttributeValue.fromNul(true), "00 00"),
        Arguments.of(AttributeValue.fromS("h\u00e9"), "00 73 00 00 00 03 68 c3 a9"),
        Arguments.of(
            AttributeValue.fromNs(List.of("10", "9", "-1.50")),
            "00 4e 00 00 00 03 | 00 00 00 04 2d 31 2e 35 | 00 00 00 02 31 30 | 00 00 00 01 39"),
        Arguments.of(
            AttributeValue.fromBs(List.of(bytes("02"), bytes("01ff"))),
            "00 42 00 00 00 02 | 00 00 00 02 01 ff | 00 00 00 01 02"),
        Arguments.of(
            AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))),
            "00 4c 00 00 00 02 00 73 00 00 00 01 61 00 6e 00 00 00 01 31"),
        Arguments.of(
            AttributeValue.fromM(map),
            "00 4d 00 00 00 02 00 73 00 00 00 01 61 00 00 00 73 00 00 00 01 62 00 3f 00"));
  }

  @ParameterizedTest
  @MethodSource("formatExamples")
  void serialize_formatExample_matchesSpecBytes(AttributeValue value, String expectedHex) {
    byte[] expected = unhex(expectedHex);

    assertThat(hex(AttributeSerializer.serialize(value))).isEqualTo(hex(expected));
    assertThat(hex(AttributeSerializer.serialize(value, SetOrdering.PYTHON)))
        .isEqualTo(hex(expected));
  }

  @Test
  void serialize_binary_tagAndLengthPrefix() {
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromB(bytes("00ff10")))))
        .isEqualTo("006200000003" + "00ff10");
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromB(bytes("")))))
        .isEqualTo("006200000000");
  }

  @Test
  void serialize_emptyString_zeroLength() {
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromS(""))))
        .isEqualTo("007300000000");
  }

  @Test
  void serialize_boolFalse_singleZeroByte() {
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromBool(false))))
        .isEqualTo("003f00");
  }

  @Test
  void serialize_stringSet_sortedAndUtf8() {
    byte[] out = AttributeSerializer.serialize(AttributeValue.fromSs(List.of("b", "\u00e9", "a")));

    assertThat(hex(out))
        .isEqualTo("0053" + "00000003" + "0000000161" + "0000000162" + "00000002c3a9");
  }

  @Test
  void serialize_numberSetNeedingNormalization_sortsNormalizedText() {
    byte[] out = AttributeSerializer.serialize(AttributeValue.fromNs(List.of("1E+2", "0.50")));

    // "0.5" < "100" by text
    assertThat(new String(out, StandardCharsets.ISO_8859_1)).contains("0.5", "100");
    assertThat(hex(out))
        .isEqualTo(
            "004e"
                + "00000002"
                + "00000003"
                + hex("0.5".getBytes())
                + "00000003"
                + hex("100".getBytes()));
  }

  @Test
  void serialize_mapKeysOutOfOrder_sortedByKey() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("z", AttributeValue.fromN("1"));
    m.put("a", AttributeValue.fromN("2"));
    Map<String, AttributeValue> reversed = new LinkedHashMap<>();
    reversed.put("a", AttributeValue.fromN("2"));
    reversed.put("z", AttributeValue.fromN("1"));

    assertThat(AttributeSerializer.serialize(AttributeValue.fromM(m)))
        .isEqualTo(AttributeSerializer.serialize(AttributeValue.fromM(reversed)));
  }

  @Test
  void serialize_emptyListAndMap_zeroCount() {
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromL(List.of()))))
        .isEqualTo("004c00000000");
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromM(Map.of()))))
        .isEqualTo("004d00000000");
  }

  @Test
  void serialize_numberSpelledDifferently_sameBytes() {
    assertThat(AttributeSerializer.serialize(AttributeValue.fromN("1e2")))
        .isEqualTo(AttributeSerializer.serialize(AttributeValue.fromN("100.000")));
    assertThat(AttributeSerializer.serialize(AttributeValue.fromN("-0")))
        .isEqualTo(AttributeSerializer.serialize(AttributeValue.fromN("0")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "1E+126",
        "1E-131",
        "123456789012345678901234567890123456789",
        "1.23456789012345678901234567890123456789",
        "NaN",
        "Infinity",
        "-Infinity",
        "",
        "abc",
        " 1",
        "1 ",
        "1e",
        "0x10",
        "1e2147483648"
      })
  void serialize_invalidNumber_throwsInvalidItemExceptionQuickly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThatThrownBy(() -> AttributeSerializer.serialize(AttributeValue.fromN(text)))
              .isInstanceOf(InvalidItemException.class);
          assertThatThrownBy(
                  () -> AttributeSerializer.serialize(AttributeValue.fromNs(List.of("1", text))))
              .isInstanceOf(InvalidItemException.class);
        });
  }

  @Test
  void serialize_veryLongNumberText_throwsInvalidItemExceptionQuickly() {
    String huge = "1" + "0".repeat(1_000_000);

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> AttributeSerializer.serialize(AttributeValue.fromN(huge)))
                .isInstanceOf(InvalidItemException.class));
  }

  @Test
  void serialize_nullNumberSetMember_throwsInvalidItemException() {
    assertThatThrownBy(
            () -> AttributeSerializer.serialize(AttributeValue.fromNs(Arrays.asList("1", null))))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nullStringSetMember_throwsInvalidItemException() {
    assertThatThrownBy(
            () -> AttributeSerializer.serialize(AttributeValue.fromSs(Arrays.asList("a", null))))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nullBinarySetMember_throwsInvalidItemException() {
    assertThatThrownBy(
            () ->
                AttributeSerializer.serialize(
                    AttributeValue.fromBs(Arrays.asList(bytes("01"), null))))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nullListElement_throwsInvalidItemException() {
    assertThatThrownBy(
            () ->
                AttributeSerializer.serialize(
                    AttributeValue.fromL(Arrays.asList(AttributeValue.fromS("a"), null))))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nullValue_throwsInvalidItemException() {
    assertThatThrownBy(() -> AttributeSerializer.serialize(null))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_valueWithoutType_throwsInvalidItemException() {
    assertThatThrownBy(() -> AttributeSerializer.serialize(AttributeValue.builder().build()))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nestedDeeperThanLimit_throwsInvalidItemException() {
    AttributeValue v = AttributeValue.fromN("1");
    for (int i = 0; i <= AttributeSerializer.MAX_DEPTH; i++) {
      v = AttributeValue.fromL(List.of(v));
    }
    AttributeValue tooDeep = AttributeValue.fromL(List.of(v));

    assertThatThrownBy(() -> AttributeSerializer.serialize(tooDeep))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_nestedAtLimit_succeeds() {
    AttributeValue v = AttributeValue.fromN("1");
    for (int i = 0; i < AttributeSerializer.MAX_DEPTH; i++) {
      v = AttributeValue.fromM(Map.of("k", v));
    }

    assertThat(AttributeDeserializer.deserialize(AttributeSerializer.serialize(v))).isEqualTo(v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00b", "\udc00\ud800", "x\ud83d"})
  void serialize_stringWithUnpairedSurrogate_throwsInvalidItemException(String s) {
    assertThatThrownBy(() -> AttributeSerializer.serialize(AttributeValue.fromS(s)))
        .isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> AttributeSerializer.serialize(AttributeValue.fromSs(List.of(s))))
        .isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(
            () ->
                AttributeSerializer.serialize(
                    AttributeValue.fromM(Map.of(s, AttributeValue.fromNul(true)))))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void serialize_supplementaryCharacter_fourByteUtf8() {
    assertThat(hex(AttributeSerializer.serialize(AttributeValue.fromS("\ud83d\ude00"))))
        .isEqualTo("007300000004f09f9880");
  }

  @Test
  void orderingSensitive_setsAndMaps_trueOnlyWithTwoOrMoreMembers() {
    assertThat(AttributeSerializer.orderingSensitive(AttributeValue.fromSs(List.of("a"))))
        .isFalse();
    assertThat(AttributeSerializer.orderingSensitive(AttributeValue.fromSs(List.of("a", "b"))))
        .isTrue();
    assertThat(
            AttributeSerializer.orderingSensitive(
                AttributeValue.fromBs(List.of(bytes("01"), bytes("80")))))
        .isTrue();
    assertThat(
            AttributeSerializer.orderingSensitive(
                AttributeValue.fromL(
                    List.of(AttributeValue.fromM(Map.of("a", AttributeValue.fromN("1")))))))
        .isFalse();
    assertThat(AttributeSerializer.orderingSensitive(AttributeValue.fromNs(List.of("1", "2"))))
        .isFalse();
  }
}
