package dev.ddbec.provider.pkcs11.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pkcs11UriTest {
  @Test
  void parse_plainLabel_isObjectOnly() {
    assertThat(Pkcs11Uri.parse("wrap-key", "o"))
        .isEqualTo(new Pkcs11Uri(Optional.empty(), "wrap-key", Optional.empty()));
  }

  @Test
  void parse_rfc7512Uri_readsTokenObjectAndType() {
    assertThat(Pkcs11Uri.parse("pkcs11:token=ddbec;object=wrap-key;type=secret-key", "o"))
        .isEqualTo(new Pkcs11Uri(Optional.of("ddbec"), "wrap-key", Optional.of("secret-key")));
  }

  @Test
  void parse_percentEncodedUtf8_isDecoded() {
    Pkcs11Uri u = Pkcs11Uri.parse("pkcs11:token=my%20token;object=cl%C3%A9%3b1;serial=abc", "o");
    assertThat(u.token()).contains("my token");
    assertThat(u.object()).isEqualTo("clé;1");
  }

  @Test
  void parse_unsupportedOrMalformed_throwsNamingTheOption() {
    for (String bad :
        new String[] {
          "pkcs11:id=%01%02",
          "pkcs11:object=k?pin-value=1234",
          "pkcs11:token=ddbec",
          "pkcs11:object=a;object=b",
          "pkcs11:object=a%2",
          "pkcs11:object=a%zz",
          "pkcs11:object=%C3",
          "pkcs11:object=k;type=data",
          "pkcs11:object",
          " "
        }) {
      assertThatThrownBy(() -> Pkcs11Uri.parse(bad, "wrapping-key"))
          .as(bad)
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("wrapping-key")
          .hasMessageNotContaining("1234");
    }
  }

  @Test
  void checkToken_otherToken_throws() {
    Pkcs11Uri u = Pkcs11Uri.parse("pkcs11:token=a;object=k", "o");
    u.checkToken("a", "o");
    u.checkToken(null, "o");
    assertThatThrownBy(() -> u.checkToken("b", "o"))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
