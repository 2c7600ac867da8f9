package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.provider.pkcs11.Pkcs11Token;
import dev.ddbec.testing.SoftHsm2;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** On the SoftHSM2 token of the tests, with the keys `ddbec hsm generate` makes. */
class Pkcs11ExampleTest {
  static SoftHsm2 hsm;

  @BeforeAll
  static void keys() {
    hsm = SoftHsm2.get();
    Pkcs11Keys.generateDocsKeys(hsm);
  }

  @Test
  void run_softHsm_writesEncryptedReadsPlaintext() {
    String table = LocalAws.table("payments", "payment_id");

    Map<String, AttributeValue> read =
        Pkcs11Example.run(
            LocalAws.dynamoDb(),
            hsm.library(),
            SoftHsm2.TOKEN_LABEL,
            SoftHsm2.PIN::toCharArray,
            table);

    assertThat(read).containsEntry("iban", AttributeValue.fromS("GB33BUKB20201555555555"));
    Map<String, AttributeValue> stored =
        LocalAws.stored(table, "payment_id", read.get("payment_id"));
    assertThat(stored.get("iban").type()).isEqualTo(AttributeValue.Type.B);
  }

  @Test
  void cloudHsm_providerNotInstalled_saysSo() {
    assertThatThrownBy(Pkcs11Example::cloudHsm)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("CloudHSM");
  }

  /** The key labels of the docs (`ddbec hsm generate` defaults) on the test token. */
  static final class Pkcs11Keys {
    private Pkcs11Keys() {}

    static synchronized void generateDocsKeys(SoftHsm2 hsm) {
      try (Pkcs11Token token =
          Pkcs11Token.builder()
              .library(hsm.library())
              .tokenLabel(SoftHsm2.TOKEN_LABEL)
              .pin(SoftHsm2.PIN::toCharArray)
              .build()) {
        boolean present = token.listKeys().stream().anyMatch(k -> k.label().equals("wrap-key"));
        if (!present) {
          token.generateAesKey("wrap-key", 256, false);
          token.generateHmacKey("sign-key", 256, false);
        }
      }
    }
  }
}
