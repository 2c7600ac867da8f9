package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ReservedAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        FormatNames.SYM_MODE,
        FormatNames.SIGNING_ALG,
        FormatNames.ENV_KEY,
        FormatNames.ENV_ALG,
        FormatNames.WRAP_ALG,
        FormatNames.SIG_ALG,
        FormatNames.META_ID,
        FormatNames.KMS_CONTEXT_ATTRIBUTE,
        "amzn-ddb-some-future-key"
      })
  void isReservedDescriptionKey_formatKey_true(String key) {
    assertThat(FormatNames.isReservedDescriptionKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "purpose", "amzn-ddb", "AMZN-DDB-ENV-KEY", "x-amzn-ddb-env-key"})
  void isReservedDescriptionKey_ownKey_false(String key) {
    assertThat(FormatNames.isReservedDescriptionKey(key)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*amzn-ddb-map-desc*", "*amzn-ddb-map-sig*"})
  void isReservedAttribute_formatAttribute_trueAndSameAsReservedAttributes(String name) {
    assertThat(FormatNames.isReservedAttribute(name)).isTrue();
    assertThat(ReservedAttributes.isReserved(name)).isTrue();
    assertThat(FormatNames.RESERVED_ATTRIBUTES).isEqualTo(ReservedAttributes.ALL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"amzn-ddb-map-desc", "pk", FormatNames.ENV_KEY})
  void isReservedAttribute_otherName_false(String name) {
    assertThat(FormatNames.isReservedAttribute(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {FormatNames.META_ID, FormatNames.KMS_CONTEXT_ATTRIBUTE})
  void requireNoReservedKeys_reservedKey_throwsNamingItAndTheAdvice(String key) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("app", "clinic");
    d.put(key, "secret-looking value");

    assertThatThrownBy(() -> FormatNames.requireNoReservedKeys(d, "use the builder"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining("reserved")
        .hasMessageEndingWith("; use the builder")
        .hasMessageNotContaining("secret-looking value");
  }

  @Test
  void requireNoReservedKeys_ownKeysOnly_accepts() {
    assertThatCode(() -> FormatNames.requireNoReservedKeys(Map.of("app", "clinic"), null))
        .doesNotThrowAnyException();
  }

  @Test
  void descriptionKeys_followTheDescriptionBase() {
    assertThat(FormatNames.DEFAULTS.symModeKey()).isEqualTo(FormatNames.SYM_MODE);
    assertThat(FormatNames.DEFAULTS.signingAlgorithmKey()).isEqualTo(FormatNames.SIGNING_ALG);

    FormatNames custom = FormatNames.DEFAULTS.withDescriptionBase("acme-");

    assertThat(custom.symModeKey()).isEqualTo("acme-sym-mode");
    assertThat(custom.signingAlgorithmKey()).isEqualTo("acme-signingAlg");
    assertThat(custom.withDescriptionBase(FormatNames.DESCRIPTION_BASE).symModeKey())
        .isEqualTo(FormatNames.SYM_MODE);
  }
}
