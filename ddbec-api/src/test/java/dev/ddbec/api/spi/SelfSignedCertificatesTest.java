package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SelfSignedCertificatesTest {

  @Test
  void create_rsaKeyPair_jdkParsesAndVerifiesSelfSignedV3Certificate() throws Exception {
    KeyPair pair = TestRsaKeys.generate();

    X509Certificate cert =
        SelfSignedCertificates.create(
            pair,
            "ddbec signing ä",
            Duration.ofDays(365 * 40), // past 2050: GeneralizedTime
            SelfSignedCertificates.DIGITAL_SIGNATURE,
            new SecureRandom());

    cert.verify(pair.getPublic());
    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getPublicKey()).isEqualTo(pair.getPublic());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=ddbec signing ä");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getCriticalExtensionOIDs()).containsExactly("2.5.29.15");
    assertThat(cert.getKeyUsage()[0]).isTrue(); // digitalSignature
    assertThat(cert.getKeyUsage()[2]).isFalse(); // keyEncipherment
    assertThat(cert.getNotAfter().toInstant())
        .isBetween(
            Instant.now().plus(Duration.ofDays(365 * 40)).minus(1, ChronoUnit.MINUTES),
            Instant.now().plus(Duration.ofDays(365 * 40)));
    cert.checkValidity();
  }

  @Test
  void create_keyEnciphermentUsage_setsThatBitOnly() throws Exception {
    X509Certificate cert =
        SelfSignedCertificates.create(
            TestRsaKeys.generate(),
            "x",
            Duration.ofDays(1),
            SelfSignedCertificates.KEY_ENCIPHERMENT,
            new SecureRandom());

    assertThat(cert.getKeyUsage()[2]).isTrue();
    assertThat(cert.getKeyUsage()[0]).isFalse();
  }

  @Test
  void create_withSignerProvider_neverExpiresAndCarriesBothUsages() throws Exception {
    KeyPair pair = TestRsaKeys.generate();

    X509Certificate cert =
        SelfSignedCertificates.create(
            pair,
            "ddbec wrap-key, with comma",
            SelfSignedCertificates.DIGITAL_SIGNATURE | SelfSignedCertificates.KEY_ENCIPHERMENT,
            Security.getProvider("SunRsaSign"));

    cert.verify(pair.getPublic());
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(SelfSignedCertificates.NO_EXPIRATION);
    assertThat(cert.getKeyUsage()[0]).isTrue();
    assertThat(cert.getKeyUsage()[2]).isTrue();
    assertThat(cert.getKeyUsage()[1]).isFalse();
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=ddbec wrap-key\\, with comma");
  }
}
