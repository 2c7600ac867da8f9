package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionFlags;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.utils.EncryptionContextOperators;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.TableNameBinding;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.sdk1.Sdk1Items;
import dev.ddbec.testing.TestKeys;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The official Java client's customisations of {@code DynamoDBEncryptor}, both ways: items it
 * writes with them are read by ddbec configured with the equivalent, and the reverse. The official
 * Python client has none of these (fixed names, no operator; it signs {@code TABLE>None<TABLE}
 * without a table name, which {@code ItemEncryptorCustomisationTest} covers byte for byte).
 */
class OfficialJavaCustomisationInteropTest {
  private static final byte[] WRAPPING_KEY = TestKeys.randomBytes(32);
  private static final byte[] HMAC_KEY = TestKeys.randomBytes(32);
  private static final String TABLE = "Items";

  private static final EncryptionMaterialsProvider OFFICIAL =
      OfficialJavaClient.wrappedAesHmac(WRAPPING_KEY, HMAC_KEY);
  private static final MaterialsProvider DDBEC =
      WrappedMaterialsProvider.builder()
          .wrappingKey(new SecretKeySpec(WRAPPING_KEY, "AES"))
          .hmacKey(new SecretKeySpec(HMAC_KEY, "HmacSHA256"))
          .build();

  private static final Actions OFFICIAL_ACTIONS = Actions.of("encrypt").with("pub", "sign");
  private static final CryptoConfig CONFIG = InteropItems.pkConfig(TABLE, "pub");

