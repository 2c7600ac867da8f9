package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.CryptoAction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemShapeTest {

  @ParameterizedTest
  @EnumSource(ItemShape.class)
  void item_everyShape_isDeterministicWithTheAdvertisedAttributeCount(ItemShape shape) {
    Map<String, AttributeValue> item = shape.item();

    assertThat(item).hasSize(shape.attributeCount()).isEqualTo(shape.item());
    assertThat(item)
        .containsKeys(ItemShape.PARTITION_KEY, ItemShape.SORT_KEY, ItemShape.DO_NOTHING_ATTRIBUTE);
  }

  @Test
  void itemSize_eachShape_isInItsAdvertisedRange() {
    assertThat(ItemShape.itemSize(ItemShape.SMALL.item())).isBetween(150L, 260L);
    assertThat(ItemShape.itemSize(ItemShape.TYPICAL.item())).isBetween(850L, 1250L);
    assertThat(ItemShape.itemSize(ItemShape.LARGE.item())).isBetween(36_000L, 44_000L);
  }

  @Test
  void typicalItem_mixesTypes_withANestedMapAndASet() {
    Map<String, AttributeValue> item = ItemShape.TYPICAL.item();

    assertThat(item.values())
        .extracting(AttributeValue::type)
        .contains(
            AttributeValue.Type.S,
            AttributeValue.Type.N,
            AttributeValue.Type.B,
            AttributeValue.Type.SS,
            AttributeValue.Type.NS,
            AttributeValue.Type.M,
            AttributeValue.Type.L,
            AttributeValue.Type.BOOL,
            AttributeValue.Type.NUL);
    assertThat(item.get("shippingAddress").m().get("geo").type()).isEqualTo(AttributeValue.Type.M);
  }

  @Test
  void actions_keysSignOnly_oneDoNothing_restEncrypted() {
    assertThat(ItemShape.actions().actionFor(ItemShape.PARTITION_KEY))
        .isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(ItemShape.actions().actionFor(ItemShape.SORT_KEY)).isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(ItemShape.actions().actionFor(ItemShape.DO_NOTHING_ATTRIBUTE))
        .isEqualTo(CryptoAction.DO_NOTHING);
    assertThat(ItemShape.actions().actionFor("anythingElse"))
        .isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
  }
}
