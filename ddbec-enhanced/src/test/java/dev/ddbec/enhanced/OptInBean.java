package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** Opt-in encryption: signed by default, {@code secret} encrypted, {@code free} untouched. */
@DynamoDbBean
@DdbecDefaultAction(CryptoAction.SIGN_ONLY)
public class OptInBean {
  private String id;
  private String secret;
  private String note;
  private String free;

  public OptInBean() {}

  @DynamoDbPartitionKey
  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  @DdbecEncryptAndSign
  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  @DdbecDoNothing
  public String getFree() {
    return free;
  }

  public void setFree(String free) {
    this.free = free;
  }
}
