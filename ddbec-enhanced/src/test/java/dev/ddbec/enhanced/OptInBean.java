package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * Opt-in encryption: signed by default ({@code id}, {@code name}), {@code secret} encrypted, {@code
 * free} untouched.
 */
@DynamoDbBean
@DdbecDefaultAction(CryptoAction.SIGN_ONLY)
public class OptInBean extends ProfileBase {
  private String secret;
  private String free;

  @DdbecEncryptAndSign
  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  @DdbecDoNothing
  public String getFree() {
    return free;
  }

  public void setFree(String free) {
    this.free = free;
  }
}
