package dev.ddbec.benchmarks;

import java.security.GeneralSecurityException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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

    /** Prepares the plan. */
    @Setup(Level.Trial)
    public void setUp() {
      plan = CryptoFloor.Plan.of(shape, provider, KeyMaterial.standard());
    }
  }

  /** One thread's JCA objects and its sealed item. */
  @State(Scope.Thread)
  public static class Engine {
    CryptoFloor floor;
    CryptoFloor.Sealed sealed;

    /**
     * Builds the engine and seals one item with it (checked by decrypting it once).
     *
     * @param subject the shared plan
     * @throws GeneralSecurityException never with valid keys
     */
    @Setup(Level.Trial)
    public void setUp(Subject subject) throws GeneralSecurityException {
      floor = new CryptoFloor(subject.plan);
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
}
