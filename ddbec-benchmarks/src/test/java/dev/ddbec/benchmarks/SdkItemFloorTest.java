package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SdkItemFloorTest {

  /** The decrypted item equals the plaintext, and every encrypted value is a new object. */
  @ParameterizedTest
  @EnumSource(ItemShape.class)
  void decrypted_equalsThePlaintextWithNewEncryptedValues(ItemShape shape) {
    SdkItemFloor floor = SdkItemFloor.of(shape);
    Map<String, AttributeValue> plain = shape.item();

    Map<String, AttributeValue> first = floor.decrypted();
    Map<String, AttributeValue> second = floor.decrypted();

    assertThat(first).isEqualTo(plain).isEqualTo(second);
    for (String name : plain.keySet()) {
      if (ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        assertThat(first.get(name)).as(name).isNotSameAs(second.get(name));
      }
    }
  }

  /** The encrypted item: the floor's ciphertexts in signing order, plaintext kept, two reserved. */
  @ParameterizedTest
  @EnumSource(ItemShape.class)
  void encrypted_holdsTheFloorsCiphertextsInSigningOrder(ItemShape shape) throws Exception {
    CryptoFloor crypto =
        new CryptoFloor(CryptoFloor.Plan.of(shape, ProviderKind.STATIC, KeyMaterial.standard()));
    byte[] signature = crypto.encrypt();
    Map<String, AttributeValue> plain = shape.item();

    Map<String, AttributeValue> item =
        SdkItemFloor.of(shape).encrypted(crypto.ciphertexts, signature);

    assertThat(item).hasSize(plain.size() + 2);
    assertThat(item.get(ReservedAttributes.SIGNATURE).b().asByteArray()).isEqualTo(signature);
    assertThat(item).containsKey(ReservedAttributes.MATERIAL_DESCRIPTION);
    int i = 0;
    for (String name : plain.keySet().stream().sorted().toList()) {
      if (ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        assertThat(item.get(name).b().asByteArray()).as(name).isEqualTo(crypto.ciphertexts[i++]);
      } else {
        assertThat(item.get(name)).as(name).isEqualTo(plain.get(name));
      }
    }
    assertThat(i).isEqualTo(crypto.ciphertexts.length);
  }
}
