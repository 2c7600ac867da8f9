// snippet:quick-start-program
package dev.ddbec.examples;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The quick start: an {@link EncryptedDynamoDbClient} with keys from a materials configuration file
 * (the one {@code ddbec keystore create} prints, for instance) writes a book to table {@code Books}
 * (partition key {@code isbn}) and reads it back.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs on a local DynamoDB, creating table {@code Books} if it does not exist, and prints the
   * book as read.
   *
   * @param args the materials configuration file (default {@code materials.properties}) and the
   *     DynamoDB endpoint (default {@code http://localhost:8000})
   */
  public static void main(String[] args) {
    Path materials = Path.of(args.length > 0 ? args[0] : "materials.properties");
    URI endpoint = URI.create(args.length > 1 ? args[1] : "http://localhost:8000");
    try (DynamoDbClient dynamoDb = localDynamoDb(endpoint)) {
      System.out.println(run(dynamoDb, materials));
    }
  }

  /**
   * A client of a local DynamoDB (moto, or {@code ddbec demo --keep}) with table {@code Books}.
   *
   * @param endpoint the local DynamoDB's address
   * @return a plain DynamoDB client; close it
   */
  public static DynamoDbClient localDynamoDb(URI endpoint) {
    // snippet:local-dynamodb
    DynamoDbClient dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(endpoint) // a local DynamoDB; leave out for AWS
            .region(Region.US_EAST_1) // any region will do locally
            .credentialsProvider( // a local server takes any credentials
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    try {
      dynamoDb.createTable(
          r ->
              r.tableName("Books")
                  .keySchema(k -> k.attributeName("isbn").keyType(KeyType.HASH))
                  .attributeDefinitions(
                      a -> a.attributeName("isbn").attributeType(ScalarAttributeType.S))
                  .billingMode(BillingMode.PAY_PER_REQUEST));
    } catch (ResourceInUseException exists) {
      // created by an earlier run
    }
    // end-snippet
    return dynamoDb;
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
// end-snippet
