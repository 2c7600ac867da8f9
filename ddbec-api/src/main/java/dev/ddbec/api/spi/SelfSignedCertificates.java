package dev.ddbec.api.spi;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
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
import java.util.HexFormat;

/**
 * Self-signed X.509 v3 certificates for RSA key pairs, for providers that must store a key pair
 * with a certificate: a key store's {@code PrivateKeyEntry} needs a certificate chain, and a
 * PKCS#11 token keeps the public key of a private key in one.
 *
 * <p>The JDK has no public API that creates certificates ({@code sun.security.x509} is internal and
 * needs {@code --add-exports}). Rather than shell out to {@code keytool} or add BouncyCastle, this
 * writes the fixed DER shape of RFC 5280 directly, signs it with {@code SHA256withRSA} through
 * {@link Signature}, parses the result with the JDK's {@link CertificateFactory}, which rejects
 * anything malformed, and verifies its signature. The certificate only carries the public key and
 * asserts nothing beyond "this public key belongs to this private key": ddbec never checks validity
 * dates, chains or key usage (neither does the official Java client).
 */
public final class SelfSignedCertificates {
  /** Key usage: the key signs items ({@code digitalSignature}). */
  public static final int DIGITAL_SIGNATURE = 0x80;

  /** Key usage: the key wraps content keys ({@code keyEncipherment}). */
  public static final int KEY_ENCIPHERMENT = 0x20;

  /** The end of validity meaning "no well-defined expiration date" (RFC 5280 §4.1.2.5). */
  public static final Instant NO_EXPIRATION = Instant.parse("9999-12-31T23:59:59Z");

  private static final byte[] SHA256_WITH_RSA =
      HexFormat.of().parseHex("06092a864886f70d01010b"); // OID 1.2.840.113549.1.1.11
  private static final byte[] COMMON_NAME = HexFormat.of().parseHex("0603550403"); // 2.5.4.3
  private static final byte[] KEY_USAGE = HexFormat.of().parseHex("0603551d0f"); // 2.5.29.15
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private SelfSignedCertificates() {}

  /**
   * Creates a self-signed certificate, signed with the installed providers.
   *
   * @param keyPair an RSA key pair; the private key signs the certificate
   * @param commonName the subject and issuer CN
   * @param validity how long from now the certificate is valid
   * @param keyUsage {@link #DIGITAL_SIGNATURE}, {@link #KEY_ENCIPHERMENT} or both ({@code |})
   * @param random source of the serial number and of the signature's randomness
   * @return the parsed certificate
   * @throws GeneralSecurityException if signing or parsing fails
   */
  public static X509Certificate create(
      KeyPair keyPair, String commonName, Duration validity, int keyUsage, SecureRandom random)
      throws GeneralSecurityException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return create(keyPair, commonName, now, now.plus(validity), keyUsage, null, random);
  }

  /**
   * Creates a self-signed certificate without a well-defined expiration date ({@link
   * #NO_EXPIRATION}), signed by {@code signer}: for a private key that lives on a token.
   *
   * @param keyPair an RSA key pair; the private key signs the certificate
   * @param commonName the subject and issuer CN
   * @param keyUsage {@link #DIGITAL_SIGNATURE}, {@link #KEY_ENCIPHERMENT} or both ({@code |})
   * @param signer the provider that can sign with the private key
   * @return the parsed certificate
   * @throws GeneralSecurityException if signing or parsing fails
   */
  public static X509Certificate create(
      KeyPair keyPair, String commonName, int keyUsage, Provider signer)
      throws GeneralSecurityException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return create(
        keyPair,
        commonName,
        now,
        NO_EXPIRATION,
        keyUsage,
        signer,
        Randomness.local().secureRandom());
  }

  private static X509Certificate create(
      KeyPair keyPair,
      String commonName,
      Instant now,
      Instant notAfter,
      int keyUsage,
      Provider signer,
      SecureRandom random)
      throws GeneralSecurityException {
    if (keyUsage <= 0 || keyUsage > 0xff) {
      throw new IllegalArgumentException("keyUsage must be a combination of the usage bits");
    }
    byte[] algorithm = Der.sequence(SHA256_WITH_RSA, Der.tlv(0x05)); // with NULL parameters
    byte[] name =
        Der.sequence(
            Der.tlv(
                0x31,
                Der.sequence(
                    COMMON_NAME, Der.tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    byte[] serial = new BigInteger(63, random).add(BigInteger.ONE).toByteArray();
    int unusedBits = Integer.numberOfTrailingZeros(keyUsage);
    byte[] keyUsageExtension =
        Der.sequence(
            KEY_USAGE,
            Der.tlv(0x01, new byte[] {(byte) 0xff}), // critical
            Der.tlv(
                Der.OCTET_STRING,
                Der.tlv(Der.BIT_STRING, new byte[] {(byte) unusedBits, (byte) keyUsage})));
    byte[] tbs =
        Der.sequence(
            Der.tlv(0xa0, Der.tlv(0x02, new byte[] {2})), // [0] version v3
            Der.tlv(0x02, serial),
            algorithm,
            name,
            Der.sequence(time(now.minus(Duration.ofMinutes(5))), time(notAfter)),
            name,
            keyPair.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
            Der.tlv(0xa3, Der.sequence(keyUsageExtension))); // [3] extensions
    Signature s =
        signer == null
            ? Signature.getInstance("SHA256withRSA")
            : Signature.getInstance("SHA256withRSA", signer);
    s.initSign(keyPair.getPrivate(), random);
    s.update(tbs);
    byte[] der = Der.sequence(tbs, algorithm, Der.bitString(s.sign()));
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    // The parsed software copy of the public key: a token's key object need not verify here.
    cert.verify(cert.getPublicKey());
    return cert;
  }

  /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
  private static byte[] time(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    return z.getYear() < 2050
        ? Der.tlv(0x17, UTC_TIME.format(z).getBytes(StandardCharsets.US_ASCII))
        : Der.tlv(0x18, GENERALIZED_TIME.format(z).getBytes(StandardCharsets.US_ASCII));
  }
}
