package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.canonical;
import static dev.ddbec.core.internal.AttributeValues.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ddbec.api.ItemIntegrityException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeDeserializerTest {
  private static final Set<Integer> KNOWN_TAGS =
      Set.of(
          (int) 'b', (int) 'n', (int) 's', (int) '?', 0, (int) 'B', (int) 'N', (int) 'S', (int) 'L',
          (int) 'M');

  private static void assertMalformed(byte[] data) {
    assertThatThrownBy(() -> AttributeDeserializer.deserialize(data))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageStartingWith("Malformed serialized attribute");
  }

  private static void assertMalformed(String hex) {
    assertMalformed(unhex(hex));
  }

  /** Valid values of every type, some nested, whose serializations are cut below. */
  static Stream<AttributeValue> sampleValues() {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    map.put("b", AttributeValue.fromBool(false));
    map.put("a", AttributeValue.fromNul(true));
    map.put(
        "nested",
        AttributeValue.fromL(
            List.of(
                AttributeValue.fromSs(List.of("x", "\ud83d\ude00")),
                AttributeValue.fromNs(List.of("1", "-2.5")),
                AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1, -128}))),
                AttributeValue.fromM(Map.of()))));
    return Stream.of(
        AttributeValue.fromN("55.00"),
        AttributeValue.fromBool(true),
        AttributeValue.fromNul(true),
        AttributeValue.fromS("h\u00e9"),
        AttributeValue.fromS(""),
        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})),
        AttributeValue.fromNs(List.of("10", "9", "-1.50")),
        AttributeValue.fromSs(List.of("a", "bc")),
        AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))),
        AttributeValue.fromL(List.of()),
        AttributeValue.fromM(map));
  }

  @ParameterizedTest
  @MethodSource("sampleValues")
  void deserialize_serializedValue_returnsEqualValue(AttributeValue value) {
    AttributeValue back = AttributeDeserializer.deserialize(AttributeSerializer.serialize(value));

    assertThat(canonical(back)).isEqualTo(canonical(value));
  }

  @Test
  void deserialize_specExamples_returnsValues() {
    assertThat(AttributeDeserializer.deserialize(unhex("006e000000023535")))
        .isEqualTo(AttributeValue.fromN("55"));
    assertThat(AttributeDeserializer.deserialize(unhex("003f01")))
        .isEqualTo(AttributeValue.fromBool(true));
    assertThat(AttributeDeserializer.deserialize(unhex("0000")))
        .isEqualTo(AttributeValue.fromNul(true));
    assertThat(AttributeDeserializer.deserialize(unhex("00730000000368c3a9")))
        .isEqualTo(AttributeValue.fromS("h\u00e9"));
    assertThat(
            AttributeDeserializer.deserialize(
                unhex("004d 00000002 0073 00000001 61 0000 0073 00000001 62 003f00")))
        .isEqualTo(
            AttributeValue.fromM(
                Map.of("a", AttributeValue.fromNul(true), "b", AttributeValue.fromBool(false))));
  }

  @Test
  void deserialize_numberInStoredSpelling_returnedVerbatim() {
    assertThat(AttributeDeserializer.deserialize(unhex("006e 00000004 31452b32")).n())
        .isEqualTo("1E+2");
  }

  @Test
  void deserialize_duplicateMapKey_lastWins() {
    assertThat(
            AttributeDeserializer.deserialize(
                unhex("004d 00000002 0073 00000001 61 003f00 0073 00000001 61 003f01")))
        .isEqualTo(AttributeValue.fromM(Map.of("a", AttributeValue.fromBool(true))));
  }

  @ParameterizedTest
  @MethodSource("sampleValues")
  void deserialize_everyTruncation_throwsItemIntegrityException(AttributeValue value) {
    byte[] full = AttributeSerializer.serialize(value);

    for (int len = 0; len < full.length; len++) {
      assertMalformed(Arrays.copyOf(full, len));
    }
  }

  @ParameterizedTest
  @MethodSource("sampleValues")
  void deserialize_trailingBytes_throwsItemIntegrityException(AttributeValue value) {
    byte[] full = AttributeSerializer.serialize(value);

    assertMalformed(Arrays.copyOf(full, full.length + 1));
    byte[] twice = new byte[full.length * 2];
    System.arraycopy(full, 0, twice, 0, full.length);
    System.arraycopy(full, 0, twice, full.length, full.length);
    assertMalformed(twice);
  }

  @Test
  void deserialize_emptyInput_throwsItemIntegrityException() {
    assertMalformed(new byte[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0062", "006e", "0073"})
  void deserialize_oversizedLengthPrefix_throwsItemIntegrityException(String tag) {
    for (String len : List.of("7fffffff", "ffffffff", "80000000", "00000002", "fffffffe")) {
      assertMalformed(tag + len + "41");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0042", "004e", "0053", "004c", "004d"})
  void deserialize_hugeCount_throwsItemIntegrityExceptionQuickly(String tag) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          for (String count : List.of("7fffffff", "ffffffff", "80000000", "10000000", "00000003")) {
            assertMalformed(tag + count + "00000000");
          }
        });
  }

  @Test
  void deserialize_hugeCountWithSomeData_throwsItemIntegrityExceptionWithoutHugeAllocation() {
    // A count that fits a 1 MiB input only if every element were 0 bytes.
    byte[] data = new byte[1 << 20];
    ByteBuffer.wrap(data).putShort((short) 'L').putInt(Integer.MAX_VALUE);

    assertMalformed(data);
  }

  @Test
  void deserialize_unknownTypeTag_throwsItemIntegrityException() {
    for (int t = 0; t < 256; t++) {
      if (!KNOWN_TAGS.contains(t)) {
        assertMalformed(new byte[] {0, (byte) t, 0, 0, 0, 0});
      }
    }
  }

  @Test
  void deserialize_nonZeroReservedByte_throwsItemIntegrityException() {
    for (int r = 1; r < 256; r++) {
      assertMalformed(new byte[] {(byte) r, 's', 0, 0, 0, 0});
      assertMalformed(new byte[] {(byte) r, 0});
    }
    // also inside a list
    assertMalformed("004c 00000001 0173 00000000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"02", "ff", "80", "7f"})
  void deserialize_boolByteNotZeroOrOne_throwsItemIntegrityException(String b) {
    assertMalformed("003f" + b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "004d 00000001 006e 00000001 31 0000",
        "004d 00000001 0062 00000001 61 0000",
        "004d 00000001 0000 0000 0000 0000",
        "004d 00000001 003f 01 0000 000000",
        "004d 00000001 004c 00000000 0000 00"
      })
  void deserialize_nonStringMapKey_throwsItemIntegrityException(String h) {
    assertMalformed(h);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0073 00000001 ff",
        "0073 00000002 c328",
        "0073 00000003 eda080",
        "0053 00000001 00000001 80",
        "004d 00000001 0073 00000001 ff 0000"
      })
  void deserialize_invalidUtf8_throwsItemIntegrityException(String h) {
    assertMalformed(h);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "NaN", "1e999999999", "1E+126", "--1", "1 "})
  void deserialize_invalidNumberText_throwsItemIntegrityException(String text) {
    byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer n = ByteBuffer.allocate(6 + t.length).putShort((short) 'n').putInt(t.length).put(t);
    ByteBuffer ns =
        ByteBuffer.allocate(10 + t.length).putShort((short) 'N').putInt(1).putInt(t.length).put(t);

    assertMalformed(n.array());
    assertMalformed(ns.array());
  }

  @Test
  void deserialize_numberTextWithNonAsciiBytes_throwsItemIntegrityException() {
    assertMalformed("006e 00000002 31ff");
  }

  @Test
  void deserialize_nestingDeeperThanLimit_throwsItemIntegrityException() {
    StringBuilder h = new StringBuilder();
    for (int i = 0; i <= AttributeSerializer.MAX_DEPTH + 1; i++) {
      h.append("004c00000001");
    }
    h.append("0000");

    assertMalformed(h.toString());
  }

  @Test
  void deserialize_extremelyDeepNesting_throwsItemIntegrityExceptionNotStackOverflow() {
    int levels = 200_000;
    ByteBuffer b = ByteBuffer.allocate(levels * 6 + 2);
    for (int i = 0; i < levels; i++) {
      b.putShort((short) 'L').putInt(1);
    }
    b.putShort((short) 0);

    assertMalformed(b.array());
  }

  @Test
  void deserialize_offsetAndLength_parsesOnlyThatRange() {
    byte[] value = AttributeSerializer.serialize(AttributeValue.fromS("hi"));
    byte[] padded = new byte[value.length + 6];
    System.arraycopy(value, 0, padded, 3, value.length);
    Arrays.fill(padded, 0, 3, (byte) 0x55);
    Arrays.fill(padded, 3 + value.length, padded.length, (byte) 0x55);

    assertThat(AttributeDeserializer.deserialize(padded, 3, value.length))
        .isEqualTo(AttributeValue.fromS("hi"));
  }

  @Test
  void deserialize_setWithDuplicateMembers_keepsThem() {
    List<String> members = new ArrayList<>(List.of("a", "a"));

    assertThat(
            AttributeDeserializer.deserialize(unhex("0053 00000002 00000001 61 00000001 61")).ss())
        .isEqualTo(members);
  }

  @Test
  void deserialize_validReplacementCharacter_isKept_butMalformedNextToItIsRejected() {
    // U+FFFD encoded correctly (EF BF BD) is a valid string; the JDK's lenient decoder would also
    // produce U+FFFD for malformed input, so both must take the strict decoder.
    assertThat(AttributeDeserializer.deserialize(unhex("0073 00000004 61efbfbd")).s())
        .isEqualTo("a\uFFFD");
    assertMalformed("0073 00000005 efbfbd c328");
    assertMalformed("0073 00000003 eda080"); // an encoded surrogate
    assertMalformed("0073 00000002 c0af"); // an overlong encoding
  }

  @Test
  void deserialize_sharedBuildersAcrossOneItem_giveIndependentValues() {
    ValueBuilders values = new ValueBuilders();
    List<AttributeValue> originals =
        List.of(
            AttributeValue.fromS("first"),
            AttributeValue.fromS("second"),
            AttributeValue.fromN("1"),
            AttributeValue.fromN("2"),
            AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))),
            AttributeValue.fromM(Map.of("k", AttributeValue.fromL(List.of()))),
            AttributeValue.fromL(List.of(AttributeValue.fromS("x"))),
            AttributeValue.fromL(List.of()),
            AttributeValue.fromB(SdkBytes.fromUtf8String("b1")),
            AttributeValue.fromB(SdkBytes.fromUtf8String("b2")),
            AttributeValue.fromSs(List.of("a", "b")),
            AttributeValue.fromNs(List.of("3")),
            AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("c"))));
    List<AttributeValue> read = new ArrayList<>();
    for (AttributeValue v : originals) {
      byte[] bytes = AttributeSerializer.serialize(v);
      read.add(AttributeDeserializer.deserialize(bytes, 0, bytes.length, values));
    }

    // Each value read keeps its own content and type after later values went through the same
    // builders.
    for (int i = 0; i < originals.size(); i++) {
      assertThat(canonical(read.get(i))).isEqualTo(canonical(originals.get(i)));
      assertThat(read.get(i).type()).isEqualTo(originals.get(i).type());
    }
  }
}
