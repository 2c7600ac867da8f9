package dev.ddbec.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The raw-crypto floor ({@link CryptoFloor}): per shape and provider, the cryptography of one item
 * with no item handling. Same parameters, modes and thread model as {@link
 * ItemEncryptionBenchmark}, so the report can divide one by the other.
 */
public class CryptoFloorBenchmark extends BenchmarkDefaults {

  /** The precomputed plan of a shape × provider, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Subject extends ShapeAndProvider {
    CryptoFloor.Plan plan;
    SdkItemFloor sdkItem;

    /** Prepares the plan. */
    @Setup(Level.Trial)
    public void setUp() {
      plan = CryptoFloor.Plan.of(shape, provider, KeyMaterial.standard());
      sdkItem = SdkItemFloor.of(shape);
    }
  }

  /** One thread's JCA objects and its sealed item. */
  @State(Scope.Thread)
  public static class Engine {
    CryptoFloor floor;
    CryptoFloor.Sealed sealed;
    SdkItemFloor sdkItem;

    /**
     * Builds the engine and seals one item with it (checked by decrypting it once).
     *
     * @param subject the shared plan
     * @throws GeneralSecurityException never with valid keys
     */
    @Setup(Level.Trial)
    public void setUp(Subject subject) throws GeneralSecurityException {
      floor = new CryptoFloor(subject.plan);
      sdkItem = subject.sdkItem;
      sealed = floor.seal();
      floor.decrypt(sealed);
    }
  }

  /**
   * Floor of encryption.
   *
   * @param e this thread's engine
   * @return the signature
   * @throws GeneralSecurityException never with valid keys
   */
  @Benchmark
  public byte[] encrypt(Engine e) throws GeneralSecurityException {
    return e.floor.encrypt();
  }

  /**
   * Floor of decryption.
   *
   * @param e this thread's engine
   * @return the plaintexts
   * @throws GeneralSecurityException never with valid keys
   */
  @Benchmark
  public byte[][] decrypt(Engine e) throws GeneralSecurityException {
    return e.floor.decrypt(e.sealed);
  }

  /**
   * Floor of encryption through the SDK's object model: the cryptography, then the encrypted item
   * as SDK values ({@link SdkItemFloor#encrypted}).
   *
   * @param e this thread's engine
   * @return the encrypted item
   * @throws GeneralSecurityException never with valid keys
   */
  @Benchmark
  public Map<String, AttributeValue> encryptToSdkItem(Engine e) throws GeneralSecurityException {
    byte[] signature = e.floor.encrypt();
    return e.sdkItem.encrypted(e.floor.ciphertexts, signature);
  }

  /**
   * Floor of decryption through the SDK's object model: the cryptography, then the decrypted item
   * as new SDK values ({@link SdkItemFloor#decrypted}).
   *
   * @param e this thread's engine
   * @return the decrypted item
   * @throws GeneralSecurityException never with valid keys
   */
  @Benchmark
  public Map<String, AttributeValue> decryptToSdkItem(Engine e) throws GeneralSecurityException {
    e.floor.decrypt(e.sealed);
    return e.sdkItem.decrypted();
  }
}
