package dev.ddbec.provider.pkcs11.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.security.auth.x500.X500Principal;

/**
 * A minimal self-signed X.509 v1 certificate (SHA256withRSA), built with DER by hand because the
 * JDK has no public certificate builder. A PKCS#11 key store keeps an RSA private key only together
 * with a certificate; the certificate is also where ddbec finds the matching public key. It asserts
 * nothing beyond "this public key belongs to this private key".
 */
public final class SelfSignedCertificate {
  private static final byte[] SHA256_WITH_RSA = {
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
    0x0b,
    0x05,
    0x00
  };
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  private SelfSignedCertificate() {}

  /**
   * Creates and signs the certificate.
   *
   * @param subject the subject and issuer, e.g. {@code CN=ddbec wrap-key}
   * @param publicKey the RSA public key
   * @param privateKey the RSA private key (may live on a token)
   * @param signer the provider that can sign with the private key
   * @return the certificate
   * @throws GeneralSecurityException if signing or parsing fails
   */
  public static X509Certificate create(
      X500Principal subject, PublicKey publicKey, PrivateKey privateKey, Provider signer)
      throws GeneralSecurityException {
    byte[] name = subject.getEncoded();
    byte[] serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
    byte[] validity =
        seq(
            tlv(0x17, now.format(UTC_TIME).getBytes(StandardCharsets.US_ASCII)),
            // RFC 5280 §4.1.2.5: 99991231235959Z means "no well-defined expiration date".
            tlv(0x18, "99991231235959Z".getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs =
        seq(tlv(0x02, serial), SHA256_WITH_RSA, name, validity, name, publicKey.getEncoded());
    Signature s = Signature.getInstance("SHA256withRSA", signer);
    s.initSign(privateKey);
    s.update(tbs);
    byte[] sig = s.sign();
    byte[] bitString = new byte[sig.length + 1];
    System.arraycopy(sig, 0, bitString, 1, sig.length);
    byte[] der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, bitString));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int len = value.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >>> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >>> 16);
      out.write(len >>> 8);
      out.write(len);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
