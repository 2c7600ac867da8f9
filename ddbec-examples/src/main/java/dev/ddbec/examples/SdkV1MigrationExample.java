package dev.ddbec.examples;

import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Moving from the official Java client on AWS SDK v1 ({@code aws-dynamodb-encryption-java}, {@code
 * DynamoDBMapper} + {@code AttributeEncryptor}) to the Enhanced Client on SDK v2: the items stay
 * where they are, and both clients read and write them during the move. The v1 code this replaces
 * is in the test ({@code SdkV1MigrationExampleTest}).
 */
public final class SdkV1MigrationExample {
  private SdkV1MigrationExample() {}

  /**
   * The Enhanced Client table of {@link Book}s, with the key material the v1 mapper used.
   *
   * @param dynamoDb a plain SDK v2 client
   * @param wrappingKey the v1 {@code WrappedMaterialsProvider}'s AES wrapping (and unwrapping) key
   * @param signingKey its HmacSHA256 signing key
   * @param tableName the table (the name the v1 mapper signed with)
   * @return the table
   */
  public static DynamoDbTable<Book> books(
      DynamoDbClient dynamoDb, byte[] wrappingKey, byte[] signingKey, String tableName) {
    // snippet:sdk-v1-after-client
    DynamoDbEnhancedClient enhanced =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(dynamoDb)
            .extensions(
                VersionedRecordExtension.builder().build(), // @DynamoDBVersionAttribute
                DynamoDbEncryptionExtension.create( // AttributeEncryptor
                    WrappedMaterialsProvider.builder() // same class name, same key bytes
                        .wrappingKey(new SecretKeySpec(wrappingKey, "AES"))
                        .hmacKey(new SecretKeySpec(signingKey, "HmacSHA256"))
                        .build()))
            .build();
    DynamoDbTable<Book> books =
        enhanced.table(tableName, TableSchema.fromImmutableClass(Book.class));
    // end-snippet
    return books;
  }

  /**
   * Reads a book and saves it with one more view, whichever client wrote it.
   *
   * @param books the table
   * @param isbn the book's key
   * @return the book as saved
   */
  public static Book countView(DynamoDbTable<Book> books, String isbn) {
    Book book = books.getItem(Key.builder().partitionValue(isbn).build());
    Book viewed = book.toBuilder().views(book.views() == null ? 1 : book.views() + 1).build();
    books.putItem(viewed);
    return books.getItem(Key.builder().partitionValue(isbn).build());
  }
}
