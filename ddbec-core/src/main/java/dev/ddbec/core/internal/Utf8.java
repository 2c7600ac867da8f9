package dev.ddbec.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding for stored bytes, with a fast path for pure ASCII (the common case). */
public final class Utf8 {
  private Utf8() {}

  /**
   * Finds the first unpaired UTF-16 surrogate of a string: such a string is not valid Unicode, and
   * {@link String#getBytes} would silently turn the surrogate into {@code '?'}.
   *
   * @param s a string
   * @return the index of the first unpaired surrogate, or -1 if there is none
   */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Decodes {@code in[off, off+len)}, rejecting malformed input.
   *
   * @throws CharacterCodingException if the bytes are not valid UTF-8
   */
  static String decode(byte[] in, int off, int len) throws CharacterCodingException {
    // The JDK's own decoder (vectorised for ASCII) replaces every malformed sequence with U+FFFD,
    // so a result without U+FFFD is exactly the strict decoding; only input holding U+FFFD, valid
    // or not, takes the strict decoder.
    String s = new String(in, off, len, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') < 0) {
      return s;
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(in, off, len))
        .toString();
  }
}
