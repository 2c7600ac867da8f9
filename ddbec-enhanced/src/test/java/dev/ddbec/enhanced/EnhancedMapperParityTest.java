package dev.ddbec.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapper parity with the official Java client: opt-in encryption on beans ({@link
 * DdbecEncryptAndSign} under a SIGN_ONLY class default, official issue #69) and unknown attributes
 * ({@link DdbecHandleUnknownAttributes}, {@link DdbecTags#handleUnknownAttributes()}, the official
 * {@code @HandleUnknownAttributes}), with the Enhanced Client on the moto server.
 */
class EnhancedMapperParityTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static DynamoDbEnhancedClient enhanced;

  @BeforeAll
  static void client() {
    enhanced =
        DynamoDbEncryptionExtensionTest.client(
            DDB, DynamoDbEncryptionExtension.create(DynamoDbEncryptionExtensionTest.PROVIDER));
  }

  /**
   * A static schema of a profile class: the partition key {@code id}, also tagged {@code idTags}.
   */
  private static <T extends ProfileBase> StaticTableSchema.Builder<T> idSchema(
      Class<T> type, Supplier<T> newItem, StaticAttributeTag... idTags) {
    List<StaticAttributeTag> tags = new ArrayList<>(List.of(idTags));
    tags.add(StaticAttributeTags.primaryPartitionKey());
    return StaticTableSchema.builder(type)
        .newItemSupplier(newItem)
        .addAttribute(
            String.class,
            a -> a.name("id").getter(ProfileBase::getId).setter(ProfileBase::setId).tags(tags));
  }

  private static Map<String, AttributeValue> raw(String table, String id) {
    return DDB.local().rawItem(table, Map.of("id", AttributeValue.fromS(id)));
  }

  /** Sets {@code attribute} of the stored item with id 1 to a plaintext string, behind ddbec. */
  private static void overwrite(String table, String attribute, String value) {
    DDB.local()
        .client()
        .updateItem(
            r ->
                r.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS("1")))
                    .updateExpression("SET #a = :v")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
  }

  /** Creates a table {@code name} with the newer model and stores one profile in it. */
  private static void putProfileV2(String name, ProfileV2 profile) {
    DynamoDbTable<ProfileV2> v2 = enhanced.table(name, TableSchema.fromBean(ProfileV2.class));
    v2.createTable();
    v2.putItem(profile);
  }

  @Test
  void optIn_bean_encryptsOnlyTheMarkedAttribute() {
    DynamoDbTable<OptInBean> table =
        enhanced.table(
            LocalDynamoDb.uniqueTableName("optin"), TableSchema.fromBean(OptInBean.class));
    table.createTable();
    OptInBean b = new OptInBean();
    b.setId("1");
    b.setSecret("s3cret");
    b.setName("signed");
    b.setFree("free");
    table.putItem(b);

    Map<String, AttributeValue> stored = raw(table.tableName(), "1");
    assertThat(stored.get("secret").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("name").s()).isEqualTo("signed");
    assertThat(stored.get("free").s()).isEqualTo("free");
    OptInBean read = table.getItem(Key.builder().partitionValue("1").build());
    assertThat(read.getSecret()).isEqualTo("s3cret");
    assertThat(read.getName()).isEqualTo("signed");

    // name is signed: changing it in the table is detected; free is not.
    overwrite(table.tableName(), "free", "changed");
    assertThat(table.getItem(Key.builder().partitionValue("1").build()).getFree())
        .isEqualTo("changed");
    overwrite(table.tableName(), "name", "forged");
    assertThatThrownBy(() -> table.getItem(Key.builder().partitionValue("1").build()))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void optIn_onAKey_isRefused() {
    StaticTableSchema<OptInBean> schema =
        idSchema(OptInBean.class, OptInBean::new, DdbecTags.encryptAndSign())
            .tags(DdbecTags.defaultAction(CryptoAction.SIGN_ONLY))
            .build();
    DynamoDbTable<OptInBean> table =
        enhanced.table(LocalDynamoDb.uniqueTableName("optkey"), schema);
    table.createTable();
    OptInBean b = new OptInBean();
    b.setId("1");
    assertThatThrownBy(() -> table.putItem(b))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("cannot be encrypted");
  }

  @Test
  void unknownAttributes_handledByAnnotation_verifyAndIgnoredOtherwise_fail() {
    String name = LocalDynamoDb.uniqueTableName("profiles");
    putProfileV2(name, ProfileV2.of("1", "Ada", "ada@example.com"));
    assertThat(raw(name, "1").get("email").type()).isEqualTo(AttributeValue.Type.B);
    Key key = Key.builder().partitionValue("1").build();

    ProfileV1Handling read =
        enhanced.table(name, TableSchema.fromBean(ProfileV1Handling.class)).getItem(key);
    assertThat(read.getName()).isEqualTo("Ada");

    assertThatThrownBy(
            () -> enhanced.table(name, TableSchema.fromBean(ProfileV1Ignoring.class)).getItem(key))
        .isInstanceOf(ItemIntegrityException.class);
  }

  @Test
  void unknownAttributes_handledByStaticTag() {
    String name = LocalDynamoDb.uniqueTableName("profiles");
    putProfileV2(name, ProfileV2.of("2", "Grace", "grace@example.com"));

    StaticTableSchema<ProfileV1Ignoring> v1 =
        idSchema(ProfileV1Ignoring.class, ProfileV1Ignoring::new)
            .tags(DdbecTags.handleUnknownAttributes())
            .addAttribute(
                String.class,
                a -> a.name("name").getter(ProfileBase::getName).setter(ProfileBase::setName))
            .build();
    assertThat(
            enhanced.table(name, v1).getItem(Key.builder().partitionValue("2").build()).getName())
        .isEqualTo("Grace");
  }
}
