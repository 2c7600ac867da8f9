package dev.ddbec.examples;

import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.provider.pkcs11.Pkcs11MaterialsProvider;
import dev.ddbec.provider.pkcs11.Pkcs11Token;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys in a PKCS#11 token or HSM: every item gets a fresh AES-256 content key, wrapped by an AES
 * key that never leaves the token, and the item is signed by an HMAC key on the token. The same
 * code runs on SoftHSM2 (the tests) and on any PKCS#11 library.
 *
 * <p>AWS CloudHSM is used through its own JCE provider, by name, instead of a PKCS#11 library: with
 * the CloudHSM JCE jar on the class path and its provider installed ({@code
 * Security.addProvider(new CloudHsmProvider())}, or a {@code java.security} override), build the
 * token with {@code Pkcs11Token.builder().providerName("CloudHSM")} and name the keys by their
 * CloudHSM labels; see {@link #cloudHsm} and docs/hsm.md. That path is not run here (no CloudHSM):
 * its code is the one tested with a SunPKCS11 provider installed by name.
 */
public final class Pkcs11Example {
  private Pkcs11Example() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the PKCS#11 library, the token label, and the table (default {@code Payments}); the
   *     PIN comes from the environment variable {@code DDBEC_HSM_PIN}
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      Supplier<char[]> pin = () -> System.getenv("DDBEC_HSM_PIN").toCharArray();
      System.out.println(
          run(dynamoDb, Path.of(args[0]), args[1], pin, args.length > 2 ? args[2] : "Payments"));
    }
  }

  /**
   * Writes a payment with keys on the token and reads it back.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param library the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
   * @param tokenLabel the token's label
   * @param pin the user PIN, asked at every login
   * @param table a table with partition key {@code payment_id} (S)
   * @return the payment as read
   */
  public static Map<String, AttributeValue> run(
      DynamoDbClient dynamoDb,
      Path library,
      String tokenLabel,
      Supplier<char[]> pin,
      String table) {
    Map<String, AttributeValue> payment =
        Map.of(
            "payment_id", AttributeValue.fromS("pay-77"),
            "iban", AttributeValue.fromS("GB33BUKB20201555555555"),
            "amount", AttributeValue.fromN("1250.00"));
    // snippet:pkcs11-provider
    try (Pkcs11MaterialsProvider keys =
        Pkcs11MaterialsProvider.builder()
            .token(
                Pkcs11Token.builder()
                    .library(library) // e.g. /usr/lib/softhsm/libsofthsm2.so
                    .tokenLabel(tokenLabel)
                    .pin(pin) // a Supplier<char[]>, asked at every login
                    .build())
            .wrappingKey("wrap-key") // a label, or pkcs11:token=ddbec;object=wrap-key
            .signingKey("sign-key")
            .build()) { // closing it logs out and removes the JCE provider it installed
      DynamoDbClient payments =
          EncryptedDynamoDbClient.builder()
              .delegate(dynamoDb)
              .materialsProvider(keys) // every attribute encrypted and signed (the default)
              .build();
      payments.putItem(r -> r.tableName(table).item(payment));
      return payments
          .getItem(r -> r.tableName(table).key(Map.of("payment_id", payment.get("payment_id"))))
          .item();
    }
    // end-snippet
  }

  /**
   * The provider for AWS CloudHSM: its JCE provider, installed in the JVM, by name. Needs the
   * CloudHSM JCE jar and a cluster; without them building fails with an {@code
   * InvalidConfigurationException} saying that no provider of that name is installed.
   *
   * @return the provider
   */
  public static Pkcs11MaterialsProvider cloudHsm() {
    // snippet:cloudhsm-provider
    return Pkcs11MaterialsProvider.builder()
        .token(Pkcs11Token.builder().providerName("CloudHSM").build()) // installed, by name
        .wrappingKey("ddbec-wrap") // CloudHSM key labels
        .signingKey("ddbec-sign")
        .build();
    // end-snippet
  }
}
