package dev.ddbec.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads key files in PEM (RFC 7468) for {@link ProviderConfig}: one {@code -----BEGIN label-----}
 * block, Base64 inside, turned into the DER that the JDK's key factories take. Labels: {@code
 * PUBLIC KEY} (X.509 SubjectPublicKeyInfo), {@code PRIVATE KEY} (PKCS#8), and the PKCS#1 forms
 * {@code RSA PUBLIC KEY} and {@code RSA PRIVATE KEY}, which are wrapped into SubjectPublicKeyInfo
 * and PKCS#8 (the official Python client reads all four through {@code cryptography}). Encrypted
 * PEM is refused. The JDK has no PEM reader; this is only the Base64 framing and two fixed DER
 * headers ({@link Der}), bounded in size. Not public API; messages never contain key bytes.
 */
final class Pem {
  /** Largest PEM input read (an RSA 16384-bit private key is about 12 KiB). */
  static final int MAX_BYTES = 64 * 1024;

  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

  /** AlgorithmIdentifier { rsaEncryption, NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** What a key file holds, as DER. */
  enum Kind {
    PUBLIC,
    PRIVATE
  }

  /** A decoded key: its DER, and whether it is public or private. */
  record Decoded(Kind kind, byte[] der) {}

  /** A PEM input that cannot be used; the message says why and never quotes the input. */
  static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  private Pem() {}

  /**
   * Whether the bytes are PEM: they contain {@code -----BEGIN } (explanatory text may come before
   * it, as RFC 7468 allows; DER keys never hold that text).
   *
   * @param b the bytes
   * @return true for PEM
   */
  static boolean isPem(byte[] b) {
    int limit = Math.min(b.length, MAX_BYTES) - BEGIN.length;
    for (int i = 0; i <= limit; i++) {
      if (Arrays.equals(b, i, i + BEGIN.length, BEGIN, 0, BEGIN.length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Decodes one PEM key block.
   *
   * @param pem the file's bytes
   * @return the key's DER (PKCS#1 forms wrapped)
   * @throws PemException for a malformed, encrypted, oversized or multi-block input, or an unknown
   *     label
   */
  static Decoded decode(byte[] pem) throws PemException {
    if (pem.length > MAX_BYTES) {
      throw new PemException("is a PEM file over " + MAX_BYTES + " bytes, too large for a key");
    }
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN ");
    int labelEnd = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
    if (labelEnd < 0) {
      throw new PemException("is not PEM: no -----BEGIN ...----- line");
    }
    String label = text.substring(begin + 11, labelEnd);
    String endLine = "-----END " + label + "-----";
    int end = text.indexOf(endLine, labelEnd + 5);
    if (end < 0) {
      throw new PemException("is PEM without the matching -----END " + label + "----- line");
    }
    if (text.indexOf("-----BEGIN ", end) >= 0) {
      throw new PemException("holds more than one PEM block; give one key per file");
    }
    String body = text.substring(labelEnd + 5, end);
    if (body.contains("Proc-Type:") || label.startsWith("ENCRYPTED")) {
      throw new PemException(
          "is an encrypted PEM key; decrypt it first (e.g. openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new PemException("is PEM whose body is not Base64");
    }
    if (der.length == 0) {
      throw new PemException("is an empty PEM block");
    }
    return switch (label) {
      case "PUBLIC KEY" -> new Decoded(Kind.PUBLIC, der);
      case "PRIVATE KEY" -> new Decoded(Kind.PRIVATE, der);
      case "RSA PUBLIC KEY" -> new Decoded(Kind.PUBLIC, wrapRsaPublic(der));
      case "RSA PRIVATE KEY" -> new Decoded(Kind.PRIVATE, wrapRsaPrivate(der));
      default ->
          throw new PemException(
              "is a PEM '"
                  + label
                  + "' block; expected PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY or RSA PRIVATE KEY");
    };
  }

  /** SubjectPublicKeyInfo { rsaEncryption, BIT STRING { 0 unused bits, RSAPublicKey } }. */
  private static byte[] wrapRsaPublic(byte[] pkcs1) {
    return Der.sequence(RSA_ALGORITHM, Der.bitString(pkcs1));
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
  private static byte[] wrapRsaPrivate(byte[] pkcs1) {
    byte[] wrapped =
        Der.sequence(
            new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, Der.tlv(Der.OCTET_STRING, pkcs1));
    Arrays.fill(pkcs1, (byte) 0);
    return wrapped;
  }
}
