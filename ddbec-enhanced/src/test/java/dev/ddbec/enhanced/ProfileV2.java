package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The newer data model: adds {@code email} (encrypted and signed, the default). */
@DynamoDbBean
public class ProfileV2 extends ProfileBase {
  private String email;

  static ProfileV2 of(String id, String name, String email) {
    ProfileV2 p = new ProfileV2();
    p.setId(id);
    p.setName(name);
    p.setEmail(email);
    return p;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