  private static final FormatNames CUSTOM = FormatNames.of("meta", "sig", "acme-");

  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk", AttributeValue.fromS("id-1"),
          "secret", AttributeValue.fromS("classified"),
          "pub", AttributeValue.fromN("42"),
          "blob", AttributeValue.fromB(SdkBytes.fromByteArray(TestKeys.randomBytes(20))));

  private static Map<String, Set<EncryptionFlags>> flags(
      Map<String, AttributeValue> item, String... reserved) {
    Set<String> names = new HashSet<>(item.keySet());
    for (String r : reserved) {
      names.remove(r);
    }
    return OfficialJavaClient.flags(names, OFFICIAL_ACTIONS, "pk", null);
  }

  private static DynamoDBEncryptor customOfficial() {
    DynamoDBEncryptor encryptor = DynamoDBEncryptor.getInstance(OFFICIAL, "acme-");
    encryptor.setSignatureFieldName("sig");
    encryptor.setMaterialDescriptionFieldName("meta");
    return encryptor;
  }

  private static com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext
      officialContext(String table) {
    var b =
        new com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext.Builder()
            .withHashKeyName("pk");
    return (table == null ? b : b.withTableName(table)).build();
  }

  private static Map<String, AttributeValue> officialEncrypt(
      DynamoDBEncryptor encryptor, String table) throws Exception {
    return Sdk1Items.toSdk2(
        encryptor.encryptRecord(Sdk1Items.toSdk1(ITEM), flags(ITEM), officialContext(table)));
  }

  private static Map<String, AttributeValue> officialDecrypt(
      DynamoDBEncryptor encryptor, Map<String, AttributeValue> stored, String... reserved)
      throws Exception {
    return Sdk1Items.toSdk2(
        encryptor.decryptRecord(
            Sdk1Items.toSdk1(stored), flags(stored, reserved), officialContext(TABLE)));
  }

  @Test
  void customNames_writtenByOfficialClient_readByDdbecWithFormatNames() throws Exception {
    Map<String, AttributeValue> stored = officialEncrypt(customOfficial(), TABLE);
    assertThat(stored).containsKeys("sig", "meta");
    ItemEncryptor ddbec =
        ItemEncryptor.builder().materialsProvider(DDBEC).formatNames(CUSTOM).build();

    assertOnlyCustomisedDdbecReads(ddbec, stored);
  }

  @Test
  void customNames_writtenByDdbec_readByOfficialClientWithTheSameNames() throws Exception {
    ItemEncryptor ddbec =
        ItemEncryptor.builder().materialsProvider(DDBEC).formatNames(CUSTOM).build();
    Map<String, AttributeValue> stored = ddbec.encryptItem(ITEM, CONFIG);

    assertThat(officialDecrypt(customOfficial(), stored, "sig", "meta")).isEqualTo(ITEM);
    // With its defaults the official client finds no signature and fails.
    assertThatThrownBy(
            () -> officialDecrypt(DynamoDBEncryptor.getInstance(OFFICIAL), stored, "sig", "meta"))
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void contextOperator_writtenByOfficialClient_readByDdbecWithTheEquivalentOperator()
      throws Exception {
    DynamoDBEncryptor official = DynamoDBEncryptor.getInstance(OFFICIAL);
    official.setEncryptionContextOverrideOperator(
        EncryptionContextOperators.overrideEncryptionContextTableName(TABLE, "Archive"));
    Map<String, AttributeValue> stored = officialEncrypt(official, TABLE);
    ItemEncryptor ddbec =
        ItemEncryptor.builder()
            .materialsProvider(DDBEC)
            .encryptionContextOperator(
                dev.ddbec.core.EncryptionContextOperators.overrideTableName(TABLE, "Archive"))
            .build();

    assertOnlyCustomisedDdbecReads(ddbec, stored);
  }

  @Test
  void contextOperator_writtenByDdbec_readByOfficialClientWithItsOperator() throws Exception {
    ItemEncryptor ddbec =
        ItemEncryptor.builder()
            .materialsProvider(DDBEC)
            .encryptionContextOperator(
                dev.ddbec.core.EncryptionContextOperators.overrideTableNames(
                    Map.of(TABLE, "Archive")))
            .build();
    Map<String, AttributeValue> stored = ddbec.encryptItem(ITEM, CONFIG);
    DynamoDBEncryptor official = DynamoDBEncryptor.getInstance(OFFICIAL);
    official.setEncryptionContextOverrideOperator(
        EncryptionContextOperators.overrideEncryptionContextTableNameUsingMap(
            Map.of(TABLE, "Archive")));

    assertThat(
            officialDecrypt(
                official,
                stored,
                FormatNames.SIGNATURE_ATTRIBUTE,
                FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE))
        .isEqualTo(ITEM);
  }

  @Test
  void noTableName_writtenByOfficialClient_readByDdbecOnlyWithAcceptUnset() throws Exception {
    Map<String, AttributeValue> stored =
        officialEncrypt(DynamoDBEncryptor.getInstance(OFFICIAL), null);
    ItemEncryptor lenient =
        ItemEncryptor.builder()
            .materialsProvider(DDBEC)
            .tableNameBinding(TableNameBinding.ACCEPT_UNSET_TABLE_NAME)
            .build();

    assertThatThrownBy(() -> ItemEncryptor.create(DDBEC).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
    assertThat(lenient.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
  }

  @Test
  void noTableName_officialClientReadsWhatDdbecSignsForTheLiteralName() throws Exception {
    // ddbec never writes without a table name; the item the official client reads without one is
    // the one ddbec signs for the literal name "null".
    CryptoConfig literal =
        CryptoConfig.of(CONFIG.context().withTableName("null"), CONFIG.actions());
    Map<String, AttributeValue> stored = ItemEncryptor.create(DDBEC).encryptItem(ITEM, literal);
    Map<String, AttributeValue> plain =
        new LinkedHashMap<>(
            Sdk1Items.toSdk2(
                DynamoDBEncryptor.getInstance(OFFICIAL)
                    .decryptRecord(
                        Sdk1Items.toSdk1(stored),
                        flags(
                            stored,
                            FormatNames.SIGNATURE_ATTRIBUTE,
                            FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE),
                        officialContext(null))));

    assertThat(plain).isEqualTo(ITEM);
  }

  /** The customised encryptor reads the item; ddbec with its defaults rejects it. */
  private static void assertOnlyCustomisedDdbecReads(
      ItemEncryptor customised, Map<String, AttributeValue> stored) {
    assertThat(customised.decryptItem(stored, CONFIG)).isEqualTo(ITEM);
    assertThatThrownBy(() -> ItemEncryptor.create(DDBEC).decryptItem(stored, CONFIG))
        .isInstanceOf(ItemIntegrityException.class);
  }
}
