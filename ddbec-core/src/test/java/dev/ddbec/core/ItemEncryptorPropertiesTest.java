package dev.ddbec.core;

import static dev.ddbec.core.internal.AttributeValues.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.testing.AttributeValueArbitraries;
import dev.ddbec.testing.AttributeValueArbitraries.ItemCase;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * encryptItem → decryptItem returns the original item, for arbitrary items, actions and providers.
 */
class ItemEncryptorPropertiesTest {
  private static final EncryptionContext CONTEXT =
      EncryptionContext.builder()
          .tableName("PropertyTable")
          .partitionKeyName(AttributeValueArbitraries.PARTITION_KEY)
          .sortKeyName(AttributeValueArbitraries.SORT_KEY)
          .build();

  private final Map<TestProvider, ItemEncryptor> encryptors = new EnumMap<>(TestProvider.class);

  ItemEncryptorPropertiesTest() {
    for (TestProvider p : TestProvider.values()) {
      encryptors.put(p, ItemEncryptor.create(p.provider()));
    }
  }

  @Provide
  Arbitrary<ItemCase> cases() {
    return AttributeValueArbitraries.itemCases();
  }

  @Property(tries = 200)
  void encryptThenDecrypt_staticAesHmac_returnsOriginalItem(@ForAll("cases") ItemCase c) {
    roundTrip(TestProvider.STATIC_AES_HMAC, c);
  }

  @Property(tries = 50)
  void encryptThenDecrypt_staticAesRsaSignature_returnsOriginalItem(@ForAll("cases") ItemCase c) {
    roundTrip(TestProvider.STATIC_AES_RSA, c);
  }

  @Property(tries = 200)
  void encryptThenDecrypt_wrappedAesKeyWrapHmac_returnsOriginalItem(@ForAll("cases") ItemCase c) {
    roundTrip(TestProvider.WRAPPED_AESKW_HMAC, c);
  }

  @Property(tries = 50)
  void encryptThenDecrypt_wrappedRsaOaepRsaSignature_returnsOriginalItem(
      @ForAll("cases") ItemCase c) {
    roundTrip(TestProvider.WRAPPED_RSA_RSA, c);
  }

  @Property(tries = 100)
  void decryptItem_otherTableName_throwsItemIntegrityException(@ForAll("cases") ItemCase c) {
    if (c.actions().allDoNothing()) {
      return; // passed through untouched: nothing is bound to the table
    }
    ItemEncryptor encryptor = encryptors.get(TestProvider.STATIC_AES_HMAC);
    Map<String, AttributeValue> stored =
        encryptor.encryptItem(c.item(), CryptoConfig.of(CONTEXT, c.actions()));
    CryptoConfig otherTable =
        CryptoConfig.of(CONTEXT.toBuilder().tableName("OtherTable").build(), c.actions());

    assertThatThrownBy(() -> encryptor.decryptItem(stored, otherTable))
        .isInstanceOf(ItemIntegrityException.class);
  }

  private void roundTrip(TestProvider provider, ItemCase c) {
    ItemEncryptor encryptor = encryptors.get(provider);
    CryptoConfig config = CryptoConfig.of(CONTEXT, c.actions());
    Map<String, AttributeValue> original = new LinkedHashMap<>(c.item());

    Map<String, AttributeValue> stored = encryptor.encryptItem(c.item(), config);

    assertThat(c.item()).as("input item not modified").isEqualTo(original);
    assertStoredForm(c, stored);
    Map<String, AttributeValue> decrypted = encryptor.decryptItem(stored, config);
    assertThat(canonical(decrypted)).isEqualTo(canonical(original));
  }

  private static void assertStoredForm(ItemCase c, Map<String, AttributeValue> stored) {
    if (c.actions().allDoNothing()) {
      assertThat(stored).isEqualTo(c.item());
      return;
    }
    assertThat(stored)
        .containsKeys(ReservedAttributes.SIGNATURE, ReservedAttributes.MATERIAL_DESCRIPTION)
        .hasSize(c.item().size() + 2);
    c.item()
        .forEach(
            (name, value) -> {
              AttributeValue s = stored.get(name);
              if (c.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
                assertThat(s.type()).as("encrypted %s", name).isEqualTo(AttributeValue.Type.B);
                assertThat(s.b().asByteArrayUnsafe().length % 16)
                    .as("IV and whole AES blocks")
                    .isZero();
              } else {
                assertThat(s).as("plaintext %s", name).isEqualTo(value);
              }
            });
  }
}
