package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.TableConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FormatOptionsTest {
  private static final FormatNames NAMES = FormatNames.of("meta", "sig", "acme-");
  private static final UnaryOperator<EncryptionContext> TENANT =
      c -> c.withDeveloperContext("tenant-7");

  @Test
  void overriddenBy_setComponentsWin_unsetOnesKeepTheBase() {
    FormatOptions base = new FormatOptions(NAMES, null, TableNameBinding.ACCEPT_UNSET_TABLE_NAME);
    FormatOptions override = new FormatOptions(null, TENANT, TableNameBinding.REQUIRE_TABLE_NAME);

    FormatOptions merged = base.overriddenBy(override);

    assertThat(merged.formatNames()).isSameAs(NAMES);
    assertThat(merged.encryptionContextOperator()).isSameAs(TENANT);
    assertThat(merged.tableNameBinding()).isEqualTo(TableNameBinding.REQUIRE_TABLE_NAME);
    assertThat(base.overriddenBy(FormatOptions.UNSET)).isEqualTo(base);
  }

  @Test
  void itemEncryptor_unsetOptions_areTheDefaults_setOnesAreKept() {
    MaterialsProvider provider = TestProvider.STATIC_AES_HMAC.provider();

    ItemEncryptor plain = ItemEncryptor.create(provider);
    ItemEncryptor custom =
        ItemEncryptor.builder()
            .formatNames(NAMES)
            .materialsProvider(provider)
            .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
            .build();

    assertThat(plain.formatNames()).isEqualTo(FormatNames.DEFAULTS);
    assertThat(plain.tableNameBinding()).isEqualTo(TableNameBinding.REQUIRE_TABLE_NAME);
    assertThat(custom.formatNames()).isSameAs(NAMES);
    assertThat(custom.tableNameBinding()).isEqualTo(TableNameBinding.ACCEPT_UNSET_TABLE_NAME);
    assertThat(custom.toBuilder().build().formatNames()).isSameAs(NAMES);
  }

  @Test
  void tableConfig_sharesTheSetters_andMergesThemWithOverriddenBy() {
    TableConfig base = TableConfig.builder("Books").formatNames(NAMES).build();
    TableConfig override =
        TableConfig.builder("Books")
            .encryptionContextOperator(TENANT)
            .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
            .build();

    TableConfig merged = base.overriddenBy(override);

    assertThat(base.encryptionContextOperator()).isEmpty();
    assertThat(merged.formatNames()).contains(NAMES);
    assertThat(merged.encryptionContextOperator()).contains(TENANT);
    assertThat(merged.tableNameBinding()).contains(TableNameBinding.ACCEPT_UNSET_TABLE_NAME);
    assertThat(merged).isEqualTo(merged.toBuilder().build()).isNotEqualTo(base);
  }
}
