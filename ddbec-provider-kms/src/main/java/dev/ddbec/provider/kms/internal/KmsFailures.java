package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.MaterialsUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates a failed KMS call into a {@link MaterialsUnavailableException} whose message names the
 * operation, the KMS error code, the key and the table, and says what to do; the SDK exception is
 * the cause. Messages never contain key material.
 */
public final class KmsFailures {
  private final String keyId;
  private final String region;
  private final boolean strictKeyId;
  private final String requestKeyId;

  /**
   * Creates the translation for one provider.
   *
   * @param keyId the configured key id, as given
   * @param region the region of the client, or null
   * @param strictKeyId whether {@code Decrypt} names the key
   * @param requestKeyId the key id sent to KMS
   */
  public KmsFailures(String keyId, String region, boolean strictKeyId, String requestKeyId) {
    this.keyId = keyId;
    this.region = region;
    this.strictKeyId = strictKeyId;
    this.requestKeyId = requestKeyId;
  }

  /**
   * The exception for a failed call.
   *
   * @param operation {@code GenerateDataKey} or {@code Decrypt}
   * @param e what the SDK threw
   * @param tableName the table of the item
   * @return the exception to throw
   */
  public MaterialsUnavailableException failure(String operation, SdkException e, String tableName) {
    StringBuilder m =
        new StringBuilder("KMS ")
            .append(operation)
            .append(" failed for key ")
            .append(keyId)
            .append(region == null ? "" : " in " + region)
            .append(" (table ")
            .append(tableName)
            .append("): ");
    String code = null;
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      code = ase.awsErrorDetails().errorCode();
      m.append(code == null ? "HTTP " + ase.statusCode() : code);
      String detail = ase.awsErrorDetails().errorMessage();
      if (detail != null && !detail.isBlank()) {
        m.append(" (").append(detail.strip()).append(')');
      }
      if (ase.requestId() != null) {
        m.append(", request id ").append(ase.requestId());
      }
    } else {
      m.append("no answer from KMS (").append(e.getClass().getSimpleName());
      if (e.getMessage() != null) {
        m.append(": ").append(e.getMessage());
      }
      m.append(')');
    }
    String hint = hint(code, operation);
    if (hint != null) {
      m.append(". ").append(hint);
    }
    if (strictKeyId
        && "Decrypt".equals(operation)
        && ("IncorrectKeyException".equals(code) || "AccessDeniedException".equals(code))) {
      m.append(". In strict key id mode KMS is asked to decrypt with ")
          .append(requestKeyId)
          .append(" only, and refuses an item whose data key is under another key: re-encrypt")
          .append(" it, or read it with strictKeyId(false) (strict-key-id=false)");
    }
    return new MaterialsUnavailableException(m.toString(), e);
  }

  private static String hint(String code, String operation) {
    if (code == null) {
      return "Check the endpoint, network and credentials; retrying may help";
    }
    return switch (code) {
      case "InvalidCiphertextException" ->
          "Decrypt".equals(operation)
              ? "The KMS encryption context rebuilt from this item (table name, partition and sort key"
                  + " values, key specs) differs from the one it was encrypted with, or its wrapped"
                  + " key was altered: check the table name, key attribute names and any kmsTableName"
                  + " override"
              : null;
      case "DisabledException" -> "The key is disabled: enable it, or use another key";
      case "KMSInvalidStateException" ->
          "The key is not usable in its current state (e.g. pending" + " deletion)";
      case "AccessDeniedException" ->
          "Check the key policy, grants and the caller's IAM"
              + " permissions"
              + ("Decrypt".equals(operation)
                  ? "; the item may have been written under a key or region this client cannot use"
                  : "");
      case "NotFoundException" -> "Check the key id and that the key exists in this region";
      case "ThrottlingException", "LimitExceededException" ->
          "KMS is throttling requests; retry" + " with backoff or raise the request quota";
      case "KeyUnavailableException", "DependencyTimeoutException", "KMSInternalException" ->
          "A" + " transient KMS failure; retrying may help";
      default -> null;
    };
  }
}
