package dev.ddbec.provider.kms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KmsArnTest {
  private static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String MRK =
      "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

  @Test
  void parse_keyArn_givesParts() {
    KmsArn arn = KmsArn.parse(KEY).orElseThrow();
    assertThat(arn.region()).isEqualTo("us-east-1");
    assertThat(arn.account()).isEqualTo("111122223333");
    assertThat(arn.isKey()).isTrue();
    assertThat(arn.isMultiRegionKey()).isFalse();
    assertThat(arn.toString()).isEqualTo(KEY);
  }

  @Test
  void parse_aliasArn_isNotAKey() {
    KmsArn arn = KmsArn.parse("arn:aws-cn:kms:cn-north-1:111122223333:alias/app").orElseThrow();
    assertThat(arn.isKey()).isFalse();
    assertThat(arn.partition()).isEqualTo("aws-cn");
  }

  @Test
  void parse_notAKmsArn_isEmpty() {
    assertThat(
            List.of(
                "alias/app",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:s3:::bucket/key",
                "arn:aws:kms:us-east-1:111122223333:grant/x",
                "arn:aws:kms::111122223333:key/x"))
        .allMatch(text -> KmsArn.parse(text).isEmpty());
  }

  @Test
  void sameKey_multiRegionReplicas_matchAcrossRegionsOnly() {
    KmsArn primary = KmsArn.parse(MRK).orElseThrow();
    KmsArn replica = KmsArn.parse(MRK.replace("us-east-1", "eu-west-1")).orElseThrow();
    assertThat(primary.sameKey(replica)).isTrue();
    assertThat(replica.sameKey(primary)).isTrue();
    KmsArn single = KmsArn.parse(KEY).orElseThrow();
    assertThat(single.sameKey(KmsArn.parse(KEY.replace("us-east-1", "eu-west-1")).orElseThrow()))
        .isFalse();
    assertThat(primary.sameKey(KmsArn.parse(MRK.replace("111122223333", "999")).orElseThrow()))
        .isFalse();
  }
}
