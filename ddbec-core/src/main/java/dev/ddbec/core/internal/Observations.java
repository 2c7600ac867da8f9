package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.observe.DdbecObserver.Outcome;
import dev.ddbec.api.observe.DdbecObserver.VerificationFailure;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.core.CryptoConfig;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reporting to a {@link DdbecObserver} where it takes more than one call: classifying a failed
 * decryption, timing a call. Failure paths only classify after the fact, so the item path stays as
 * it is.
 */
public final class Observations {
  private Observations() {}

  /**
   * Runs an item encryption and reports it with its latency.
   *
   * @param observer the observer (not {@link DdbecObserver#NOOP}: callers skip the clock for it)
   * @param encrypt the encryption
   * @param item the plaintext item
   * @param config context and actions
   * @return the encrypted item
   */
  public static Map<String, AttributeValue> encryption(
      DdbecObserver observer,
      BiFunction<Map<String, AttributeValue>, CryptoConfig, Map<String, AttributeValue>> encrypt,
      Map<String, AttributeValue> item,
      CryptoConfig config) {
    long start = System.nanoTime();
    Map<String, AttributeValue> out = encrypt.apply(item, config);
    observer.itemEncrypted(config.context().tableName(), System.nanoTime() - start);
    return out;
  }

  /**
   * Runs an item decryption and reports it with its latency, or why it failed.
   *
   * @param observer the observer (not {@link DdbecObserver#NOOP}: callers skip the clock for it)
   * @param names the attribute names the item is read with
   * @param decrypt the decryption
   * @param item the item as stored
   * @param config context and actions
   * @return the decrypted item
   */
  public static Map<String, AttributeValue> decryption(
      DdbecObserver observer,
      FormatNames names,
      BiFunction<Map<String, AttributeValue>, CryptoConfig, Map<String, AttributeValue>> decrypt,
      Map<String, AttributeValue> item,
      CryptoConfig config) {
    String table = config.context().tableName();
    long start = System.nanoTime();
    Map<String, AttributeValue> out;
    try {
      out = decrypt.apply(item, config);
    } catch (RuntimeException e) {
      decryptionFailed(observer, names, table, item, e);
      throw e;
    }
    observer.itemDecrypted(table, System.nanoTime() - start);
    return out;
  }

  /**
   * Reports why an item could not be verified or decrypted: a malformed item, a missing signature,
   * or a signature, ciphertext or wrapped key that did not check out. Other failures (the materials
   * provider's) are reported by the provider.
   *
   * @param observer the observer
   * @param names the attribute names the item is read with
   * @param table the table name bound into the signature
   * @param item the item as stored
   * @param failure what {@code decryptItem} threw
   */
  public static void decryptionFailed(
      DdbecObserver observer,
      FormatNames names,
      String table,
      Map<String, AttributeValue> item,
      Throwable failure) {
    if (failure instanceof UnsupportedFormatException || malformed(names, item, failure)) {
      observer.malformedItem(table);
    } else if (failure instanceof ItemIntegrityException) {
      observer.verificationFailed(
          table,
          item.containsKey(names.signatureAttribute())
              ? VerificationFailure.SIGNATURE_MISMATCH
              : VerificationFailure.MISSING_SIGNATURE);
    }
  }

  private static boolean malformed(
      FormatNames names, Map<String, AttributeValue> item, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidItemException) {
        return true;
      }
    }
    if (!(failure instanceof ItemIntegrityException)) {
      return false;
    }
    AttributeValue signature = item.get(names.signatureAttribute());
    AttributeValue description = item.get(names.materialDescriptionAttribute());
    if (signature != null && signature.type() != AttributeValue.Type.B
        || description != null && description.type() != AttributeValue.Type.B
        || item.containsValue(null)) {
      return true;
    }
    if (description != null) {
      try {
        MaterialDescriptionCodec.decode(description.b().asByteArrayUnsafe());
      } catch (RuntimeException e) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a MetaStore read and reports it, with its outcome and latency; just runs it when the
   * observer is {@link DdbecObserver#NOOP}.
   *
   * @param observer the observer
   * @param call the read
   * @return what the read returned
   */
  public static <T> T metaStoreRead(DdbecObserver observer, Supplier<T> call) {
    if (observer == DdbecObserver.NOOP) {
      return call.get();
    }
    long start = System.nanoTime();
    try {
      T result = call.get();
      observer.metaStoreRead(Outcome.SUCCESS, System.nanoTime() - start);
      return result;
    } catch (RuntimeException e) {
      observer.metaStoreRead(Outcome.FAILURE, System.nanoTime() - start);
      throw e;
    }
  }
}
