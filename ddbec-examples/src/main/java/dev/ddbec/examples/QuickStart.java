package dev.ddbec.examples;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The README's quick start: an {@link EncryptedDynamoDbClient} with keys from a materials
 * configuration file (the one {@code ddbec keystore create} prints, for instance) writes a book to
 * table {@code Books} (partition key {@code isbn}) and reads it back.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the materials configuration file (default {@code materials.properties})
   */
  public static void main(String[] args) {
    Path materials = Path.of(args.length > 0 ? args[0] : "materials.properties");
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      System.out.println(run(dynamoDb, materials));
    }
  }

  /**
   * Puts one book through the encrypted client and gets it back.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param materials the materials configuration file
   * @return the book as read: plaintext
   */
  public static Map<String, AttributeValue> run(DynamoDbClient dynamoDb, Path materials) {
    // snippet:quick-start
    DynamoDbClient books =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb) // the DynamoDbClient you have
            .materialsProvider(MaterialsProviders.load(materials)) // keys: docs/providers.md
            .attributeActions(
                AttributeActions.builder()
                    .defaultAction(CryptoAction.ENCRYPT_AND_SIGN) // encrypt and sign all,
                    .action("genre", CryptoAction.SIGN_ONLY) // but leave genre readable
                    .build()) // (key attributes are signed, never encrypted)
            .build();
    Map<String, AttributeValue> dune =
        Map.of("isbn", fromS("978-0441013593"), "title", fromS("Dune"), "genre", fromS("sf"));
    books.putItem(r -> r.tableName("Books").item(dune)); // encrypted and signed
    Map<String, AttributeValue> read =
        books.getItem(r -> r.tableName("Books").key(Map.of("isbn", dune.get("isbn")))).item();
    // end-snippet
    return read;
  }
}
