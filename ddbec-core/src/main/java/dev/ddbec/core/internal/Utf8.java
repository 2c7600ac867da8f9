package dev.ddbec.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding for stored bytes, with a fast path for pure ASCII (the common case). */
final class Utf8 {
  private Utf8() {}

  /**
   * Decodes {@code in[off, off+len)}, rejecting malformed input.
   *
   * @throws CharacterCodingException if the bytes are not valid UTF-8
   */
  static String decode(byte[] in, int off, int len) throws CharacterCodingException {
    for (int i = off; i < off + len; i++) {
      if (in[i] < 0) {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(in, off, len))
            .toString();
      }
    }
    // Pure ASCII is valid UTF-8 and decodes one byte to one char.
    return new String(in, off, len, StandardCharsets.ISO_8859_1);
  }
}
