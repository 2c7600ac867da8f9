package dev.ddbec.benchmarks;

import dev.ddbec.sdk1.Sdk1Items;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encrypt and decrypt throughput, ddbec side by side with the official Java client, per item shape
 * and provider.
 *
 * <p>Both clients get the same item (converted to SDK v1 once, in setup), the same keys and the
 * same actions; each measured method is one library call. Encryptors and providers are shared by
 * all threads (as an application shares them); every thread has its own items. Run with {@code -t
 * N} for N threads and {@code -prof gc} for allocation per operation.
 */
public class ItemEncryptionBenchmark extends BenchmarkDefaults {

  /** The shape × provider under test, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Subject extends ShapeAndProvider {
    Workload workload;

    /** Builds and validates both clients. */
    @Setup(Level.Trial)
    public void setUp() {
      workload = Workload.open(shape, provider, KeyMaterial.standard());
      workload.validate();
    }

    /** Closes what the provider holds open. */
    @TearDown(Level.Trial)
    public void tearDown() {
      workload.close();
    }
  }

  /** One thread's items: plaintext and stored, as SDK v2 for ddbec and SDK v1 for the official. */
  @State(Scope.Thread)
  public static class Items {
    Map<String, AttributeValue> plain;
    Map<String, AttributeValue> stored;
    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> plainSdk1;
    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> storedSdk1;

    /**
     * Makes this thread's items with each client's own encryption.
     *
     * @param subject the shared subject
     * @throws GeneralSecurityException if the official client fails
     */
    @Setup(Level.Trial)
    public void setUp(Subject subject) throws GeneralSecurityException {
      Workload w = subject.workload;
      plain = w.shape().item();
      stored = w.ddbecEncrypt(plain);
      plainSdk1 = Sdk1Items.toSdk1(plain);
      storedSdk1 = w.officialEncrypt(Sdk1Items.toSdk1(plain));
    }
  }

  /**
   * ddbec {@code encryptItem}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the stored item
   */
  @Benchmark
  public Map<String, AttributeValue> ddbecEncrypt(Subject s, Items items) {
    return s.workload.ddbecEncrypt(items.plain);
  }

  /**
   * ddbec {@code decryptItem}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the plaintext item
   */
  @Benchmark
  public Map<String, AttributeValue> ddbecDecrypt(Subject s, Items items) {
    return s.workload.ddbecDecrypt(items.stored);
  }

  /**
   * Official {@code DynamoDBEncryptor.encryptRecord}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the stored item
   * @throws GeneralSecurityException never in practice (validated in setup)
   */
  @Benchmark
  public Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> officialEncrypt(
      Subject s, Items items) throws GeneralSecurityException {
    return s.workload.officialEncrypt(items.plainSdk1);
  }

  /**
   * Official {@code DynamoDBEncryptor.decryptRecord}.
   *
   * @param s subject
   * @param items this thread's items
   * @return the plaintext item
   * @throws GeneralSecurityException never in practice (validated in setup)
   */
  @Benchmark
  public Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> officialDecrypt(
      Subject s, Items items) throws GeneralSecurityException {
    return s.workload.officialDecrypt(items.storedSdk1);
  }
}
