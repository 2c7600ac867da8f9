package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSinkTest {

  /**
   * A one-shot sink copies strings by the char loop only; a reusable one long chunks by encoder.
   */
  private static ByteSink sink(boolean reusable) {
    return reusable ? ByteSink.reusable(16) : new ByteSink(16);
  }

  @Test
  void writeLengthPrefixedAscii_asciiString_writesLengthAndBytes() {
    ByteSink sink = new ByteSink(16);
    sink.write(7);

    assertThat(sink.writeLengthPrefixedAscii("title-42")).isTrue();

    byte[] expected = new byte[1 + 4 + 8];
    expected[0] = 7;
    expected[4] = 8;
    System.arraycopy("title-42".getBytes(StandardCharsets.US_ASCII), 0, expected, 5, 8);
    assertThat(sink.toByteArray()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "reusable sink: {0}")
  @ValueSource(booleans = {false, true})
  void writeLengthPrefixedAscii_nonAsciiAnywhere_writesNothingAndLeavesNoCopiedChars(
      boolean reusable) {
    // the non-ASCII char first, in the middle, last; Latin-1 and beyond; a long string that grows
    // the buffer; short chunks (the char loop) and long ones (the encoder), the non-ASCII char in
    // the second of two long chunks, and in a short last chunk after a long one
    String secret = "attack at dawn ".repeat(20);
    String twoChunks = "attack at dawn ".repeat(80);
    for (String s :
        new String[] {
          "é" + secret,
          secret + "\u0141" + secret,
          secret + "\uD83D\uDE00",
          "caf\u00e9",
          twoChunks + "\u0141" + secret,
          "attack at dawn ".repeat(68) + "abcd\u00e9",
          "a\uD83D"
        }) {
      ByteSink sink = sink(reusable);
      sink.write(7);

      assertThat(sink.writeLengthPrefixedAscii(s)).as(s).isFalse();

      assertThat(sink.size()).isEqualTo(1);
      byte[] rest = Arrays.copyOfRange(sink.buffer(), 1, sink.buffer().length);
      assertThat(rest).as("buffer past size()").containsOnly(0);
    }
  }

  @ParameterizedTest(name = "reusable sink: {0}")
  @ValueSource(booleans = {false, true})
  void writeLengthPrefixedAscii_longAsciiString_copiesEveryChunk(boolean reusable) {
    String s = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(70) + "!"; // 2,521 chars, 3 chunks
    ByteSink sink = sink(reusable);

    assertThat(sink.writeLengthPrefixedAscii(s)).isTrue();

    byte[] out = sink.toByteArray();
    assertThat(out).hasSize(4 + s.length());
    assertThat(new String(out, 4, s.length(), StandardCharsets.US_ASCII)).isEqualTo(s);
    assertThat(out[2] & 0xff).isEqualTo(s.length() >>> 8);
    assertThat(out[3] & 0xff).isEqualTo(s.length() & 0xff);
  }

  @ParameterizedTest(name = "reusable sink: {0}")
  @ValueSource(booleans = {false, true})
  void writeLengthPrefixedAscii_emptyString_writesZeroLength(boolean reusable) {
    ByteSink sink = sink(reusable);

    assertThat(sink.writeLengthPrefixedAscii("")).isTrue();

    assertThat(sink.toByteArray()).containsExactly(0, 0, 0, 0);
  }

  @ParameterizedTest(name = "reusable sink: {0}")
  @ValueSource(booleans = {false, true})
  void writeLengthPrefixedAscii_shortThenLongerStrings_oneSinkCopiesEachWhole(boolean reusable) {
    // the scratch array starts small and grows with the strings (up to a chunk); each string must
    // still come out whole, whichever size it had when the string was written
    String[] strings = {
      "k", "x".repeat(70), "y".repeat(300), "z".repeat(1000), "w".repeat(3000), "tail"
    };
    ByteSink sink = sink(reusable);
    int expectedSize = 0;
    for (String s : strings) {
      assertThat(sink.writeLengthPrefixedAscii(s)).as(s).isTrue();
      expectedSize += 4 + s.length();
    }

    assertThat(sink.size()).isEqualTo(expectedSize);
    int at = 0;
    for (String s : strings) {
      byte[] b = sink.buffer();
      int len = ByteBuffer.wrap(b, at, 4).getInt(); // big-endian u32
      assertThat(len).isEqualTo(s.length());
      assertThat(new String(b, at + 4, len, StandardCharsets.US_ASCII)).isEqualTo(s);
      at += 4 + len;
    }
  }

  @ParameterizedTest(name = "reusable sink: {0}")
  @ValueSource(booleans = {false, true})
  void writeLengthPrefixedAscii_afterARefusedString_theSameSinkWritesTheNextOneWhole(
      boolean reusable) {
    // the encoder of long chunks is reused: a refusal must not leave it in a state that spoils the
    // next string
    ByteSink sink = sink(reusable);
    String refused = "p".repeat(100) + "\u00e9" + "q".repeat(100);
    String next = "r".repeat(90) + "s".repeat(90);

    assertThat(sink.writeLengthPrefixedAscii(refused)).isFalse();
    assertThat(sink.writeLengthPrefixedAscii(next)).isTrue();

    byte[] out = sink.toByteArray();
    assertThat(ByteBuffer.wrap(out, 0, 4).getInt()).isEqualTo(next.length());
    assertThat(new String(out, 4, out.length - 4, StandardCharsets.US_ASCII)).isEqualTo(next);
  }
}
