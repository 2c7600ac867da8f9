package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Configuration by name: the application reads which provider to use, and its keys, from a
 * properties file ({@code provider=kms|keystore|pkcs11|wrapped|static|...}). Providers are found
 * with {@link java.util.ServiceLoader} among the ddbec modules on the class or module path, so
 * switching from a key store in development to KMS in production is a change of file, not of code.
 * Example files: {@code src/main/resources/materials/*.properties}.
 */
public final class ConfigurationExample {
  private ConfigurationExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the materials configuration file, and the table (default {@code Books})
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      System.out.println(run(dynamoDb, Path.of(args[0]), args.length > 1 ? args[1] : "Books"));
    }
  }

  /**
   * The providers this application can be configured with.
   *
   * @return their names, e.g. {@code [keystore, kms, pkcs11, static, wrapped]}
   */
  public static Set<String> installed() {
    // snippet:installed-providers
    Set<String> names = MaterialsProviders.installed(); // factories found by ServiceLoader
    // end-snippet
    return names;
  }

  /**
   * Loads the provider named in a file, and writes and reads a book with it.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param materials the configuration file
   * @param table a table with partition key {@code isbn} (S)
   * @return the book as read
   */
  public static Map<String, AttributeValue> run(
      DynamoDbClient dynamoDb, Path materials, String table) {
    // snippet:load-configuration
    MaterialsProvider keys = MaterialsProviders.load(materials); // provider=<name> + its options
    DynamoDbClient books =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .attributeActions(AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN))
            .build();
    // end-snippet
    try {
      Map<String, AttributeValue> book =
          Map.of(
              "isbn", AttributeValue.fromS("978-0593099322"),
              "title", AttributeValue.fromS("Dune Messiah"));
      books.putItem(r -> r.tableName(table).item(book));
      return books.getItem(r -> r.tableName(table).key(Map.of("isbn", book.get("isbn")))).item();
    } finally {
      if (keys instanceof AutoCloseable closeable) { // kms and pkcs11 hold resources
        try {
          closeable.close();
        } catch (Exception e) { // AutoCloseable.close() declares Exception
          throw new IllegalStateException("closing the materials provider failed", e);
        }
      }
    }
  }
}
