package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Checks every KMS answer before the Direct KMS provider uses it, and knows which key ids count as
 * the configured key.
 *
 * <p>A {@code GenerateDataKey} answer is only used with a plaintext of exactly {@value
 * #DATA_KEY_BYTES} bytes, a non-empty {@code CiphertextBlob} and a {@code KeyId} (in strict mode:
 * the configured key); anything else is a {@link MaterialsUnavailableException}, since only KMS or
 * the path to it can produce it, and an item written with it could never be read. A {@code Decrypt}
 * answer must report the configured key in strict mode (KMS itself enforces the {@code KeyId} sent,
 * so another key means the answer cannot be trusted: {@link MaterialsUnavailableException}) and
 * hold exactly {@value #DATA_KEY_BYTES} bytes; a plaintext of another length comes from a wrapped
 * key that no Direct KMS writer produced, i.e. from the item, so it is an {@link
 * ItemIntegrityException}.
 *
 * <p>The plaintext returned is the response's own buffer, so that the caller zeroes the only copy
 * when it is done; on a failed check it is zeroed here. Messages name the operation, the key and
 * the table, never key material.
 */
public final class KmsResponses {
  /** Bytes of every Direct KMS data key (the official clients ask KMS for 32). */
  public static final int DATA_KEY_BYTES = 32;

  private final String keyId;
  private final KmsArn keyArn;
  private final String region;
  private final boolean strict;

  /**
   * Creates the checks for one provider.
   *
   * @param keyId the configured key id, as given (key ARN, alias ARN, key id or alias name)
   * @param region the region of the client the provider calls, or null if unknown
   * @param strict whether responses must name the configured key; needs {@link #namesKey(String)}
   */
  public KmsResponses(String keyId, String region, boolean strict) {
    this.keyId = keyId;
    this.keyArn = KmsArn.parse(keyId).orElse(null);
    this.region = region;
    this.strict = strict;
    if (strict && !namesKey(keyId)) {
      throw new IllegalArgumentException("strict mode needs a key, not an alias");
    }
  }

  /**
   * Tells whether a key id names one key (a key ARN or a bare key id) rather than an alias, which
   * can be repointed.
   *
   * @param keyId a key ARN, alias ARN, key id or alias name
   * @return true for a key ARN or key id
   */
  public static boolean namesKey(String keyId) {
    Optional<KmsArn> arn = KmsArn.parse(keyId);
    if (arn.isPresent()) {
      return arn.get().isKey();
    }
    return !keyId.startsWith("arn:") && !keyId.startsWith("alias/");
  }

  /**
   * Tells whether a key ARN that KMS reported is the configured key: the same key ARN, a replica of
   * the same multi-Region key, or (for a configured bare key id) the key with that id in the
   * client's region.
   *
   * @param reported the {@code KeyId} of a KMS response
   * @return true if it is the configured key
   */
  public boolean isConfiguredKey(String reported) {
    Optional<KmsArn> parsed = KmsArn.parse(reported);
    if (parsed.isEmpty() || !parsed.get().isKey()) {
      return false;
    }
    KmsArn arn = parsed.get();
    if (keyArn != null) {
      return keyArn.isKey() && keyArn.sameKey(arn);
    }
    if (!arn.resource().equals(keyId)) {
      return false;
    }
    return arn.isMultiRegionKey() || region == null || region.equals(arn.region());
  }

  /**
   * Checks a {@code GenerateDataKey} answer.
   *
   * @param response the answer
   * @param table the table, for messages
   * @return the data key: the response's own buffer, which the caller zeroes after use
   * @throws MaterialsUnavailableException if the answer is unusable
   */
  public byte[] generatedDataKey(GenerateDataKeyResponse response, String table) {
    byte[] plaintext = bytes(response.plaintext());
    String problem = null;
    if (plaintext == null || plaintext.length != DATA_KEY_BYTES) {
      problem = "a data key of " + length(plaintext) + " bytes, not " + DATA_KEY_BYTES;
    } else if (response.ciphertextBlob() == null
        || response.ciphertextBlob().asByteArrayUnsafe().length == 0) {
      problem = "an empty CiphertextBlob: an item written with it could never be decrypted";
    } else if (response.keyId() == null || response.keyId().isBlank()) {
      problem = "no KeyId";
    } else if (strict && !isConfiguredKey(response.keyId())) {
      problem = "a data key under " + response.keyId() + ", not the configured key (strictKeyId)";
    }
    if (problem != null) {
      zero(plaintext);
      throw new MaterialsUnavailableException(
          "KMS GenerateDataKey for key "
              + keyId
              + " (table "
              + table
              + ") returned "
              + problem
              + "; nothing was encrypted with it. Check the KMS endpoint and anything between it"
              + " and this client");
    }
    return plaintext;
  }

  /**
   * Checks a {@code Decrypt} answer.
   *
   * @param response the answer
   * @param table the table, for messages
   * @return the data key: the response's own buffer, which the caller zeroes after use
   * @throws MaterialsUnavailableException if, in strict mode, the answer names no key or another
   *     key
   * @throws ItemIntegrityException if the plaintext is not a Direct KMS data key
   */
  public byte[] decryptedDataKey(DecryptResponse response, String table) {
    byte[] plaintext = bytes(response.plaintext());
    if (strict && (response.keyId() == null || !isConfiguredKey(response.keyId()))) {
      zero(plaintext);
      throw new MaterialsUnavailableException(
          "KMS Decrypt of an item's data key in table "
              + table
              + " reported key "
              + response.keyId()
              + " although this provider asked for "
              + keyId
              + " (strictKeyId); the response cannot be trusted. Check the KMS endpoint and"
              + " anything between it and this client");
    }
    if (plaintext == null || plaintext.length != DATA_KEY_BYTES) {
      zero(plaintext);
      throw new ItemIntegrityException(
          "KMS Decrypt of the wrapped data key of an item in table "
              + table
              + " returned "
              + length(plaintext)
              + " bytes, not "
              + DATA_KEY_BYTES
              + ": the item's amzn-ddb-env-key was not written by a Direct KMS provider");
    }
    return plaintext;
  }

  private static byte[] bytes(SdkBytes b) {
    return b == null ? null : b.asByteArrayUnsafe();
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static void zero(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
