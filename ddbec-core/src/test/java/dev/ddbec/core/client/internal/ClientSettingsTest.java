package dev.ddbec.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.ProtectionSettings;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  private static final StaticMaterialsProvider PROVIDER =
      StaticMaterialsProvider.builder()
          .hmacKey(new SecretKeySpec(new byte[32], "HmacSHA256"))
          .build();
  private static final AttributeActions ACTIONS = AttributeActions.of(CryptoAction.SIGN_ONLY);
  private static final TableConfig A =
      TableConfig.builder("A").keySchema(TableKeySchema.of("pk", null)).build();
  private static final TableConfig B =
      TableConfig.builder("B").plaintextPolicy(PlaintextPolicy.REJECT).build();

  private static ClientSettings settings(List<TableConfig> configs) {
    return ClientSettings.create(
        new ProtectionSettings(PROVIDER, ACTIONS, PlaintextPolicy.REJECT, configs));
  }

  @Test
  void create_logsTheConfigurationOnceAtInfoWithoutKeys() {
    int mark = CapturedLog.mark();
    settings(List.of(A, B));

    List<ILoggingEvent> lines = CapturedLog.since(mark, ClientSettings.class.getName());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(lines.get(0).getFormattedMessage())
        .startsWith("ddbec helper client built: ProtectionSettings{")
        .contains("materialsProvider=StaticMaterialsProvider")
        .contains("plaintextPolicy=REJECT")
        .contains("TableConfig{tableName=A")
        .contains("TableConfig{tableName=B")
        .doesNotContain("HmacSHA256")
        .doesNotContain("[0, 0, 0");
  }

  @Test
  void create_copiesTheTableConfigs() {
    List<TableConfig> configs = new ArrayList<>(List.of(A, B));
    ClientSettings s = settings(configs);
    configs.clear();

    assertThat(s.settings().tableConfigs()).containsExactly(A, B);
    assertThat(s.settings().materialsProvider()).isSameAs(PROVIDER);
    assertThat(s.settings().attributeActions()).isSameAs(ACTIONS);
    assertThat(s.settings().plaintextPolicy()).isEqualTo(PlaintextPolicy.REJECT);
    assertThatThrownBy(() -> s.settings().tableConfigs().add(A))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void create_tableConfiguredTwice_throwsInvalidConfigurationException() {
    assertThatThrownBy(() -> settings(List.of(A, TableConfig.builder("A").build())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Table A is configured twice");
  }

  @Test
  void withTableConfig_configuredTable_mergedInPlace() {
    ClientSettings s = settings(List.of(A, B));
    TableConfig override = TableConfig.builder("A").contextTableName("Original").build();

    ClientSettings view = s.withTableConfig(override);

    assertThat(view.settings().tableConfigs()).containsExactly(A.overriddenBy(override), B);
    assertThat(view.resolver()).isNotSameAs(s.resolver());
    assertThat(view.resolver().config("A").contextTableName()).contains("Original");
    assertThat(s.settings().tableConfigs()).containsExactly(A, B);
    assertThat(s.resolver().config("A").contextTableName()).isEmpty();
  }

  @Test
  void withTableConfig_otherTable_appendedAfterTheOthers() {
    TableConfig c = TableConfig.builder("C").attributeActions(ACTIONS).build();

    ClientSettings view = settings(List.of(A, B)).withTableConfig(c);

    assertThat(view.settings().tableConfigs()).containsExactly(A, B, c);
    assertThat(view.settings().materialsProvider()).isSameAs(PROVIDER);
  }

  @Test
  void describe_namesClientSettingsAndView() {
    ClientSettings s = settings(List.of(B));

    assertThat(s.describe("EncryptedDynamoDbClient", false))
        .isEqualTo(
            "EncryptedDynamoDbClient{attributeActions="
                + ACTIONS
                + ", plaintextPolicy=REJECT, tableConfigs=["
                + B
                + "]}");
    assertThat(s.describe("EncryptedDynamoDbAsyncClient", true))
        .startsWith("EncryptedDynamoDbAsyncClient{")
        .endsWith(", view}");
  }
}
