package dev.ddbec.interop.mapper;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBHashKey;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * The attributes every version of the profile data model has, in both clients: the partition key
 * {@code id} and {@code name} (encrypted and signed). Each accessor carries the official mapper's
 * annotation and the Enhanced Client's; each client reads only its own.
 */
@DynamoDBTable(tableName = "replaced-per-test")
public abstract class ProfileFields {
  private String id;
  private String name;

  @DynamoDBHashKey(attributeName = "id")
  @DynamoDbPartitionKey
  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  @DynamoDBAttribute(attributeName = "name")
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
