package dev.ddbec.benchmarks;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.Objects;

/**
 * ddbec's and the official client's provider of one {@link ProviderKind}, built over the same keys,
 * plus whatever they need kept open (e.g. a MetaStore table's DynamoDB) until the trial ends.
 *
 * @param ddbec ddbec's provider
 * @param official the official client's provider
 * @param resources closed with the pair; {@code () -> {}} when there is nothing to close
 */
public record ProviderPair(
    MaterialsProvider ddbec, EncryptionMaterialsProvider official, AutoCloseable resources)
    implements AutoCloseable {

  /** Validates. */
  public ProviderPair {
    Objects.requireNonNull(ddbec, "ddbec");
    Objects.requireNonNull(official, "official");
    Objects.requireNonNull(resources, "resources");
  }

  /**
   * A pair that owns no resources.
   *
   * @param ddbec ddbec's provider
   * @param official the official client's provider
   * @return the pair
   */
  public static ProviderPair of(MaterialsProvider ddbec, EncryptionMaterialsProvider official) {
    return new ProviderPair(ddbec, official, () -> {});
  }

  /**
   * Closes the resources.
   *
   * @throws IllegalStateException if closing fails (the failure attached)
   */
  @Override
  public void close() {
    try {
      resources.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing " + resources, e);
    } catch (Exception e) { // AutoCloseable.close() declares Exception
      throw new IllegalStateException("closing " + resources + " failed", e);
    }
  }
}
