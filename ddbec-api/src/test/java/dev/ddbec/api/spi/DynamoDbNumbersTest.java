package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DynamoDbNumbersTest {
  @Test
  void isCanonical_whatDynamoDbReturns_isTrue() {
    for (String n :
        new String[] {"0", "7", "-7", "10.5", "0.001", "-0.5", "100", "123456789012345678901234"}) {
      assertThat(DynamoDbNumbers.isCanonical(n)).as(n).isTrue();
    }
  }

  @Test
  void isCanonical_otherSpellings_isFalse() {
    for (String n :
        new String[] {
          "10.50",
          "007",
          "-007",
          "1E+2",
          "1e2",
          "1E-5",
          "+5",
          "-0",
          "0.0",
          "-0.0",
          ".5",
          "5.",
          "",
          "-",
          "1.2.3",
          "abc",
          " 5",
          "5 ",
          "\u0665",
          "NaN",
          "Infinity",
          "1E+999999999"
        }) {
      assertThat(DynamoDbNumbers.isCanonical(n)).as(n).isFalse();
    }
    assertThat(DynamoDbNumbers.isCanonical(null)).isFalse();
  }
}
