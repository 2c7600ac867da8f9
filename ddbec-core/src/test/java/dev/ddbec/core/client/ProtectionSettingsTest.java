package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one settings type behind the builders of both clients, the Streams helper and the extension.
 */
class ProtectionSettingsTest {
  private static final TableConfig A = TableConfig.builder("A").build();

  @Test
  void constructor_copiesTheTableConfigs_andRefusesATableConfiguredTwice() {
    List<TableConfig> configs = new ArrayList<>(List.of(A));
    ProtectionSettings settings = settings(configs);
    configs.add(TableConfig.builder("B").build());

    assertThat(settings.tableConfigs()).containsExactly(A);
    assertThat(settings.tableConfigsByName()).containsOnlyKeys("A");
    assertThatThrownBy(() -> settings(List.of(A, TableConfig.builder("A").build())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Table A is configured twice");
  }

  @Test
  void withTableConfig_mergesIntoItsTableOrAddsIt() {
    ProtectionSettings settings = settings(List.of(A));
    TableConfig override =
        TableConfig.builder("A").plaintextPolicy(PlaintextPolicy.ALLOW_READ_PLAINTEXT).build();

    ProtectionSettings merged = settings.withTableConfig(override);
    ProtectionSettings added = settings.withTableConfig(TableConfig.builder("B").build());

    assertThat(merged.tableConfigs()).hasSize(1);
    assertThat(merged.tableConfigsByName().get("A").plaintextPolicy())
        .contains(PlaintextPolicy.ALLOW_READ_PLAINTEXT);
    assertThat(added.tableConfigsByName()).containsOnlyKeys("A", "B");
    assertThat(settings.tableConfigs()).containsExactly(A);
  }

  @Test
  void everyBuilder_missingMaterialsProvider_namesWhatIsBuilt() {
    try (DynamoDbClient delegate = DynamoDbClient.builder().region(Region.US_EAST_1).build()) {
      assertThatThrownBy(() -> EncryptedDynamoDbClient.builder().delegate(delegate).build())
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessage("EncryptedDynamoDbClient needs a materials provider");
    }
    assertThatThrownBy(() -> StreamRecordDecryptor.builder().tableName("T").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("StreamRecordDecryptor needs a materials provider");
    // DynamoDbEncryptionExtension (ddbec-enhanced): DynamoDbEncryptionExtensionTest.
  }

  @Test
  void clientBuilder_missingDelegate_namesItsType() {
    assertThatThrownBy(
            () -> EncryptedDynamoDbAsyncClient.builder().materialsProvider(Books.PROVIDER).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("EncryptedDynamoDbAsyncClient needs a delegate DynamoDbAsyncClient");
  }

  private static ProtectionSettings settings(List<TableConfig> configs) {
    return new ProtectionSettings(
        Books.PROVIDER,
        AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN),
        PlaintextPolicy.REJECT,
        configs);
  }
}
