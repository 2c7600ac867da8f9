package dev.ddbec.provider.kms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsResponsesTest {
  private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd";
  private static final String MRK = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd";

  @Test
  void namesKey_keysYes_aliasesNo() {
    assertThat(List.of(KEY, MRK, "1234abcd", "mrk-1234abcd")).allMatch(KmsResponses::namesKey);
    assertThat(List.of("alias/books", "arn:aws:kms:us-east-1:111122223333:alias/books"))
        .noneMatch(KmsResponses::namesKey);
  }

  @Test
  void isConfiguredKey_keyArn_onlyThatKey() {
    KmsResponses r = new KmsResponses(KEY, "us-east-1", true);
    assertThat(r.isConfiguredKey(KEY)).isTrue();
    assertThat(
            Arrays.asList(
                KEY.replace("us-east-1", "eu-west-1"),
                KEY.replace("111122223333", "444455556666"),
                KEY + "0",
                null))
        .noneMatch(r::isConfiguredKey);
    assertThat(r.isConfiguredKey("1234abcd")).as("KMS reports ARNs").isFalse();
  }

  @Test
  void isConfiguredKey_multiRegionKey_anyReplica() {
    KmsResponses r = new KmsResponses(MRK, "eu-west-1", true);
    assertThat(r.isConfiguredKey(MRK)).isTrue();
    assertThat(r.isConfiguredKey(MRK.replace("us-east-1", "eu-west-1"))).isTrue();
    assertThat(r.isConfiguredKey(MRK.replace("111122223333", "444455556666"))).isFalse();
  }

  @Test
  void isConfiguredKey_bareKeyId_thatKeyInTheClientsRegion() {
    KmsResponses r = new KmsResponses("1234abcd", "us-east-1", true);
    assertThat(r.isConfiguredKey(KEY)).isTrue();
    assertThat(r.isConfiguredKey(KEY.replace("us-east-1", "eu-west-1"))).isFalse();
    assertThat(r.isConfiguredKey(KEY.replace("1234abcd", "9999"))).isFalse();
    KmsResponses mrk = new KmsResponses("mrk-1234abcd", "us-east-1", true);
    assertThat(mrk.isConfiguredKey(MRK.replace("us-east-1", "eu-west-1"))).isTrue();
  }

  @Test
  void constructor_strictWithAlias_isRefused() {
    assertThatThrownBy(() -> new KmsResponses("alias/books", "us-east-1", true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
