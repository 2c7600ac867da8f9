package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.observe.DdbecObserver.Outcome;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * The two KMS calls of a Direct KMS provider, on its one client: each request carries the key id
 * and grant tokens, each answer is checked ({@link KmsResponses}) and each failure translated
 * ({@link KmsFailures}). Thread-safe (the SDK's client is).
 */
public final class KmsCalls {
  private final KmsClient client;
  private final String keyId;
  private final String requestKeyId;
  private final List<String> grantTokens;
  private final boolean strictKeyId;
  private final KmsResponses responses;
  private final KmsFailures failures;
  private final DdbecObserver observer;

  /**
   * A data key from {@code GenerateDataKey}.
   *
   * @param plaintext the plaintext data key (the caller zeroes it)
   * @param wrapped the KMS ciphertext blob to store with the item
   */
  public record DataKey(byte[] plaintext, byte[] wrapped) {}

  /**
   * Creates the calls for one provider.
   *
   * @param client the client every call goes to
   * @param keyId the configured key id, as given
   * @param region the client's region, or null
   * @param strictKeyId whether {@code Decrypt} names the key and answers must report it
   * @param requestKeyId the key id sent to KMS (for a multi-Region key, its local replica)
   * @param grantTokens the grant tokens sent with every call
   * @param observer reported every call to
   */
  public KmsCalls(
      KmsClient client,
      String keyId,
      String region,
      boolean strictKeyId,
      String requestKeyId,
      List<String> grantTokens,
      DdbecObserver observer) {
    this.client = client;
    this.observer = observer;
    this.keyId = keyId;
    this.requestKeyId = requestKeyId;
    this.grantTokens = List.copyOf(grantTokens);
    this.strictKeyId = strictKeyId;
    this.responses = new KmsResponses(keyId, region, strictKeyId);
    this.failures = new KmsFailures(keyId, region, strictKeyId, requestKeyId);
  }

  /**
   * The key id these calls are for, as configured or selected.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Whether {@code Decrypt} names the key and answers must report it.
   *
   * @return true in strict mode
   */
  public boolean strictKeyId() {
    return strictKeyId;
  }

  /**
   * Asks KMS for a new {@value KmsResponses#DATA_KEY_BYTES}-byte data key.
   *
   * @param kmsContext the KMS encryption context to bind
   * @param tableName the item's table (for messages)
   * @return the checked data key
   * @throws MaterialsUnavailableException if KMS fails or answers unusably
   */
  public DataKey generateDataKey(Map<String, String> kmsContext, String tableName) {
    GenerateDataKeyRequest.Builder request =
        GenerateDataKeyRequest.builder()
            .keyId(requestKeyId)
            .numberOfBytes(KmsResponses.DATA_KEY_BYTES)
            .encryptionContext(kmsContext);
    if (!grantTokens.isEmpty()) {
      request.grantTokens(grantTokens);
    }
    GenerateDataKeyResponse response =
        call("GenerateDataKey", tableName, () -> client.generateDataKey(request.build()));
    byte[] plaintext = responses.generatedDataKey(response, tableName);
    return new DataKey(plaintext, response.ciphertextBlob().asByteArrayUnsafe());
  }

  /**
   * Asks KMS to unwrap an item's data key; in strict mode naming the configured key, so that KMS
   * refuses a wrapped key under any other key.
   *
   * @param wrapped the KMS ciphertext blob stored with the item
   * @param kmsContext the KMS encryption context rebuilt from the item
   * @param tableName the item's table (for messages)
   * @return the plaintext data key (the caller zeroes it)
   * @throws MaterialsUnavailableException if KMS fails or answers unusably
   * @throws ItemIntegrityException if the plaintext is not a Direct KMS data key
   */
  public byte[] decrypt(byte[] wrapped, Map<String, String> kmsContext, String tableName) {
    DecryptRequest.Builder request =
        DecryptRequest.builder()
            .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(wrapped))
            .encryptionContext(kmsContext);
    if (strictKeyId) {
      // KMS then refuses a wrapped key under any other key: the item never picks the key.
      request.keyId(requestKeyId);
    }
    if (!grantTokens.isEmpty()) {
      request.grantTokens(grantTokens);
    }
    DecryptResponse response = call("Decrypt", tableName, () -> client.decrypt(request.build()));
    return responses.decryptedDataKey(response, tableName);
  }

  /** Makes one call, reports it to the observer and translates its failure. */
  private <R> R call(String operation, String tableName, Supplier<R> call) {
    long start = observer == DdbecObserver.NOOP ? 0 : System.nanoTime();
    R response;
    try {
      response = call.get();
    } catch (SdkException e) {
      report(operation, Outcome.FAILURE, start);
      throw failures.failure(operation, e, tableName);
    }
    report(operation, Outcome.SUCCESS, start);
    return response;
  }

  private void report(String operation, Outcome outcome, long start) {
    if (observer != DdbecObserver.NOOP) {
      observer.kmsCall(operation, outcome, System.nanoTime() - start);
    }
  }
}
