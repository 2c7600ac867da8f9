package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ddbec.api.ReservedAttributes;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The benchmark fixtures do real, equivalent work: what the benchmarks check in their setup. */
class WorkloadTest {
  private static final KeyMaterial KEYS = KeyMaterial.standard();

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void validate_everyShape_bothClientsRoundTripAndReadEachOther(ProviderKind provider)
      throws Exception {
    for (ItemShape shape : ItemShape.values()) {
      try (Workload w = Workload.open(shape, provider, KEYS)) {
        assertThatCode(w::validate).as("%s", w).doesNotThrowAnyException();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void ddbecEncrypt_typical_encryptsAllButKeysAndDoNothing(ProviderKind provider) throws Exception {
    try (Workload w = Workload.open(ItemShape.TYPICAL, provider, KEYS)) {
      Map<String, AttributeValue> plain = ItemShape.TYPICAL.item();
      Map<String, AttributeValue> stored = w.ddbecEncrypt(plain);

      assertThat(stored).containsKeys(ReservedAttributes.SIGNATURE);
      assertThat(stored.get(ItemShape.DO_NOTHING_ATTRIBUTE))
          .isEqualTo(plain.get(ItemShape.DO_NOTHING_ATTRIBUTE));
      assertThat(stored.get(ItemShape.PARTITION_KEY)).isEqualTo(plain.get(ItemShape.PARTITION_KEY));
      assertThat(stored.get("shippingAddress").type()).isEqualTo(AttributeValue.Type.B);
    }
  }
}
