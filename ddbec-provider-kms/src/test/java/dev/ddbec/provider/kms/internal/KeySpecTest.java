package dev.ddbec.provider.kms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeySpecTest {
  @Test
  void parse_algorithmAndBits_splitsOnFirstSlash() {
    assertThat(KeySpec.parse("AES/256")).isEqualTo(new KeySpec("AES/256", "AES", 256));
    assertThat(KeySpec.parse("HmacSHA512/512").bytes()).isEqualTo(64);
  }

  @Test
  void parse_noBits_means256AndKeepsTheTextVerbatim() {
    KeySpec s = KeySpec.parse("AES");
    assertThat(s.bits()).isEqualTo(256);
    assertThat(s.description()).isEqualTo("AES");
  }

  @Test
  void isAes_onlyAesWithStandardLengths() {
    assertThat(KeySpec.parse("AES/128").isAes()).isTrue();
    assertThat(KeySpec.parse("AES/192").isAes()).isTrue();
    assertThat(KeySpec.parse("AES/64").isAes()).isFalse();
    assertThat(KeySpec.parse("DESede/192").isAes()).isFalse();
  }

  @Test
  void parse_malformed_throws() {
    for (String bad : new String[] {"", "/256", "AES/", "AES/abc", "AES/12", "AES/-8", "AES/0"}) {
      assertThatThrownBy(() -> KeySpec.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
