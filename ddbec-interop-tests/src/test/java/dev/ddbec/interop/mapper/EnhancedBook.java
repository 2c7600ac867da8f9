package dev.ddbec.interop.mapper;

import dev.ddbec.enhanced.DdbecDoNothing;
import dev.ddbec.enhanced.DdbecSignOnly;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The same book for the SDK v2 Enhanced Client with ddbec's extension: {@code @DdbecSignOnly} where
 * the mapper has {@code @DoNotEncrypt}, {@code @DdbecDoNothing} for {@code @DoNotTouch}.
 */
@DynamoDbBean
public class EnhancedBook implements BookProperties {
  private String isbn;
  private String edition;
  private String title;
  private String genre;
  private Integer price;
  private Set<String> tags;
  private Long views;
  private Long version;

  @DynamoDbPartitionKey
  public String getIsbn() {
    return isbn;
  }

  public void setIsbn(String isbn) {
    this.isbn = isbn;
  }

  @DynamoDbSortKey
  public String getEdition() {
    return edition;
  }

  public void setEdition(String edition) {
    this.edition = edition;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  @DdbecSignOnly
  public String getGenre() {
    return genre;
  }

  public void setGenre(String genre) {
    this.genre = genre;
  }

  public Integer getPrice() {
    return price;
  }

  public void setPrice(Integer price) {
    this.price = price;
  }

  public Set<String> getTags() {
    return tags;
  }

  public void setTags(Set<String> tags) {
    this.tags = tags;
  }

  @DdbecDoNothing
  public Long getViews() {
    return views;
  }

  public void setViews(Long views) {
    this.views = views;
  }

  @DynamoDbVersionAttribute
  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }
}
