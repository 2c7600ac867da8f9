package dev.ddbec.core.metastore;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Extra attributes written on every new {@link MetaStore} row, e.g. an owner, a cost centre or a
 * creation time that tools outside the encryption client read: the official Java client's {@code
 * MetaStore.ExtraDataSupplier}, with the same rows. Extra attributes are encrypted and signed with
 * the meta provider, except those named by {@link #signedOnlyFieldNames()}, which are stored in the
 * clear and signed.
 *
 * <p>Readers of rows with sign-only extra attributes must be configured with the same sign-only
 * names (ddbec: this supplier; the official Java client: its supplier): a reader that does not know
 * them tries to decrypt them, and the row fails verification. Encrypted extra attributes need no
 * configuration to be read. The standard row attributes ({@code N}, {@code V}, {@code t}, {@code
 * encAlg}, {@code enc}, {@code intAlg}, {@code int}) cannot be supplied or made sign-only: that is
 * an {@link dev.ddbec.api.InvalidConfigurationException}.
 */
public interface ExtraDataSupplier {
  /**
   * The extra attributes of a new row.
   *
   * @param materialName the row's material name
   * @param version the row's version
   * @return attribute name to value; empty for none
   */
  Map<String, AttributeValue> attributes(String materialName, long version);

  /**
   * The extra attributes stored in the clear (signed, not encrypted), on writes and reads.
   *
   * @return attribute names; empty for none
   */
  Set<String> signedOnlyFieldNames();

  /**
   * A supplier of no extra attributes.
   *
   * @return the supplier
   */
  static ExtraDataSupplier none() {
    return new ExtraDataSupplier() {
      @Override
      public Map<String, AttributeValue> attributes(String materialName, long version) {
        return Map.of();
      }

      @Override
      public Set<String> signedOnlyFieldNames() {
        return Set.of();
      }
    };
  }
}
