package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.hex;
import static dev.ddbec.core.internal.AttributeValues.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaterialDescriptionCodecTest {
  /** docs/format.md §2.1: {"A": "yz", "B": "x"}. */
  private static final String EXAMPLE_HEX =
      "00 00 00 00 | 00 00 00 01 41 | 00 00 00 02 79 7a | 00 00 00 01 42 | 00 00 00 01 78";

  @Test
  void encode_specExample_matchesSpecBytes() {
    Map<String, String> description = new LinkedHashMap<>();
    description.put("B", "x");
    description.put("A", "yz");

    assertThat(hex(MaterialDescriptionCodec.encode(description)))
        .isEqualTo(hex(unhex(EXAMPLE_HEX)));
  }

  @Test
  void decode_specExample_returnsEntries() {
    assertThat(MaterialDescriptionCodec.decode(unhex(EXAMPLE_HEX)))
        .containsExactly(Map.entry("A", "yz"), Map.entry("B", "x"));
  }

  @Test
  void encode_emptyDescription_versionOnly() {
    assertThat(hex(MaterialDescriptionCodec.encode(Map.of()))).isEqualTo("00000000");
    assertThat(MaterialDescriptionCodec.decode(unhex("00000000"))).isEmpty();
  }

  @Test
  void decode_entriesInAnyOrder_accepted() {
    byte[] unsorted = unhex("00000000 | 00000001 42 | 00000001 78 | 00000001 41 | 00000002 797a");

    assertThat(MaterialDescriptionCodec.decode(unsorted)).isEqualTo(Map.of("A", "yz", "B", "x"));
  }

  @Test
  void decode_duplicateKey_lastWins() {
    byte[] dup = unhex("00000000 | 00000001 41 | 00000001 31 | 00000001 41 | 00000001 32");

    assertThat(MaterialDescriptionCodec.decode(dup)).isEqualTo(Map.of("A", "2"));
  }

  @Test
  void decode_emptyKeyAndValue_accepted() {
    assertThat(MaterialDescriptionCodec.decode(unhex("00000000 00000000 00000000")))
        .isEqualTo(Map.of("", ""));
  }

  @Test
  void encodeThenDecode_unicodeEntries_roundTrip() {
    Map<String, String> d = Map.of("k\u00e9y", "v\ud83d\ude00", "amzn-ddb-env-alg", "AES/256");

    assertThat(MaterialDescriptionCodec.decode(MaterialDescriptionCodec.encode(d))).isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000001", "00000001 00000001 41 00000001 42", "ffffffff", "80000000"})
  void decode_versionNotZero_throwsUnsupportedFormatException(String h) {
    assertThatThrownBy(() -> MaterialDescriptionCodec.decode(unhex(h)))
        .isInstanceOf(UnsupportedFormatException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "00", "0000", "000000"})
  void decode_shorterThanVersion_throwsItemIntegrityException(String h) {
    assertThatThrownBy(() -> MaterialDescriptionCodec.decode(unhex(h)))
        .isInstanceOf(ItemIntegrityException.class)
        .isNotInstanceOf(UnsupportedFormatException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // truncated key length
        "00000000 00",
        "00000000 000000",
        // key longer than the data
        "00000000 00000002 41",
        // key without value
        "00000000 00000001 41",
        // truncated value length
        "00000000 00000001 41 0000",
        // value longer than the data
        "00000000 00000001 41 00000003 7879",
        // oversized lengths
        "00000000 7fffffff 41",
        "00000000 ffffffff 41",
        "00000000 80000000 41",
        "00000000 00000001 41 7fffffff 78",
        "00000000 00000001 41 ffffffff 78",
        "00000000 00000001 41 fffffffc 78",
        // invalid UTF-8 in key and value
        "00000000 00000001 ff 00000001 78",
        "00000000 00000001 41 00000002 c328",
        "00000000 00000003 eda080 00000000",
      })
  void decode_malformed_throwsItemIntegrityException(String h) {
    assertThatThrownBy(() -> MaterialDescriptionCodec.decode(unhex(h)))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void decode_everyPrefixOfValidEncoding_failsOrDecodesWholeEntries() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("amzn-ddb-map-sym-mode", "/CBC/PKCS5Padding");
    d.put("amzn-ddb-map-signingAlg", "HmacSHA256");
    d.put("caf\u00e9", "\ud83d\ude00");
    byte[] full = MaterialDescriptionCodec.encode(d);
    List<String> sortedKeys = d.keySet().stream().sorted().toList();

    for (int len = 0; len < full.length; len++) {
      byte[] prefix = Arrays.copyOf(full, len);
      Map<String, String> decoded;
      try {
        decoded = MaterialDescriptionCodec.decode(prefix);
      } catch (ItemIntegrityException e) {
        continue;
      }
      // Only prefixes ending exactly at an entry boundary decode: the first k sorted entries.
      assertThat(sortedKeys.subList(0, decoded.size()))
          .as("prefix of %d bytes", len)
          .containsExactlyElementsOf(decoded.keySet());
      assertThat(MaterialDescriptionCodec.encode(decoded)).isEqualTo(prefix);
    }
  }
}
