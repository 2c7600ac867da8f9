package dev.ddbec.interop.mapper;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBHashKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBRangeKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBVersionAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DoNotEncrypt;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DoNotTouch;
import dev.ddbec.enhanced.DdbecDoNothing;
import dev.ddbec.enhanced.DdbecSignOnly;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The official Java client's view of a book (SDK v1 DynamoDBMapper): title, price and tags
 * encrypted; genre {@code @DoNotEncrypt}; views {@code @DoNotTouch}; keys and version signed. The
 * table name is replaced per test with a TableNameOverride.
 *
 * <p>Each accessor also carries the Enhanced Client's and ddbec's annotation for the same role
 * ({@code @DdbecSignOnly} where the mapper has {@code @DoNotEncrypt}, {@code @DdbecDoNothing} for
 * {@code @DoNotTouch}), which the mapper ignores: {@link EnhancedBook} is this class as an Enhanced
 * Client bean.
 */
@DynamoDBTable(tableName = "replaced-per-test")
public class MapperBook implements BookProperties {
  private String isbn;
  private String edition;
  private String title;
  private String genre;
  private Integer price;
  private Set<String> tags;
  private Long views;
  private Long version;

  @DynamoDBHashKey(attributeName = "isbn")
  @DynamoDbPartitionKey
  public String getIsbn() {
    return isbn;
  }

  public void setIsbn(String isbn) {
    this.isbn = isbn;
  }

  @DynamoDBRangeKey(attributeName = "edition")
  @DynamoDbSortKey
  public String getEdition() {
    return edition;
  }

  public void setEdition(String edition) {
    this.edition = edition;
  }

  @DynamoDBAttribute(attributeName = "title")
  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  @DoNotEncrypt
  @DdbecSignOnly
  @DynamoDBAttribute(attributeName = "genre")
  public String getGenre() {
    return genre;
  }

  public void setGenre(String genre) {
    this.genre = genre;
  }

  @DynamoDBAttribute(attributeName = "price")
  public Integer getPrice() {
    return price;
  }

  public void setPrice(Integer price) {
    this.price = price;
  }

  @DynamoDBAttribute(attributeName = "tags")
  public Set<String> getTags() {
    return tags;
  }

  public void setTags(Set<String> tags) {
    this.tags = tags;
  }

  @DoNotTouch
  @DdbecDoNothing
  @DynamoDBAttribute(attributeName = "views")
  public Long getViews() {
    return views;
  }

  public void setViews(Long views) {
    this.views = views;
  }

  @DynamoDBVersionAttribute(attributeName = "version")
  @DynamoDbVersionAttribute
  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }
}
