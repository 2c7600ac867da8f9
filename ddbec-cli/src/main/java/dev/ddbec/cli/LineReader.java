package dev.ddbec.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The input side of JSON Lines: splits a byte stream into lines at {@code '\n'} only (a {@code
 * '\r'} before it is dropped), numbers every line from 1 the way editors and {@code wc -l} do
 * (blank lines included), decodes each as strict UTF-8 and bounds its length. A line that is not
 * valid UTF-8 or too long comes back as an error for that line, and reading goes on with the next
 * one; an over-long line is skipped without being held in memory. Not thread-safe.
 */
final class LineReader implements Closeable {
  /**
   * The longest line read: far above what a DynamoDB item (at most 400 KB) takes in DynamoDB JSON,
   * even with every character escaped, and small enough to hold in memory.
   */
  static final int MAX_LINE_BYTES = 8 << 20;

  /** One input line: its text, or why it cannot be read. */
  record Line(long number, String text, ItemStreamCommand.LineException error) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private long number;
  private boolean eof;

  LineReader(InputStream in) {
    this(in, MAX_LINE_BYTES);
  }

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Reads the next line.
   *
   * @return the line, or null at the end of the input
   * @throws IOException if the input cannot be read
   */
  Line next() throws IOException {
    int len = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (!tooLong) {
        if ((long) len + n > maxLineBytes + 1L) { // +1: a '\r' that may precede '\n'
          tooLong = true;
        } else {
          if (len + n > line.length) {
            line =
                Arrays.copyOf(line, Math.max(len + n, Math.min(line.length * 2, maxLineBytes + 1)));
          }
          System.arraycopy(buf, start, line, len, n);
          len += n;
        }
      }
      if (pos < limit) { // at '\n'
        pos++;
        break;
      }
    }
    number++;
    if (!tooLong && len > 0 && line[len - 1] == '\r') {
      len--;
    }
    if (tooLong || len > maxLineBytes) {
      return new Line(
          number,
          null,
          new ItemStreamCommand.LineException(
              "LineTooLong",
              "line is longer than "
                  + (maxLineBytes >= (1 << 20)
                      ? (maxLineBytes >> 20) + " MiB"
                      : maxLineBytes + " bytes")
                  + " (a DynamoDB item is at most 400 KB); skipped"));
    }
    return decode(len);
  }

  private Line decode(int len) {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, len);
    CharBuffer chars = CharBuffer.allocate(len);
    decoder.reset();
    CoderResult r = decoder.decode(bytes, chars, true);
    if (!r.isError()) {
      r = decoder.flush(chars);
    }
    if (r.isError()) {
      return new Line(
          number,
          null,
          new ItemStreamCommand.LineException(
              "InvalidUtf8",
              "not valid UTF-8 (byte "
                  + (bytes.position() + 1)
                  + " of the line); input must be"
                  + " UTF-8 text"));
    }
    chars.flip();
    // A byte order mark at the start of the input is not part of the first item.
    if (number == 1 && chars.length() > 0 && chars.charAt(0) == '\uFEFF') {
      chars.position(1);
    }
    return new Line(number, chars.toString(), null);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
