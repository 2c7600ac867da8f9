package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deserializer's number fast path accepts only what {@link Numbers#normalize} accepts. */
class AttributeDeserializerFastPathTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "7",
        "-12.5",
        "00012",
        "12345678901234567890123456789012345678",
        "0.000000000000000000000000000000000001",
        "-9999999999999999999999999999999999999"
      })
  void isShortPlainDecimal_canonicalForms_acceptedAndValid(String text) {
    assertThat(AttributeDeserializer.isShortPlainDecimal(text)).isTrue();
    assertThatCode(() -> Numbers.normalize(text)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        ".5",
        "1.",
        "1e5",
        "+1",
        "1.2.3",
        "--1",
        "1-",
        "\u0661",
        " 1",
        "123456789012345678901234567890123456789"
      })
  void isShortPlainDecimal_otherForms_leftToTheFullParse(String text) {
    assertThat(AttributeDeserializer.isShortPlainDecimal(text)).isFalse();
  }

  @Property(tries = 2000)
  void isShortPlainDecimal_anyText_impliesNormalizeAccepts(
      @ForAll @StringLength(max = 40) @Chars({'0', '1', '9', '-', '.', 'e', '+'}) String text) {
    if (AttributeDeserializer.isShortPlainDecimal(text)) {
      assertThatCode(() -> Numbers.normalize(text)).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "-12.5", "10", "100.25", "-0.001", "123456789"})
  void numbersIsCanonical_canonicalText_isItsOwnNormalization(String text) {
    assertThat(Numbers.isCanonical(text)).isTrue();
    assertThat(new java.math.BigDecimal(text).stripTrailingZeros().toPlainString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "00", "01", "1.0", "1.", ".5", "-", "1e2", "+1", "0.10", "-0.0"})
  void numbersIsCanonical_nonCanonicalText_takesTheFullPath(String text) {
    assertThat(Numbers.isCanonical(text)).isFalse();
  }

  @Property(tries = 3000)
  void numbersIsCanonical_anyText_agreesWithBigDecimal(
      @ForAll @StringLength(min = 1, max = 40) @Chars({'0', '1', '9', '-', '.'}) String text) {
    if (Numbers.isCanonical(text)) {
      java.math.BigDecimal d = new java.math.BigDecimal(text);
      String slow = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
      assertThat(slow).isEqualTo(text);
    }
  }
}
