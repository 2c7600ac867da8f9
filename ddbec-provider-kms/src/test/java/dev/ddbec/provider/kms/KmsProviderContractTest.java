package dev.ddbec.provider.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.KmsCallCounter;
import dev.ddbec.testing.MaterialsProviderContract;
import dev.ddbec.testing.MotoKmsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link KmsMaterialsProvider} against the shared provider contract (ddbec-testing), plus the same
 * thread-safety check through the item encryptor with KMS calls counted.
 */
class KmsProviderContractTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static final int THREADS = 8;
  private static final int ITEMS_PER_THREAD = 10;
  private static final KmsCallCounter COUNTER = new KmsCallCounter();
  private static KmsClient us;
  private static String keyArn;

  @BeforeAll
  static void key() {
    us = MOTO.client(Region.US_EAST_1, COUNTER);
    keyArn = MotoKmsServer.createKey(us);
  }

  @Nested
  class Contract extends MaterialsProviderContract {
    @Override
    protected MaterialsProvider provider() {
      return KmsMaterialsProvider.create(us, keyArn);
    }

    /** A data key KMS never wrapped: Decrypt fails (InvalidCiphertextException). */
    @Override
    protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
      return withForeignWrappedKey(stored, 120);
    }
  }

  @Test
  void encryptItemDecryptItem_eightThreadsOnOneProvider_allRoundTripWithOneCallPerItem()
      throws Exception {
    KmsMaterialsProvider provider = KmsMaterialsProvider.create(us, keyArn);
    ItemEncryptor encryptor = ItemEncryptor.create(provider);
    COUNTER.reset();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                    Map<String, AttributeValue> item =
                        KmsMaterialsProviderTest.item("t" + thread + "-" + i, "" + i);
                    Map<String, AttributeValue> stored =
                        encryptor.encryptItem(item, KmsMaterialsProviderTest.config("Books"));
                    assertThat(
                            encryptor.decryptItem(stored, KmsMaterialsProviderTest.config("Books")))
                        .isEqualTo(item);
                    ok++;
                  }
                  return ok;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(THREADS * ITEMS_PER_THREAD);
    } finally {
      pool.shutdownNow();
    }
    assertThat(COUNTER.calls("GenerateDataKey")).isEqualTo(THREADS * ITEMS_PER_THREAD);
    assertThat(COUNTER.calls("Decrypt")).isEqualTo(THREADS * ITEMS_PER_THREAD);
  }

  @Test
  void decryptionMaterials_itemOfAKeyThisClientCannotUse_throwsMaterialsUnavailable() {
    KmsClient eu = MOTO.client(Region.EU_WEST_1);
    KmsMaterialsProvider euProvider = KmsMaterialsProvider.create(eu, MotoKmsServer.createKey(eu));
    EncryptionContext context =
        KmsMaterialsProviderTest.context("Books", KmsMaterialsProviderTest.item("a", "1"));
    Map<String, String> description = euProvider.encryptionMaterials(context).materialDescription();
    KmsMaterialsProvider provider = KmsMaterialsProvider.create(us, keyArn);
    assertThatThrownBy(
            () -> provider.decryptionMaterials(context.withMaterialDescription(description)))
        .isInstanceOf(MaterialsUnavailableException.class)
        .hasMessageContaining("AccessDeniedException");
  }
}
