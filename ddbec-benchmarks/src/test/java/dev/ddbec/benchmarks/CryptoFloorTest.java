package dev.ddbec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.format.ItemFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CryptoFloorTest {
  private static final KeyMaterial KEYS = KeyMaterial.standard();

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void decrypt_ofSeal_returnsTheSerializedPlaintexts(ProviderKind provider) throws Exception {
    for (ItemShape shape : ItemShape.values()) {
      CryptoFloor.Plan plan = CryptoFloor.Plan.of(shape, provider, KEYS);
      CryptoFloor floor = new CryptoFloor(plan);

      byte[][] plaintexts = floor.decrypt(floor.seal());

      assertThat(plan.signedCount()).isEqualTo(shape.attributeCount() - 1);
      assertThat(plan.encryptedCount()).isEqualTo(shape.attributeCount() - 3);
      assertThat(plaintexts).isDeepEqualTo(encryptedValues(shape));
    }
  }

  /**
   * The floor verifies and decrypts an item ddbec wrote: its string to sign, hashes, signature
   * check, unwrap and AES-CBC are byte for byte the format's, so it does the same cryptography.
   */
  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void decrypt_itemWrittenByDdbec_verifiesAndDecrypts(ProviderKind provider) throws Exception {
    for (ItemShape shape : ItemShape.values()) {
      Map<String, AttributeValue> stored;
      try (Workload w = Workload.open(shape, provider, KEYS)) {
        stored = w.ddbecEncrypt(shape.item());
      }
      CryptoFloor floor = new CryptoFloor(CryptoFloor.Plan.of(shape, provider, KEYS));

      byte[][] plaintexts = floor.decrypt(sealedFrom(stored, provider));

      assertThat(plaintexts).isDeepEqualTo(encryptedValues(shape));
    }
  }

  @Test
  void decrypt_tamperedCiphertext_failsVerification() throws Exception {
    CryptoFloor floor =
        new CryptoFloor(CryptoFloor.Plan.of(ItemShape.SMALL, ProviderKind.STATIC, KEYS));
    CryptoFloor.Sealed sealed = floor.seal();
    sealed.ciphertexts()[0][20] ^= 1;

    assertThatThrownBy(() -> floor.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
  }

  /**
   * One draw per item feeds the content key and every IV: no two may repeat within or across items.
   */
  @Test
  void seal_twice_freshContentKeyAndIvEverywhere() throws Exception {
    CryptoFloor floor =
        new CryptoFloor(CryptoFloor.Plan.of(ItemShape.TYPICAL, ProviderKind.WRAPPED_AES, KEYS));
    Set<String> ivs = new HashSet<>();
    Set<String> wrappedKeys = new HashSet<>();

    for (int i = 0; i < 2; i++) {
      CryptoFloor.Sealed sealed = floor.seal();
      wrappedKeys.add(Arrays.toString(sealed.wrappedKey()));
      for (byte[] c : sealed.ciphertexts()) {
        ivs.add(Arrays.toString(Arrays.copyOf(c, 16)));
      }
      assertThat(floor.decrypt(sealed)).isDeepEqualTo(encryptedValues(ItemShape.TYPICAL));
    }

    assertThat(wrappedKeys).hasSize(2);
    assertThat(ivs).hasSize(2 * (ItemShape.TYPICAL.attributeCount() - 3));
  }

  /** Serialized plaintext of each encrypted attribute, in the format's name order. */
  private static byte[][] encryptedValues(ItemShape shape) {
    List<byte[]> out = new ArrayList<>();
    new TreeMap<>(shape.item())
        .forEach(
            (name, value) -> {
              if (ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
                out.add(ItemFormat.serialize(value));
              }
            });
    return out.toArray(new byte[0][]);
  }

  private static CryptoFloor.Sealed sealedFrom(
      Map<String, AttributeValue> stored, ProviderKind provider) {
    List<byte[]> ciphertexts = new ArrayList<>();
    new TreeMap<>(stored)
        .forEach(
            (name, value) -> {
              if (!ReservedAttributes.isReserved(name)
                  && ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
                ciphertexts.add(value.b().asByteArray());
              }
            });
    byte[] wrappedKey = null;
    if (provider.keyTransport() != ProviderKind.KeyTransport.NONE) {
      Map<String, String> description =
          ItemFormat.decodeMaterialDescription(
              stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray());
      wrappedKey = Base64.getMimeDecoder().decode(description.get("amzn-ddb-env-key"));
    }
    return new CryptoFloor.Sealed(
        ciphertexts.toArray(new byte[0][]),
        wrappedKey,
        stored.get(ReservedAttributes.SIGNATURE).b().asByteArray());
  }
}
