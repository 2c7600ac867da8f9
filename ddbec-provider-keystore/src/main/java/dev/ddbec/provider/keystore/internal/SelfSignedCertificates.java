package dev.ddbec.provider.keystore.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Self-signed X.509 v3 certificates for RSA key pairs, so that a key pair can be stored as a {@code
 * PrivateKeyEntry} (a key store entry needs a certificate chain).
 *
 * <p>The JDK has no public API that creates certificates ({@code sun.security.x509} is internal and
 * needs {@code --add-exports}). Rather than shell out to {@code keytool} or add BouncyCastle, this
 * writes the fixed DER shape of RFC 5280 directly, signs it with {@code SHA256withRSA} through
 * {@link Signature}, and parses the result with the JDK's {@link CertificateFactory}, which rejects
 * anything malformed. The certificate only carries the public key: the provider never checks
 * validity dates, chains or key usage (neither does the official Java client).
 */
public final class SelfSignedCertificates {
  /** Key usage: the key signs items ({@code digitalSignature}). */
  public static final int DIGITAL_SIGNATURE = 0x80;

  /** Key usage: the key wraps content keys ({@code keyEncipherment}). */
  public static final int KEY_ENCIPHERMENT = 0x20;

  private static final byte[] SHA256_WITH_RSA =
      hex("06092a864886f70d01010b"); // OID 1.2.840.113549.1.1.11
  private static final byte[] COMMON_NAME = hex("0603550403"); // OID 2.5.4.3
  private static final byte[] KEY_USAGE = hex("0603551d0f"); // OID 2.5.29.15
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private SelfSignedCertificates() {}

  /**
   * Creates a self-signed certificate.
   *
   * @param keyPair an RSA key pair; the private key signs the certificate
   * @param commonName the subject and issuer CN
   * @param validity how long from now the certificate is valid
   * @param keyUsage {@link #DIGITAL_SIGNATURE} or {@link #KEY_ENCIPHERMENT}
   * @param random source of the serial number
   * @return the parsed certificate
   * @throws GeneralSecurityException if signing or parsing fails
   */
  public static X509Certificate create(
      KeyPair keyPair, String commonName, Duration validity, int keyUsage, SecureRandom random)
      throws GeneralSecurityException {
    byte[] algorithm = seq(SHA256_WITH_RSA, tlv(0x05)); // AlgorithmIdentifier with NULL params
    byte[] name =
        seq(tlv(0x31, seq(COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] serial = new BigInteger(63, random).add(BigInteger.ONE).toByteArray();
    int unusedBits = Integer.numberOfTrailingZeros(keyUsage);
    byte[] keyUsageExtension =
        seq(
            KEY_USAGE,
            tlv(0x01, new byte[] {(byte) 0xff}), // critical
            tlv(0x04, tlv(0x03, new byte[] {(byte) unusedBits, (byte) keyUsage})));
    byte[] tbs =
        seq(
            tlv(0xa0, tlv(0x02, new byte[] {2})), // [0] version v3
            tlv(0x02, serial),
            algorithm,
            name,
            seq(time(now.minus(Duration.ofMinutes(5))), time(now.plus(validity))),
            name,
            keyPair.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
            tlv(0xa3, seq(keyUsageExtension))); // [3] extensions
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keyPair.getPrivate(), random);
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bitString = new byte[signature.length + 1]; // leading 0: no unused bits
    System.arraycopy(signature, 0, bitString, 1, signature.length);
    byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    cert.verify(keyPair.getPublic());
    return cert;
  }

  /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
  private static byte[] time(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    return z.getYear() < 2050
        ? tlv(0x17, UTC_TIME.format(z).getBytes(StandardCharsets.US_ASCII))
        : tlv(0x18, GENERALIZED_TIME.format(z).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] seq(byte[]... parts) {
    return tlv(0x30, parts);
  }

  private static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    int n = body.size();
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
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] tlv(int tag) {
    return new byte[] {(byte) tag, 0};
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
