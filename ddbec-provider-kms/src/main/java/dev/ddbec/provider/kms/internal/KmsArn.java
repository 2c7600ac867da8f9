package dev.ddbec.provider.kms.internal;

import java.util.Optional;

/**
 * A KMS key or alias ARN: {@code arn:<partition>:kms:<region>:<account>:key/<key id>} or {@code
 * ...:alias/<alias name>}.
 *
 * @param partition e.g. {@code aws}
 * @param region e.g. {@code us-east-1}
 * @param account the account id
 * @param resourceType {@code key} or {@code alias}
 * @param resource the key id or alias name
 */
public record KmsArn(
    String partition, String region, String account, String resourceType, String resource) {

  /**
   * Parses a KMS ARN.
   *
   * @param id a key id, alias name, key ARN or alias ARN
   * @return the ARN, or empty when {@code id} is not a KMS key or alias ARN
   */
  public static Optional<KmsArn> parse(String id) {
    if (id == null || !id.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = id.split(":", 6);
    if (parts.length != 6 || !"kms".equals(parts[2])) {
      return Optional.empty();
    }
    String res = parts[5];
    int slash = res.indexOf('/');
    if (parts[1].isEmpty() || parts[3].isEmpty() || parts[4].isEmpty() || slash <= 0) {
      return Optional.empty();
    }
    String type = res.substring(0, slash);
    String name = res.substring(slash + 1);
    if (!("key".equals(type) || "alias".equals(type)) || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KmsArn(parts[1], parts[3], parts[4], type, name));
  }

  /**
   * Tells whether this ARN names a key (not an alias).
   *
   * @return true for {@code key/...}
   */
  public boolean isKey() {
    return "key".equals(resourceType);
  }

  /**
   * Tells whether this ARN names a multi-Region key ({@code key/mrk-...}).
   *
   * @return true for a multi-Region key
   */
  public boolean isMultiRegionKey() {
    return isKey() && resource.startsWith("mrk-");
  }

  /**
   * This ARN in another region.
   *
   * @param otherRegion the region
   * @return the ARN with {@code otherRegion}
   */
  public KmsArn withRegion(String otherRegion) {
    return new KmsArn(partition, otherRegion, account, resourceType, resource);
  }

  /**
   * Tells whether two ARNs name the same key: equal, or replicas of one multi-Region key (equal but
   * for the region).
   *
   * @param other another ARN
   * @return true if they name the same key
   */
  public boolean sameKey(KmsArn other) {
    if (equals(other)) {
      return true;
    }
    return isMultiRegionKey() && withRegion(other.region).equals(other);
  }

  @Override
  public String toString() {
    return "arn:"
        + partition
        + ":kms:"
        + region
        + ":"
        + account
        + ":"
        + resourceType
        + "/"
        + resource;
  }
}
