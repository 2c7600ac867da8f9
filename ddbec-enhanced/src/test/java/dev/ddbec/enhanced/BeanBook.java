package dev.ddbec.enhanced;

import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A bean: title, price and tags encrypted; genre signed (a GSI key); views untouched. */
@DynamoDbBean
public class BeanBook {
  private String isbn;
  private String edition;
  private String title;
  private String genre;
  private Integer price;
  private Set<String> tags;
  private Long views;
  private Long version;

  public BeanBook() {}

  static BeanBook of(String isbn, String edition, String title) {
    BeanBook b = new BeanBook();
    b.setIsbn(isbn);
    b.setEdition(edition);
    b.setTitle(title);
    b.setGenre("sf");
    b.setPrice(999);
    b.setTags(Set.of("desert", "dune"));
    b.setViews(0L);
    return b;
  }

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
  @DynamoDbSecondaryPartitionKey(indexNames = "byGenre")
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

  @Override
  public boolean equals(Object o) {
    return o instanceof BeanBook b
        && Objects.equals(isbn, b.isbn)
        && Objects.equals(edition, b.edition)
        && Objects.equals(title, b.title)
        && Objects.equals(genre, b.genre)
        && Objects.equals(price, b.price)
        && Objects.equals(tags, b.tags)
        && Objects.equals(views, b.views)
        && Objects.equals(version, b.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(isbn, edition, title);
  }

  @Override
  public String toString() {
    return "BeanBook{" + isbn + "/" + edition + ", v" + version + "}";
  }
}
