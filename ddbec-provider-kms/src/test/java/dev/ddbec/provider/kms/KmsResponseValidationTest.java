package dev.ddbec.provider.kms;

import static dev.ddbec.provider.kms.KmsMaterialsProviderTest.config;
import static dev.ddbec.provider.kms.KmsMaterialsProviderTest.context;
import static dev.ddbec.provider.kms.KmsMaterialsProviderTest.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.MotoKmsServer;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Forged KMS answers: the real SDK client talks to moto, and an {@link ExecutionInterceptor}
 * rewrites the parsed response before the provider sees it, as a compromised or buggy KMS endpoint
 * (or anything on the path to it) could. Also checks that the provider zeroes the data key it got.
 */
class KmsResponseValidationTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final String TABLE = "Books";
  private static final Forger FORGER = new Forger();
  private static final KmsCallCounter COUNTER = new KmsCallCounter().recording();

  private static KmsClient kms;
  private static String keyArn;
  private static String otherKeyArn;

  @BeforeAll
  static void keys() {
    kms = MOTO.client(Region.US_EAST_1, COUNTER, FORGER);
    keyArn = MotoKmsServer.createKey(kms);
    otherKeyArn = MotoKmsServer.createKey(kms);
  }

  @BeforeEach
  @AfterEach
  void honestKms() {
    FORGER.forge = null;
    COUNTER.reset();
  }

  // --- GenerateDataKey ---------------------------------------------------------------------------

  /** GenerateDataKey answers the provider refuses, with the reason it gives. */
  static Stream<Arguments> forgedDataKeys() {
    return Stream.of(
        forgedDataKey(
            "empty CiphertextBlob", b -> b.ciphertextBlob(SdkBytes.fromByteArray(new byte[0]))),
        forgedDataKey("empty CiphertextBlob", b -> b.ciphertextBlob(null)),
        forgedDataKey(
            "a data key of 16 bytes, not 32",
            b -> b.plaintext(SdkBytes.fromByteArray(new byte[16]))),
        forgedDataKey("no KeyId", b -> b.keyId(null)));
  }

  private static Arguments forgedDataKey(
      String why, UnaryOperator<GenerateDataKeyResponse.Builder> change) {
    return Arguments.of(why, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedDataKeys")
  void encryptItem_forgedDataKey_throwsMaterialsUnavailable(
      String why, UnaryOperator<GenerateDataKeyResponse.Builder> change) {
    forgeGenerateDataKey(change);
    assertEncryptRefused(why);
  }

  @Test
  void encryptItem_strictAndOtherKeyId_throwsMaterialsUnavailable() {
    forgeGenerateDataKey(b -> b.keyId(otherKeyArn));
    assertEncryptRefused("under " + otherKeyArn + ", not the configured key (strictKeyId)");
  }

  @Test
  void encryptItem_lenientAndOtherKeyId_isAccepted() {
    // Without strict mode the reported key is only required to be there (an alias resolves to
    // whichever key it names today).
    forgeGenerateDataKey(b -> b.keyId(otherKeyArn));
    ItemEncryptor lenient = ItemEncryptor.create(lenient());
    Map<String, AttributeValue> stored = lenient.encryptItem(item("a", "1"), config(TABLE));
    FORGER.forge = null;
    assertThat(lenient.decryptItem(stored, config(TABLE))).isEqualTo(item("a", "1"));
  }

  private static void assertEncryptRefused(String why) {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(kms, keyArn));
    assertThatThrownBy(() -> e.encryptItem(item("a", "1"), config(TABLE)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("KMS GenerateDataKey for key " + keyArn)
        .hasMessageContaining(why)
        .hasMessageContaining("table " + TABLE);
  }

  // --- Decrypt -----------------------------------------------------------------------------------

  @Test
  void decryptItem_strictAndOtherKeyReported_throwsMaterialsUnavailable() {
    Map<String, AttributeValue> stored = storedItem();
    forgeDecrypt(b -> b.keyId(otherKeyArn));
    assertDecryptRefused(
        stored, MaterialsUnavailableException.class, "reported key " + otherKeyArn);
  }

  @Test
  void decryptItem_strictAndNoKeyReported_throwsMaterialsUnavailable() {
    Map<String, AttributeValue> stored = storedItem();
    forgeDecrypt(b -> b.keyId(null));
    assertDecryptRefused(stored, MaterialsUnavailableException.class, "reported key null");
  }

  @Test
  void decryptItem_plaintextNot32Bytes_throwsItemIntegrity() {
    // A wrapped key of another length can only come from the item: whoever wrote it encrypted
    // something other than a Direct KMS data key under a key the reader may use.
    Map<String, AttributeValue> stored = storedItem();
    for (int length : new int[] {0, 16, 33}) {
      forgeDecrypt(b -> b.plaintext(SdkBytes.fromByteArray(new byte[length])));
      assertDecryptRefused(
          stored, ItemIntegrityException.class, "returned " + length + " bytes, not 32");
    }
  }

  private static void assertDecryptRefused(
      Map<String, AttributeValue> stored, Class<? extends Exception> type, String why) {
    ItemEncryptor e = ItemEncryptor.create(KmsMaterialsProvider.create(kms, keyArn));
    assertThatThrownBy(() -> e.decryptItem(stored, config(TABLE)))
        .isInstanceOf(type)
        .hasMessageContaining(why)
        .hasMessageContaining("table " + TABLE);
  }

  // --- zeroing -----------------------------------------------------------------------------------

  @Test
  void materials_dataKeyInKmsResponses_isZeroedAfterUse() {
    KmsMaterialsProvider p = KmsMaterialsProvider.create(kms, keyArn);
    EncryptionMaterials m = p.encryptionMaterials(context(TABLE, item("a", "1")));
    p.decryptionMaterials(
        context(TABLE, item("a", "1")).withMaterialDescription(m.materialDescription()));

    GenerateDataKeyResponse generated = COUNTER.responses(GenerateDataKeyResponse.class).get(0);
    DecryptResponse decrypted = COUNTER.responses(DecryptResponse.class).get(0);
    assertThat(generated.plaintext().asByteArrayUnsafe()).hasSize(32).containsOnly(0);
    assertThat(decrypted.plaintext().asByteArrayUnsafe()).hasSize(32).containsOnly(0);
    // The keys derived from them are real keys all the same.
    assertThat(m.encryptionKey().orElseThrow().getEncoded()).hasSize(32).isNotEqualTo(new byte[32]);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static Map<String, AttributeValue> storedItem() {
    return ItemEncryptor.create(KmsMaterialsProvider.create(kms, keyArn))
        .encryptItem(item("a", "1"), config(TABLE));
  }

  private static KmsMaterialsProvider lenient() {
    return KmsMaterialsProvider.builder().kmsClient(kms).keyId(keyArn).strictKeyId(false).build();
  }

  private static void forgeGenerateDataKey(UnaryOperator<GenerateDataKeyResponse.Builder> change) {
    FORGER.forge =
        r -> r instanceof GenerateDataKeyResponse g ? change.apply(g.toBuilder()).build() : r;
  }

  private static void forgeDecrypt(UnaryOperator<DecryptResponse.Builder> change) {
    FORGER.forge = r -> r instanceof DecryptResponse d ? change.apply(d.toBuilder()).build() : r;
  }

  /** Rewrites parsed KMS responses while {@link #forge} is set. */
  private static final class Forger implements ExecutionInterceptor {
    volatile UnaryOperator<SdkResponse> forge;

    @Override
    public SdkResponse modifyResponse(
        Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
      UnaryOperator<SdkResponse> f = forge;
      return f == null ? context.response() : f.apply(context.response());
    }
  }
}
