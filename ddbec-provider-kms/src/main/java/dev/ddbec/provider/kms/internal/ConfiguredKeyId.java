package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.InvalidConfigurationException;

/**
 * A Direct KMS provider's configured key id, checked: a key ARN, alias ARN, key id or alias name,
 * and whether strict key id mode is on (by default for a key, off for an alias).
 *
 * @param keyId the key id, trimmed
 * @param arn the key id parsed as an ARN, or null when it is not one
 * @param strict whether {@code Decrypt} names the key
 */
public record ConfiguredKeyId(String keyId, KmsArn arn, boolean strict) {
  /**
   * Checks a configured key id and strict mode.
   *
   * @param keyId the configured key id
   * @param strict the configured strict mode, or null for the default
   * @return the checked key id
   * @throws InvalidConfigurationException if the key id is missing, a malformed ARN, or an alias
   *     with strict mode on
   */
  public static ConfiguredKeyId of(String keyId, Boolean strict) {
    if (keyId == null || keyId.isBlank()) {
      throw new InvalidConfigurationException(
          "KmsMaterialsProvider needs a key id: a key ARN (preferred), alias ARN, key id or alias"
              + " name");
    }
    String id = keyId.trim();
    KmsArn arn = KmsArn.parse(id).orElse(null);
    if (id.startsWith("arn:") && arn == null) {
      throw new InvalidConfigurationException(
          "Key id '" + id + "' is not a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)");
    }
    boolean namesKey = KmsResponses.namesKey(id);
    boolean strictKeyId = strict != null ? strict : namesKey;
    if (strictKeyId && !namesKey) {
      throw new InvalidConfigurationException(
          "strictKeyId needs a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID) or key id, not the alias"
              + " '"
              + id
              + "': an alias can be repointed to another key, and every item written before"
              + " would become unreadable");
    }
    return new ConfiguredKeyId(id, arn, strictKeyId);
  }

  /**
   * The key id to send to KMS from a region: for a multi-Region key ARN its replica there,
   * otherwise the key id as configured.
   *
   * @param region the client's region, or null
   * @return the key id to send
   */
  public String requestKeyId(String region) {
    return arn != null && arn.isMultiRegionKey() && region != null
        ? arn.withRegion(region).toString()
        : keyId;
  }
}
