package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:dynamodb:us-east-1:123456789012:table/Books",
        "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Books",
        "arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/Books",
        "arn:aws:dynamodb:ddblocal:000000000000:table/Books"
      })
  void fromNameOrArn_tableArn_returnsTheName(String arn) {
    assertThat(TableNames.fromNameOrArn(arn)).isEqualTo("Books");
  }

  @Test
  void fromNameOrArn_name_returnedAsIs() {
    assertThat(TableNames.fromNameOrArn("my-table_1.v2")).isEqualTo("my-table_1.v2");
    assertThat(TableNames.fromNameOrArn(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:dynamodb:us-east-1:123456789012:table/Books/index/byGenre",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Books/stream/2024-01-01T00:00:00.000",
        "arn:aws:dynamodb:us-east-1:123456789012:backup/x",
        "arn:aws:dynamodb:us-east-1:123456789012:table/",
        "arn:aws:dynamodb:us-east-1:123456789012:table/ab",
        "arn:aws:dynamodb::123456789012:table/Books",
        "arn:aws:dynamodb:us-east-1::table/Books",
        "arn::dynamodb:us-east-1:123456789012:table/Books",
        "arn:aws:s3:::Books",
        "arn:aws:dynamodb:us-east-1:123456789012",
        "arn:"
      })
  void fromNameOrArn_malformedArn_throwsInvalidConfigurationException(String arn) {
    assertThatThrownBy(() -> TableNames.fromNameOrArn(arn))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("not a DynamoDB table ARN");
  }
}
