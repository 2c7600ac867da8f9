package dev.ddbec.interop.mapper;

import dev.ddbec.enhanced.DdbecHandleUnknownAttributes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** The Enhanced Client's older profile, without email, handling unknown attributes. */
@DynamoDbBean
@DdbecHandleUnknownAttributes
public class EnhancedProfileV1 {
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
