package dev.ddbec.core.metastore;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The versions a MetaStore trusts: none below the minimum (retired), and from there upwards only in
 * steps of at most the maximum version gap, so a planted row far above the real versions never
 * becomes current (see {@link MetaStore}).
 */
final class VersionBounds {
  private final String tableName;
  private final long minimumVersion;
  private final long maxVersionGap;

  VersionBounds(String tableName, long minimumVersion, long maxVersionGap) {
    if (minimumVersion < 0) {
      throw new InvalidConfigurationException("A MetaStore's minimum version must not be negative");
    }
    if (maxVersionGap < 1) {
      throw new InvalidConfigurationException(
          "A MetaStore's maximum version gap must be at least 1");
    }
    this.tableName = tableName;
    this.minimumVersion = minimumVersion;
    this.maxVersionGap = maxVersionGap;
  }

  long minimumVersion() {
    return minimumVersion;
  }

  long maxVersionGap() {
    return maxVersionGap;
  }

  /** The highest version trusted after {@code version}, without overflow. */
  long upTo(long version) {
    return version > Long.MAX_VALUE - maxVersionGap ? Long.MAX_VALUE : version + maxVersionGap;
  }

  /**
   * The current version among all of a material's versions (lowest first): the highest reached from
   * the minimum in steps of at most the gap.
   *
   * @throws MaterialsUnavailableException if the lowest version at or above the minimum is more
   *     than the gap above {@code minimumVersion - 1}
   */
  OptionalLong current(String materialName, List<Long> versions) {
    long previous = minimumVersion - 1;
    OptionalLong current = OptionalLong.empty();
    for (long version : versions) {
      if (version <= previous) {
        continue; // retired (below the minimum)
      }
      if (version > upTo(previous)) {
        if (current.isEmpty()) {
          throw new MaterialsUnavailableException(
              "The lowest version of material '"
                  + materialName
                  + "' in MetaStore table '"
                  + tableName
                  + "' at or above the minimum version "
                  + minimumVersion
                  + " is "
                  + version
                  + ", more than the maximum version gap ("
                  + maxVersionGap
                  + ") above it; set the minimum version to the lowest version in use");
        }
        break; // a planted version far above the real ones
      }
      previous = version;
      current = OptionalLong.of(version);
    }
    return current;
  }

  /**
   * Refuses a retired version.
   *
   * @throws ItemIntegrityException if {@code version} is below the minimum
   */
  void checkNotRetired(String materialName, long version) {
    if (version < minimumVersion) {
      throw new ItemIntegrityException(
          "Version "
              + version
              + " of material '"
              + materialName
              + "' is retired: MetaStore table '"
              + tableName
              + "' is configured with minimum version "
              + minimumVersion
              + ". Items written under a retired version are refused; re-encrypt them under a"
              + " current version before raising the minimum");
    }
  }
}
