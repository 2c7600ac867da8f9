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
  // ... builder() and a Builder class: the Enhanced Client's immutable schema needs them
  // end-snippet

  /**
   * A builder, for the Enhanced Client's immutable schema.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this book's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .isbn(isbn)
        .title(title)
        .genre(genre)
        .tags(tags)
        .views(views)
        .version(version);
  }

  /** Builds {@link Book}s. */
  public static final class Builder {
    private String isbn;
    private String title;
    private String genre;
    private Set<String> tags;
    private Long views;
    private Long version;

    /** An empty builder. */
    public Builder() {}

    /**
     * Sets the ISBN.
     *
     * @param isbn the ISBN
     * @return this builder
     */
    public Builder isbn(String isbn) {
      this.isbn = isbn;
      return this;
    }

    /**
     * Sets the title.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Sets the genre.
     *
     * @param genre the genre
     * @return this builder
     */
    public Builder genre(String genre) {
      this.genre = genre;
      return this;
    }

    /**
     * Sets the tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(Set<String> tags) {
      this.tags = tags;
      return this;
    }

    /**
     * Sets the view count.
     *
     * @param views the view count
     * @return this builder
     */
    public Builder views(Long views) {
      this.views = views;
      return this;
    }

    /**
     * Sets the version.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(Long version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the book.
     *
     * @return the book
     */
    public Book build() {
      return new Book(isbn, title, genre, tags, views, version);
    }
  }
}
