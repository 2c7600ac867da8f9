package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * The attributes the test beans share: the partition key {@code id} and {@code name} (the class's
 * default action: encrypted and signed unless the class says otherwise). Bean introspection sees
 * these inherited accessors on each subclass (every version of the profile data model, {@link
 * OptInBean}, {@link UntaggedIndexBook}).
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
