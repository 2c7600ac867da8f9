package dev.ddbec.core.format;

import static dev.ddbec.core.internal.AttributeValues.hex;
import static dev.ddbec.core.internal.AttributeValues.unhex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SetOrderingTest {
  private static final String FULLWIDTH_A = "\uff21";
  private static final String GRINNING_FACE = "\ud83d\ude00"; // U+1F600

  private static AttributeValue binarySet(String... hexMembers) {
    List<SdkBytes> members = new ArrayList<>();
    for (String h : hexMembers) {
      members.add(SdkBytes.fromByteArray(unhex(h)));
    }
    return AttributeValue.fromBs(members);
  }

  private static String lv(String hexBytes) {
    return String.format("%08x", hexBytes.length() / 2) + hexBytes;
  }

  /** The string set {U+FF21, U+1F600, a} serializes with its members in {@code order}. */
  private static void assertStringSetSerializedAs(SetOrdering ordering, String... order) {
    AttributeValue set = AttributeValue.fromSs(List.of(FULLWIDTH_A, GRINNING_FACE, "a"));
    StringBuilder expected = new StringBuilder("0053" + "00000003");
    for (String member : order) {
      expected.append(lv(utf8(member)));
    }
    assertThat(hex(ItemFormat.serialize(set, ordering))).isEqualTo(expected.toString());
  }

  private static String utf8(String s) {
    return hex(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void serialize_binarySetJavaOrdering_signedBytes() {
    // docs/format.md §1.4: Java [80][ff00][01][0102]
    byte[] out = ItemFormat.serialize(binarySet("80", "01", "ff00", "0102"), SetOrdering.JAVA);

    assertThat(hex(out))
        .isEqualTo("0042" + "00000004" + lv("80") + lv("ff00") + lv("01") + lv("0102"));
  }

  @Test
  void serialize_binarySetPythonOrdering_unsignedBytes() {
    // docs/format.md §1.4: Python [01][0102][80][ff00]
    byte[] out = ItemFormat.serialize(binarySet("80", "01", "ff00", "0102"), SetOrdering.PYTHON);

    assertThat(hex(out))
        .isEqualTo("0042" + "00000004" + lv("01") + lv("0102") + lv("80") + lv("ff00"));
  }

  @Test
  void serialize_stringSetJavaOrdering_utf16CodeUnits() {
    // docs/format.md §1.4: Java a, U+1F600, U+FF21
    assertStringSetSerializedAs(SetOrdering.JAVA, "a", GRINNING_FACE, FULLWIDTH_A);
  }

  @Test
  void serialize_stringSetPythonOrdering_codePoints() {
    // docs/format.md §1.4: Python a, U+FF21, U+1F600
    assertStringSetSerializedAs(SetOrdering.PYTHON, "a", FULLWIDTH_A, GRINNING_FACE);
  }

  @Test
  void serialize_binarySetLowBytesOnly_bothOrderingsAgree() {
    AttributeValue set = binarySet("02", "017f", "0100", "7f", "");

    assertThat(ItemFormat.serialize(set, SetOrdering.JAVA))
        .isEqualTo(ItemFormat.serialize(set, SetOrdering.PYTHON));
  }

  @Test
  void strings_mapKeysMixingPlanes_orderingsDiffer() {
    List<String> keys = new ArrayList<>(List.of(FULLWIDTH_A, GRINNING_FACE));

    keys.sort(SetOrdering.JAVA.strings());
    assertThat(keys).containsExactly(GRINNING_FACE, FULLWIDTH_A);
    keys.sort(SetOrdering.PYTHON.strings());
    assertThat(keys).containsExactly(FULLWIDTH_A, GRINNING_FACE);
  }

  @Test
  void compareCodePoints_prefix_shorterFirst() {
    assertThat(SetOrdering.compareCodePoints("ab", "abc")).isNegative();
    assertThat(SetOrdering.compareCodePoints("abc", "ab")).isPositive();
    assertThat(SetOrdering.compareCodePoints(GRINNING_FACE, GRINNING_FACE)).isZero();
    assertThat(SetOrdering.compareCodePoints("", "")).isZero();
  }

  @Test
  void compareSigned_prefix_shorterFirst() {
    assertThat(SetOrdering.compareSigned(unhex("01"), unhex("0102"))).isNegative();
    assertThat(SetOrdering.compareSigned(unhex("80"), unhex("01"))).isNegative();
    assertThat(SetOrdering.compareSigned(unhex(""), unhex("80"))).isNegative();
  }
}
