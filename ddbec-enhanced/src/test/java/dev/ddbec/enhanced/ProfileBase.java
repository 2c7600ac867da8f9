package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * The attributes every version of the profile data model has: the partition key {@code id} and
 * {@code name} (encrypted and signed, the default). Bean introspection sees these inherited
 * accessors on each version.
 */
public abstract class ProfileBase {
  private String id;
  private String name;

  @DynamoDbPartitionKey
  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
