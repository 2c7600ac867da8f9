package dev.ddbec.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters of the item benchmarks ({@link ItemEncryptionBenchmark}, {@link
 * CryptoFloorBenchmark}), declared once so that the report can divide one by the other cell by
 * cell.
 */
@State(Scope.Benchmark)
public abstract class ShapeAndProvider {
  /** Item shape. */
  @Param({"SMALL", "TYPICAL", "LARGE"})
  public ItemShape shape;

  /** Materials provider (every {@link ProviderKind} by default). */
  @Param public ProviderKind provider;

  /** For the JMH state subclasses. */
  protected ShapeAndProvider() {}
}
