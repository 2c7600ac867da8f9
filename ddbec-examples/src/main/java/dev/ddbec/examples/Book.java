package dev.ddbec.examples;

import dev.ddbec.enhanced.DdbecDoNothing;
import dev.ddbec.enhanced.DdbecSignOnly;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

// snippet:enhanced-record
/**
 * A book as the official Java client's {@code DynamoDBMapper} stored it, now for the Enhanced
 * Client: same attribute names, same actions ({@code @DoNotEncrypt} becomes {@code @DdbecSignOnly},
 * {@code @DoNotTouch} becomes {@code @DdbecDoNothing}).
 *
 * @param isbn the partition key (signed)
 * @param title encrypted and signed
 * @param genre signed only
 * @param tags encrypted and signed
 * @param views neither encrypted nor signed
 * @param version the optimistic-locking version (signed)
 */
@DynamoDbImmutable(builder = Book.Builder.class)
public record Book(
    @DynamoDbPartitionKey String isbn,
    String title,
    @DdbecSignOnly String genre,
    Set<String> tags,
    @DdbecDoNothing Long views,
    @DynamoDbVersionAttribute Long version) {
  // ... builder() and a Builder interface: the Enhanced Client's immutable schema needs them
  // end-snippet

  /**
   * A builder, for the Enhanced Client's immutable schema.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return RecordBuilder.of(Book.class, Builder.class, null);
  }

  /**
   * A builder holding this book's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return RecordBuilder.of(Book.class, Builder.class, this);
  }

  /** Builds {@link Book}s: one setter per component (see {@link RecordBuilder}). */
  public interface Builder {
    /**
     * Sets the ISBN.
     *
     * @param isbn the ISBN
     * @return this builder
     */
    Builder isbn(String isbn);

    /**
     * Sets the title.
     *
     * @param title the title
     * @return this builder
     */
    Builder title(String title);

    /**
     * Sets the genre.
     *
     * @param genre the genre
     * @return this builder
     */
    Builder genre(String genre);

    /**
     * Sets the tags.
     *
     * @param tags the tags
     * @return this builder
     */
    Builder tags(Set<String> tags);

    /**
     * Sets the view count.
     *
     * @param views the view count
     * @return this builder
     */
    Builder views(Long views);

    /**
     * Sets the version.
     *
     * @param version the version
     * @return this builder
     */
    Builder version(Long version);

    /**
     * Builds the book.
     *
     * @return the book
     */
    Book build();
  }
}
