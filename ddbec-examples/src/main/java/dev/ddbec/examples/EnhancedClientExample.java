package dev.ddbec.examples;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.enhanced.DdbecTags;
import dev.ddbec.enhanced.DynamoDbEncryptionExtension;
import java.nio.file.Path;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Enhanced Client with {@link DynamoDbEncryptionExtension}: the attribute actions come from the
 * annotations of {@link Book}, a record. The extension goes last in the extension list, so it signs
 * the item after {@link VersionedRecordExtension} has set the new version.
 */
public final class EnhancedClientExample {
  private EnhancedClientExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the materials configuration file, and the table (default {@code Books})
   */
  public static void main(String[] args) {
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      MaterialsProvider keys = MaterialsProviders.load(Path.of(args[0]));
      System.out.println(run(dynamoDb, keys, args.length > 1 ? args[1] : "Books"));
    }
  }

  /**
   * Saves a book, updates it, and reads it back.
   *
   * @param dynamoDb a plain DynamoDB client (not an {@code EncryptedDynamoDbClient})
   * @param keys the materials provider
   * @param tableName a table with partition key {@code isbn} (S)
   * @return the book as read
   */
  public static Book run(DynamoDbClient dynamoDb, MaterialsProvider keys, String tableName) {
    // snippet:enhanced-client
    DynamoDbEnhancedClient enhanced =
        DynamoDbEnhancedClient.builder()
            .dynamoDbClient(dynamoDb) // a plain client: the extension encrypts
            .extensions(
                VersionedRecordExtension.builder().build(),
                DynamoDbEncryptionExtension.create(keys)) // always last
            .build();
    DynamoDbTable<Book> books =
        enhanced.table(tableName, TableSchema.fromImmutableClass(Book.class));

    books.putItem(
        Book.builder()
            .isbn("978-0451524935")
            .title("1984")
            .genre("dystopia")
            .tags(Set.of("classic", "surveillance"))
            .views(0L)
            .build());
    Book book = books.getItem(Key.builder().partitionValue("978-0451524935").build());
    // toBuilder() keeps the version: optimistic locking works, the version is signed, readable
    books.putItem(book.toBuilder().title("Nineteen Eighty-Four").genre("classics").build());
    // end-snippet
    return books.getItem(Key.builder().partitionValue("978-0451524935").build());
  }

  /**
   * The same with a static schema: actions as tags instead of annotations.
   *
   * @param enhanced an Enhanced Client with the extension
   * @param tableName a table with partition key {@code id} (S)
   * @return the note as read
   */
  public static Note staticSchema(DynamoDbEnhancedClient enhanced, String tableName) {
    // snippet:enhanced-static-schema
    TableSchema<Note> schema =
        StaticTableSchema.builder(Note.class)
            .newItemSupplier(Note::new)
            .addAttribute(
                String.class,
                a -> a.name("id").getter(Note::id).setter(Note::id).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("text").getter(Note::text).setter(Note::text))
            .addAttribute(
                String.class,
                a ->
                    a.name("author")
                        .getter(Note::author)
                        .setter(Note::author)
                        .tags(DdbecTags.signOnly())) // as @DdbecSignOnly
            .build();
    // end-snippet
    DynamoDbTable<Note> notes = enhanced.table(tableName, schema);
    Note note = new Note();
    note.id("n-1");
    note.text("Meet at the Analytical Engine, 10 am");
    note.author("ada");
    notes.putItem(note);
    return notes.getItem(Key.builder().partitionValue("n-1").build());
  }

  /** A mutable class mapped with a static schema. */
  public static final class Note {
    private String id;
    private String text;
    private String author;

    /** An empty note. */
    public Note() {}

    /**
     * The id.
     *
     * @return the id
     */
    public String id() {
      return id;
    }

    /**
     * Sets the id.
     *
     * @param id the id
     */
    public void id(String id) {
      this.id = id;
    }

    /**
     * The text.
     *
     * @return the text
     */
    public String text() {
      return text;
    }

    /**
     * Sets the text.
     *
     * @param text the text
     */
    public void text(String text) {
      this.text = text;
    }

    /**
     * The author.
     *
     * @return the author
     */
    public String author() {
      return author;
    }

    /**
     * Sets the author.
     *
     * @param author the author
     */
    public void author(String author) {
      this.author = author;
    }
  }
}
