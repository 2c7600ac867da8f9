package dev.ddbec.examples;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBHashKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBVersionAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DoNotEncrypt;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DoNotTouch;
import java.util.Set;

// snippet:sdk-v1-before-class
/** A book for the official Java client's DynamoDBMapper (AWS SDK for Java v1). */
@DynamoDBTable(tableName = "Books")
public class LegacyBook {
  private String isbn;
  private String title;
  private String genre;
  private Set<String> tags;
  private Long views;
  private Long version;

  @DynamoDBHashKey(attributeName = "isbn")
  public String getIsbn() {
    return isbn;
  }

  @DynamoDBAttribute(attributeName = "title") // encrypted and signed
  public String getTitle() {
    return title;
  }

  @DoNotEncrypt // signed only
  @DynamoDBAttribute(attributeName = "genre")
  public String getGenre() {
    return genre;
  }

  @DynamoDBAttribute(attributeName = "tags")
  public Set<String> getTags() {
    return tags;
  }

  @DoNotTouch // neither encrypted nor signed
  @DynamoDBAttribute(attributeName = "views")
  public Long getViews() {
    return views;
  }

  @DynamoDBVersionAttribute(attributeName = "version")
  public Long getVersion() {
    return version;
  }

  // ... setters
  // end-snippet

  public void setIsbn(String isbn) {
    this.isbn = isbn;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public void setGenre(String genre) {
    this.genre = genre;
  }

  public void setTags(Set<String> tags) {
    this.tags = tags;
  }

  public void setViews(Long views) {
    this.views = views;
  }

  public void setVersion(Long version) {
    this.version = version;
  }
}
