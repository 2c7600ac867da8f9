package dev.ddbec.examples;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.provider.keystore.KeyStoreMaterialsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys from a PKCS12 key store file, such as the one {@code ddbec keystore create} writes: an
 * AES-256 key encrypts every item, an HmacSHA256 key signs it. The official Java client's {@code
 * KeyStoreMaterialsProvider} reads the same file and the same items.
 */
public final class KeyStoreExample {
  private KeyStoreExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the key store, its password file, and the table (default {@code Patients})
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      System.out.println(
          run(
              dynamoDb,
              Path.of(args[0]),
              Path.of(args[1]),
              args.length > 2 ? args[2] : "Patients"));
    }
  }

  /**
   * Writes a patient record and reads it back.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param keyStore the PKCS12 file
   * @param passwordFile a file holding its password
   * @param table a table with partition key {@code patient_id} (S)
   * @return the patient as read
   */
  public static Map<String, AttributeValue> run(
      DynamoDbClient dynamoDb, Path keyStore, Path passwordFile, String table) {
    // snippet:keystore-provider
    MaterialsProvider keys =
        KeyStoreMaterialsProvider.builder()
            .path(keyStore) // PKCS12 (default) or .type("JCEKS")
            .password(() -> readPassword(passwordFile)) // asked each time the file is read
            .encryptionAlias("ddbec-encryption")
            .signingAlias("ddbec-signing")
            .materialDescription(Map.of("app", "clinic")) // optional; must match on read
            .build();
    // end-snippet
    DynamoDbClient patients =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys) // every attribute encrypted and signed (the default)
            .build();
    Map<String, AttributeValue> patient =
        Map.of(
            "patient_id", AttributeValue.fromS("P-0042"),
            "name", AttributeValue.fromS("Florence Nightingale"),
            "allergies", AttributeValue.fromSs(java.util.List.of("penicillin", "latex")));
    patients.putItem(r -> r.tableName(table).item(patient));
    return patients
        .getItem(r -> r.tableName(table).key(Map.of("patient_id", patient.get("patient_id"))))
        .item();
  }

  /** The password, without trailing line breaks; the caller clears the array after use. */
  static char[] readPassword(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).stripTrailing().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
