package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrappedKeyDescriptionTest {
  private static final byte[] WRAPPED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  private static final String WRAPPED_B64 = Base64.getEncoder().encodeToString(WRAPPED);

  private static EncryptionContext context(Map<String, String> description) {
    return EncryptionContext.builder()
        .tableName("Books")
        .partitionKeyName("pk")
        .materialDescription(description)
        .build();
  }

  private static Map<String, String> entries(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void withWrappedKey_addsThreeEntriesAndKeepsTheProvidersOwn() {
    Map<String, String> own = Map.of("app", "books");

    Map<String, String> d = WrappedKeyDescription.withWrappedKey(own, WRAPPED, "AESWrap");

    assertThat(d)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app", "books",
                "amzn-ddb-env-key", WRAPPED_B64,
                "amzn-ddb-env-alg", "AES/256",
                "amzn-ddb-wrap-alg", "AESWrap"));
    assertThat(own).containsOnlyKeys("app");
    assertThatThrownBy(() -> d.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void parse_whatWithWrappedKeyWrote_returnsTheSameValues() {
    WrappedKeyDescription w =
        WrappedKeyDescription.parse(
            context(
                WrappedKeyDescription.withWrappedKey(
                    Map.of(), WRAPPED, "RSA/ECB/OAEPWithSHA-256AndMGF1Padding")));

    assertThat(w.wrappedKey()).containsExactly(WRAPPED);
    assertThat(w.contentKeyAlgorithm()).isEqualTo("AES");
    assertThat(w.keyBits()).hasValue(256);
    assertThat(w.wrapAlgorithm()).contains("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
  }

  @Test
  void parse_oldWriterWithoutEnvAlgAndWrapAlg_meansAesOfAnyLengthAndNoTransformation() {
    WrappedKeyDescription w =
        WrappedKeyDescription.parse(context(entries("amzn-ddb-env-key", WRAPPED_B64)));

    assertThat(w.contentKeyAlgorithm()).isEqualTo("AES");
    assertThat(w.keyBits()).isEmpty();
    assertThat(w.wrapAlgorithm()).isEmpty();
    assertThatCode(() -> w.checkKeyLength(16)).doesNotThrowAnyException();
    assertThatCode(() -> w.checkKeyLength(32)).doesNotThrowAnyException();
  }

  @Test
  void parse_mimeBase64WithLineBreaks_decodes() {
    String mime = WRAPPED_B64.substring(0, 8) + "\r\n" + WRAPPED_B64.substring(8);

    WrappedKeyDescription w =
        WrappedKeyDescription.parse(context(entries("amzn-ddb-env-key", mime)));

    assertThat(w.wrappedKey()).containsExactly(WRAPPED);
  }

  @Test
  void parse_envKeyMissing_throwsItemIntegrityExceptionNamingTableAndEntry() {
    assertThatThrownBy(
            () -> WrappedKeyDescription.parse(context(entries("amzn-ddb-env-alg", "AES/256"))))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessage(
            "Item in table Books has no wrapped content key (amzn-ddb-env-key): it was not written"
                + " by a wrapped provider");
  }

  @Test
  void parse_envKeyNotBase64_throwsItemIntegrityExceptionWithoutTheValue() {
    // The MIME decoder skips characters outside the alphabet, but not a broken padded unit.
    assertThatThrownBy(
            () -> WrappedKeyDescription.parse(context(entries("amzn-ddb-env-key", "QUJD=A"))))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessage("The item's amzn-ddb-env-key is not valid Base64")
        .hasMessageNotContaining("QUJD=A");
  }

  @Test
  void parse_contentAlgorithmNotAes_throwsUnsupportedFormatException() {
    for (String envAlg : new String[] {"DESede/168", "DESede", "aes/256", ""}) {
      assertThatThrownBy(
              () ->
                  WrappedKeyDescription.parse(
                      context(
                          entries("amzn-ddb-env-key", WRAPPED_B64, "amzn-ddb-env-alg", envAlg))))
          .as(envAlg)
          .isInstanceOf(UnsupportedFormatException.class)
          .hasMessage(
              "Unsupported content key algorithm in amzn-ddb-env-alg; ddbec reads AES content"
                  + " keys");
    }
  }

  @Test
  void checkKeyLength_lengthDiffersFromEnvAlg_throwsItemIntegrityException() {
    WrappedKeyDescription w =
        WrappedKeyDescription.parse(
            context(entries("amzn-ddb-env-key", WRAPPED_B64, "amzn-ddb-env-alg", "AES/128")));

    assertThatCode(() -> w.checkKeyLength(16)).doesNotThrowAnyException();
    assertThatThrownBy(() -> w.checkKeyLength(32))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessage("The unwrapped content key length does not match amzn-ddb-env-alg");
  }

  @Test
  void checkKeyLength_lengthNotPlainDecimal_throwsForEveryKeyAndKeyBitsIsEmpty() {
    for (String envAlg : new String[] {"AES/0256", "AES/+256", "AES/", "AES/256 "}) {
      WrappedKeyDescription w =
          WrappedKeyDescription.parse(
              context(entries("amzn-ddb-env-key", WRAPPED_B64, "amzn-ddb-env-alg", envAlg)));

      assertThat(w.keyBits()).as(envAlg).isEmpty();
      assertThatThrownBy(() -> w.checkKeyLength(32))
          .as(envAlg)
          .isInstanceOf(ItemIntegrityException.class);
    }
  }

  @Test
  void wrappedKey_returnedArrayChanged_parsedValueUnchanged() {
    WrappedKeyDescription w =
        WrappedKeyDescription.parse(context(entries("amzn-ddb-env-key", WRAPPED_B64)));

    w.wrappedKey()[0] = 99;

    assertThat(w.wrappedKey()).containsExactly(WRAPPED);
  }

  @Test
  void hasWrappedKey_tellsWhetherEnvKeyIsPresent() {
    assertThat(WrappedKeyDescription.hasWrappedKey(entries("amzn-ddb-env-key", WRAPPED_B64)))
        .isTrue();
    assertThat(WrappedKeyDescription.hasWrappedKey(entries("amzn-ddb-env-alg", "AES/256")))
        .isFalse();
  }

  @Test
  void requireNoWrappedKeyEntries_reservedKeySet_throwsNamingIt() {
    for (String reserved :
        new String[] {"amzn-ddb-env-key", "amzn-ddb-env-alg", "amzn-ddb-wrap-alg"}) {
      assertThatThrownBy(
              () ->
                  WrappedKeyDescription.requireNoWrappedKeyEntries(
                      entries("a", "b", reserved, "x")))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessage(
              "'" + reserved + "' is written by the provider and cannot be set in the description");
    }
    assertThatCode(
            () -> WrappedKeyDescription.requireNoWrappedKeyEntries(entries("amzn-ddb-other", "x")))
        .doesNotThrowAnyException();
  }

  @Test
  void toString_showsAlgorithmsAndLengthButNotTheWrappedKey() {
    WrappedKeyDescription w =
        WrappedKeyDescription.parse(
            context(
                entries(
                    "amzn-ddb-env-key", WRAPPED_B64,
                    "amzn-ddb-env-alg", "AES/256",
                    "amzn-ddb-wrap-alg", "AESWrap")));

    assertThat(w.toString()).contains("AES/256", "AESWrap", "12 bytes").doesNotContain(WRAPPED_B64);
  }
}
