package dev.ddbec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Custom format names, encryption-context operators and the table-name binding. */
class ItemEncryptorCustomisationTest {
  private static final FormatNames CUSTOM = FormatNames.of("meta", "sig", "acme-");
  private static final AttributeActions ACTIONS =
      AttributeActions.builder()
          .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
          .action("pub", CryptoAction.SIGN_ONLY)
          .build()
          .withIndexKeys("pk");
  private static final MaterialsProvider PROVIDER = TestProvider.STATIC_AES_HMAC.provider();

  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk", AttributeValue.fromS("id-1"),
          "secret", AttributeValue.fromS("s3cr3t"),
          "pub", AttributeValue.fromN("7"));

  /** {@link #ITEM} encrypted by a default encryptor for table {@code table}. */
  private static Map<String, AttributeValue> encrypted(String table) {
    return ItemEncryptor.create(PROVIDER).encryptItem(ITEM, config(table));
  }

  /** An encryptor that also accepts items signed without a table name. */
  private static ItemEncryptor acceptingUnsetTableName() {
    return ItemEncryptor.builder()
        .materialsProvider(PROVIDER)
        .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
        .build();
  }

  private static CryptoConfig config(String table) {
    return CryptoConfig.of(
        EncryptionContext.builder().tableName(table).partitionKeyName("pk").build(), ACTIONS);
  }

  @Test
  void encryptItem_customNames_writesConfiguredAttributesAndDescriptionKeys() {
    ItemEncryptor encryptor =
        ItemEncryptor.builder().materialsProvider(PROVIDER).formatNames(CUSTOM).build();

    Map<String, AttributeValue> stored = encryptor.encryptItem(ITEM, config("Items"));

    assertThat(stored)
        .containsKeys("meta", "sig")
        .doesNotContainKeys(
            FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE, FormatNames.SIGNATURE_ATTRIBUTE);
    Map<String, String> description =
        MaterialDescriptionCodec.decode(stored.get("meta").b().asByteArray());
    assertThat(description)
        .containsKeys("acme-sym-mode", "acme-signingAlg")
        .doesNotContainKeys(FormatNames.SYM_MODE, FormatNames.SIGNING_ALG);
    assertThat(encryptor.decryptItem(stored, config("Items"))).isEqualTo(ITEM);
  }

  @Test
  void decryptItem_customNamesReadWithDefaults_throwsItemIntegrityException() {
    ItemEncryptor custom =
        ItemEncryptor.builder().materialsProvider(PROVIDER).formatNames(CUSTOM).build();
    Map<String, AttributeValue> stored = custom.encryptItem(ITEM, config("Items"));

    assertThatThrownBy(() -> ItemEncryptor.create(PROVIDER).decryptItem(stored, config("Items")))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining(FormatNames.SIGNATURE_ATTRIBUTE);
  }

  @Test
  void decryptItem_otherDescriptionBase_throwsItemIntegrityException() {
    ItemEncryptor writer =
        ItemEncryptor.builder().materialsProvider(PROVIDER).formatNames(CUSTOM).build();
    ItemEncryptor reader =
        ItemEncryptor.builder()
            .materialsProvider(PROVIDER)
            .formatNames(CUSTOM.withDescriptionBase("other-"))
            .build();
    Map<String, AttributeValue> stored = writer.encryptItem(ITEM, config("Items"));

    assertThatThrownBy(() -> reader.decryptItem(stored, config("Items")))
        .isInstanceOf(ItemIntegrityException.class)
        .hasMessageContaining("other-sym-mode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"meta", "sig", "*amzn-ddb-map-sig*"})
  void encryptItem_customNamesReservedPresent_throwsInvalidItemException(String name) {
    ItemEncryptor encryptor =
        ItemEncryptor.builder().materialsProvider(PROVIDER).formatNames(CUSTOM).build();
    Map<String, AttributeValue> item =
        Map.of("pk", AttributeValue.fromS("x"), name, AttributeValue.fromS("y"));

    assertThatThrownBy(() -> encryptor.encryptItem(item, config("Items")))
        .isInstanceOf(InvalidItemException.class)
        .hasMessageContaining(name);
  }

  @Test
  void formatNames_invalid_throwsInvalidConfigurationException() {
    assertThatThrownBy(() -> FormatNames.of("same", "same", "b-"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> FormatNames.DEFAULTS.withDescriptionBase(""))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> FormatNames.DEFAULTS.withSignatureAttribute(null))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void formatNames_defaults_matchConstants() {
    FormatNames d = FormatNames.DEFAULTS;
    assertThat(d.symModeKey()).isEqualTo(FormatNames.SYM_MODE).isEqualTo("amzn-ddb-map-sym-mode");
    assertThat(d.signingAlgorithmKey()).isEqualTo("amzn-ddb-map-signingAlg");
    assertThat(d.signatureAttribute()).isEqualTo("*amzn-ddb-map-sig*");
    assertThat(d.materialDescriptionAttribute()).isEqualTo("*amzn-ddb-map-desc*");
    assertThat(FormatNames.of("*amzn-ddb-map-desc*", "*amzn-ddb-map-sig*", "amzn-ddb-map-"))
        .isSameAs(d);
    assertThat(CUSTOM.isDefault()).isFalse();
    assertThat(CUSTOM.isReserved("sig")).isTrue();
    assertThat(CUSTOM.isReserved(FormatNames.SIGNATURE_ATTRIBUTE)).isFalse();
  }

  @Test
  void encryptionContextOperator_overrideTableName_bindsTheNewName() {
    ItemEncryptor writer =
        ItemEncryptor.builder()
            .materialsProvider(PROVIDER)
            .encryptionContextOperator(
                EncryptionContextOperators.overrideTableName("Items", "Archive"))
            .build();
    Map<String, AttributeValue> stored = writer.encryptItem(ITEM, config("Items"));
    ItemEncryptor plain = ItemEncryptor.create(PROVIDER);

    assertThat(plain.decryptItem(stored, config("Archive"))).isEqualTo(ITEM);
    assertThat(writer.decryptItem(stored, config("Items"))).isEqualTo(ITEM);
    assertThatThrownBy(() -> plain.decryptItem(stored, config("Items")))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void overrideTableNames_map_replacesOnlyListedNames() {
    var op = EncryptionContextOperators.overrideTableNames(Map.of("A", "B"));
    EncryptionContext a = EncryptionContext.builder().tableName("A").build();
    EncryptionContext c = EncryptionContext.builder().tableName("C").build();

    assertThat(op.apply(a).tableName()).isEqualTo("B");
    assertThat(op.apply(c)).isSameAs(c);
    assertThatThrownBy(() -> EncryptionContextOperators.overrideTableName("A", ""))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void encryptionContextOperator_developerContext_reachesTheProviderOnBothPaths() {
    Recording recording = new Recording(PROVIDER);
    Object tenant = new Object();
    ItemEncryptor encryptor =
        ItemEncryptor.builder()
            .materialsProvider(recording)
            .encryptionContextOperator(c -> c.withDeveloperContext(tenant))
            .build();

    Map<String, AttributeValue> stored = encryptor.encryptItem(ITEM, config("Items"));
    encryptor.decryptItem(stored, config("Items"));

    assertThat(recording.seen).hasSize(2);
    assertThat(recording.seen).allSatisfy(c -> assertThat(c.developerContext()).isSameAs(tenant));
    assertThat(recording.seen.get(0).attributes()).isEqualTo(ITEM);
    assertThat(recording.seen.get(1).materialDescription()).containsKey(FormatNames.SYM_MODE);
  }

  @Test
  void encryptionContextOperator_returnsNull_throwsInvalidConfigurationException() {
    ItemEncryptor encryptor =
        ItemEncryptor.builder()
            .materialsProvider(PROVIDER)
            .encryptionContextOperator(c -> null)
            .build();

    assertThatThrownBy(() -> encryptor.encryptItem(ITEM, config("Items")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "None"})
  void decryptItem_signedWithoutTableName_readOnlyWithAcceptUnset(String unset) {
    // The official Java client signs TABLE>null<TABLE (Python TABLE>None<TABLE) when its context
    // has
    // no table name; a context naming that literal string signs the same bytes.
    Map<String, AttributeValue> stored = encrypted(unset);
    ItemEncryptor strict = ItemEncryptor.create(PROVIDER);
    ItemEncryptor lenient = acceptingUnsetTableName();

    assertThatThrownBy(() -> strict.decryptItem(stored, config("Items")))
        .isInstanceOf(ItemIntegrityException.class);
    assertThat(lenient.decryptItem(stored, config("Items"))).isEqualTo(ITEM);
  }

  @Test
  void decryptItem_acceptUnsetButSignedForAnotherTable_throwsItemIntegrityException() {
    Map<String, AttributeValue> stored = encrypted("Other");
    ItemEncryptor lenient = acceptingUnsetTableName();

    assertThatThrownBy(() -> lenient.decryptItem(stored, config("Items")))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void toBuilder_keepsEverySetting() {
    ItemEncryptor encryptor =
        ItemEncryptor.builder()
            .materialsProvider(PROVIDER)
            .formatNames(CUSTOM)
            .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
            .build();
    ItemEncryptor copy = encryptor.toBuilder().build();

    assertThat(copy.formatNames()).isEqualTo(CUSTOM);
    assertThat(copy.tableNameBinding()).isEqualTo(TableNameBinding.ACCEPT_UNSET_TABLE_NAME);
    assertThat(copy.materialsProvider()).isSameAs(PROVIDER);
    assertThatThrownBy(() -> ItemEncryptor.builder().build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void encryptionContext_developerContext_inEqualsNeverInToString() {
    EncryptionContext base = EncryptionContext.builder().tableName("T").build();
    EncryptionContext withSecret = base.withDeveloperContext("tenant-secret-42");

    assertThat(withSecret).isNotEqualTo(base);
    assertThat(withSecret).isEqualTo(base.toBuilder().developerContext("tenant-secret-42").build());
    assertThat(withSecret.toString()).doesNotContain("tenant-secret-42");
    assertThat(withSecret.withAttributes(ITEM).developerContext()).isEqualTo("tenant-secret-42");
    assertThat(withSecret.withTableName("U").developerContext()).isEqualTo("tenant-secret-42");
    assertThat(withSecret.toBuilder().build().developerContext()).isEqualTo("tenant-secret-42");
  }

  /** A real provider that records the contexts it is given. */
  private static final class Recording implements MaterialsProvider {
    private final MaterialsProvider delegate;
    final List<EncryptionContext> seen = new CopyOnWriteArrayList<>();

    Recording(MaterialsProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      seen.add(context);
      return delegate.encryptionMaterials(context);
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      seen.add(context);
      return delegate.decryptionMaterials(context);
    }
  }
}
