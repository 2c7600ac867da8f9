package dev.ddbec.interop.mapper;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBAttribute;
import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;

/** The official mapper's newer profile: adds email (encrypted and signed). */
@DynamoDBTable(tableName = "replaced-per-test")
public class MapperProfileV2 extends ProfileFields {
  private String email;

  @DynamoDBAttribute(attributeName = "email")
  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
