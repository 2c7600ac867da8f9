package dev.ddbec.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNamesTest {
  @Test
  void tableName_plainName_unchanged() {
    assertThat(TableNames.tableName("Secrets")).isEqualTo("Secrets");
    assertThat(TableNames.tableName("my.table-1_x")).isEqualTo("my.table-1_x");
  }

  @Test
  void tableName_tableArn_returnsTheName() {
    assertThat(TableNames.tableName("arn:aws:dynamodb:eu-west-1:111122223333:table/Secrets"))
        .isEqualTo("Secrets");
    assertThat(
            TableNames.tableName("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/my.table-1_x"))
        .isEqualTo("my.table-1_x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:dynamodb:eu-west-1:111122223333:table/Secrets/index/byName",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/Secrets/stream/2025-01-01T00:00:00.000",
        "arn:aws:s3:::bucket/table/Secrets",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/",
        "arn:aws:dynamodb:eu-west-1:111122223333:global-table/Secrets",
        "arn:aws:dynamodb:eu-west-1:table/Secrets",
        "arn::dynamodb:eu-west-1:111122223333:table/Secrets"
      })
  void tableName_otherArn_throwsInvalidConfiguration(String arn) {
    assertThatThrownBy(() -> TableNames.tableName(arn))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("table ARN");
  }
}
