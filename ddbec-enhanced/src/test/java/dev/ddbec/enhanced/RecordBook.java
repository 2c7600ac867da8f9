package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** An immutable record (with the builder the Enhanced Client needs): signed, not encrypted. */
@DynamoDbImmutable(builder = RecordBook.Builder.class)
@DdbecDefaultAction(CryptoAction.SIGN_ONLY)
public record RecordBook(String isbn, String title, String secret, Long views) {

  @DynamoDbPartitionKey
  @Override
  public String isbn() {
    return isbn;
  }

  @DdbecDoNothing
  @Override
  public Long views() {
    return views;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for the Enhanced Client's immutable schema. */
  public static final class Builder {
    private String isbn;
    private String title;
    private String secret;
    private Long views;

    public Builder isbn(String isbn) {
      this.isbn = isbn;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    public Builder views(Long views) {
      this.views = views;
      return this;
    }

    public RecordBook build() {
      return new RecordBook(isbn, title, secret, views);
    }
  }
}
