package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;

/** A bean whose GSI key ({@code author}) has no ddbec tag, so the default would encrypt it. */
@DynamoDbBean
public class UntaggedIndexBook extends ProfileBase {
  private String author;

  @DynamoDbSecondaryPartitionKey(indexNames = "byAuthor")
  public String getAuthor() {
    return author;
  }

  public void setAuthor(String author) {
    this.author = author;
  }
}
