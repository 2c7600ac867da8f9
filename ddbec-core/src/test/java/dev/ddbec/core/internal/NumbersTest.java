package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

  /** docs/format.md §1.3, Java rule (negative zero becomes "0"). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "55.00, 55",
    "55.34000, 55.34",
    "1E+2, 100",
    "1e-5, 0.00001",
    "0.00100, 0.001",
    "+5, 5",
    "-34.20, -34.2",
    "0.000, 0",
    "-0, 0",
    "-0.0, 0",
    "0E+10, 0",
    "-0E-10, 0",
    "10, 10",
    "9, 9",
    "-1.50, -1.5",
    "1.0E+1, 10",
    "123.456e2, 12345.6",
    "00012, 12"
  })
  void normalize_specTable_canonicalText(String input, String expected) {
    assertThat(Numbers.normalize(input)).isEqualTo(expected);
  }

  @Test
  void normalize_thirtyEightDigits_keptExactly() {
    String digits = "12345678901234567890123456789012345678";

    assertThat(Numbers.normalize(digits)).isEqualTo(digits);
    assertThat(Numbers.normalize("-0." + digits)).isEqualTo("-0." + digits);
    assertThat(Numbers.normalize(digits + "000")).isEqualTo(digits + "000");
  }

  @Test
  void normalize_rangeBoundaries_accepted() {
    assertThat(Numbers.normalize("1E-130")).isEqualTo("0." + "0".repeat(129) + "1");
    assertThat(Numbers.normalize("-1E-130")).isEqualTo("-0." + "0".repeat(129) + "1");
    assertThat(Numbers.normalize("9.9999999999999999999999999999999999999E+125"))
        .isEqualTo("99999999999999999999999999999999999999" + "0".repeat(88));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1E+126",
        "-1E+126",
        "\u0661\u0662\u0663",
        "\uff11",
        "1E-131",
        "9.99E-131",
        "123456789012345678901234567890123456789",
        "0.123456789012345678901234567890123456789",
        "1e999999999",
        "1e-999999999",
        "1e2147483647",
        "1e-2147483648",
        "1e2147483648",
        "NaN",
        "Infinity",
        "",
        "-",
        ".",
        "e5",
        "1,5"
      })
  void normalize_outsideDynamoDbNumbers_throwsIllegalArgumentException(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () ->
            assertThatThrownBy(() -> Numbers.normalize(text))
                .isInstanceOf(IllegalArgumentException.class));
  }

  @Test
  void normalize_null_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> Numbers.normalize(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void normalize_textLongerThanLimit_throwsIllegalArgumentException() {
    String longZeros = "0." + "0".repeat(Numbers.MAX_TEXT_LENGTH) + "1";

    assertThatThrownBy(() -> Numbers.normalize(longZeros))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
