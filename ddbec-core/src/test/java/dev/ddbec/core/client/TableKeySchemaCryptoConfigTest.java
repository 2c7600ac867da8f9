package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.CryptoConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class TableKeySchemaCryptoConfigTest {

  @Test
  void cryptoConfig_contextNamesTableAndKeys_keysSignedNotEncrypted() {
    TableKeySchema schema = TableKeySchema.of("pk", "sk");

    CryptoConfig c =
        schema.cryptoConfig("Books", AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN));

    assertThat(c.context().tableName()).isEqualTo("Books");
    assertThat(c.context().partitionKeyName()).isEqualTo("pk");
    assertThat(c.context().sortKeyName()).isEqualTo("sk");
    assertThat(c.actions().actionFor("pk")).isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(c.actions().actionFor("sk")).isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(c.actions().actionFor("title")).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(c.materialsProviderOverride()).isEmpty();
  }

  @Test
  void cryptoConfig_encryptedIndexKey_refusedAsEffectiveActionsDoes() {
    TableKeySchema schema =
        TableKeySchema.of("pk", null)
            .withGlobalSecondaryIndex("byOwner", "owner", null, ProjectionType.ALL);

    assertThatThrownBy(
            () -> schema.cryptoConfig("Books", AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("secondary index 'byOwner' of table Books");
  }
}
