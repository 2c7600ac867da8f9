package dev.ddbec.api.spi;

import java.io.ByteArrayOutputStream;

/**
 * DER encoding (ITU-T X.690) for the key and certificate structures ddbec writes itself: {@link
 * Pem}'s PKCS#1 wrappers and {@link SelfSignedCertificates}. The JDK has no public DER writer; this
 * is only tag, definite length and contents. Not public API.
 */
final class Der {
  /** SEQUENCE. */
  static final int SEQUENCE = 0x30;

  /** BIT STRING. */
  static final int BIT_STRING = 0x03;

  /** OCTET STRING. */
  static final int OCTET_STRING = 0x04;

  private Der() {}

  /**
   * One element: the tag, the definite length of the parts together, and the parts.
   *
   * @param tag the identifier octet
   * @param parts the contents, already encoded, in order (none for an empty element)
   * @return the element's DER
   */
  static byte[] tlv(int tag, byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * A SEQUENCE of the parts.
   *
   * @param parts the elements, already encoded
   * @return the SEQUENCE's DER
   */
  static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, parts);
  }

  /**
   * A BIT STRING with no unused bits holding the bytes (a signature, a key).
   *
   * @param bytes the bits
   * @return the BIT STRING's DER
   */
  static byte[] bitString(byte[] bytes) {
    return tlv(BIT_STRING, new byte[] {0}, bytes);
  }
}
