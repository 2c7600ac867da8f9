package dev.ddbec.benchmarks;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.DynamoDBEncryptor;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionFlags;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.sdk1.Sdk1Items;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One shape × provider, set up for both clients: ddbec's {@link ItemEncryptor} and config, and the
 * official {@link DynamoDBEncryptor} with its context and per-attribute flags, all built once
 * outside the measured code. The measured calls are the four {@code ddbec…}/{@code official…}
 * methods, each a single library call.
 *
 * <p>{@link #validate()} proves, before anything is measured, that both clients really do the work:
 * round trips, cross-decryption (each reads the other's items, so keys, actions and format agree)
 * and that ENCRYPT_AND_SIGN attributes are stored encrypted.
 *
 * <p>Thread-safe once built (both encryptors are); items must not be shared between threads for the
 * official client, which moves the positions of an item's {@code ByteBuffer}s while reading.
 */
public final class Workload implements AutoCloseable {
  private final ItemShape shape;
  private final ProviderKind providerKind;
  private final ProviderPair providers;
  private final ItemEncryptor ddbec;
  private final CryptoConfig config;
  private final DynamoDBEncryptor official;
  private final com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext
      officialContext;
  private final Map<String, Set<EncryptionFlags>> officialFlags;

  private Workload(ItemShape shape, ProviderKind providerKind, ProviderPair providers) {
    this.shape = shape;
    this.providerKind = providerKind;
    this.providers = providers;
    this.ddbec = ItemEncryptor.create(providers.ddbec());
    this.config = CryptoConfig.of(ItemShape.context(), ItemShape.actions());
    this.official = DynamoDBEncryptor.getInstance(providers.official());
    this.officialContext =
        new com.amazonaws.services.dynamodbv2.datamodeling.encryption.EncryptionContext.Builder()
            .withTableName(ItemShape.TABLE)
            .withHashKeyName(ItemShape.PARTITION_KEY)
            .withRangeKeyName(ItemShape.SORT_KEY)
            .build();
    this.officialFlags = officialFlags(shape.item().keySet());
  }

  /**
   * Builds both clients for a shape and provider.
   *
   * @param shape the item shape
   * @param providerKind the provider
   * @param keys the trial's keys
   * @return the workload; close it at the end of the trial
   */
  public static Workload open(ItemShape shape, ProviderKind providerKind, KeyMaterial keys) {
    return new Workload(
        Objects.requireNonNull(shape, "shape"),
        Objects.requireNonNull(providerKind, "providerKind"),
        providerKind.open(keys));
  }

  /**
   * The official client's flags as the Java mapper passes them: what ddbec's actions say, for every
   * present attribute (DO_NOTHING as an empty set).
   */
  private static Map<String, Set<EncryptionFlags>> officialFlags(Set<String> names) {
    Map<String, Set<EncryptionFlags>> flags = new LinkedHashMap<>();
    for (String name : names) {
      CryptoAction action = ItemShape.actions().actionFor(name);
      flags.put(
          name,
          switch (action) {
            case ENCRYPT_AND_SIGN -> EnumSet.of(EncryptionFlags.ENCRYPT, EncryptionFlags.SIGN);
            case SIGN_ONLY -> EnumSet.of(EncryptionFlags.SIGN);
            case DO_NOTHING -> EnumSet.noneOf(EncryptionFlags.class);
          });
    }
    return Collections.unmodifiableMap(flags);
  }

  /**
   * The shape.
   *
   * @return the shape
   */
  public ItemShape shape() {
    return shape;
  }

  /**
   * The provider.
   *
   * @return the provider kind
   */
  public ProviderKind providerKind() {
    return providerKind;
  }

  /**
   * ddbec: encrypts and signs.
   *
   * @param item plaintext item
   * @return the item as stored
   */
  public Map<String, AttributeValue> ddbecEncrypt(Map<String, AttributeValue> item) {
    return ddbec.encryptItem(item, config);
  }

  /**
   * ddbec: verifies and decrypts.
   *
   * @param stored item as stored
   * @return the plaintext item
   */
  public Map<String, AttributeValue> ddbecDecrypt(Map<String, AttributeValue> stored) {
    return ddbec.decryptItem(stored, config);
  }

  /**
   * The official client: encrypts and signs ({@code DynamoDBEncryptor.encryptRecord}, which copies
   * its input).
   *
   * @param item plaintext item (SDK v1)
   * @return the item as stored
   * @throws GeneralSecurityException as the official client does
   */
  public Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> officialEncrypt(
      Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item)
      throws GeneralSecurityException {
    return official.encryptRecord(item, officialFlags, officialContext);
  }

  /**
   * The official client: verifies and decrypts ({@code DynamoDBEncryptor.decryptRecord}).
   *
   * @param stored item as stored (SDK v1)
   * @return the plaintext item
   * @throws GeneralSecurityException as the official client does, e.g. on a bad signature
   */
  public Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> officialDecrypt(
      Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> stored)
      throws GeneralSecurityException {
    return official.decryptRecord(stored, officialFlags, officialContext);
  }

  /**
   * Checks that both clients do the full work on this workload's item and agree with each other.
   *
   * @throws IllegalStateException describing the first disagreement
   */
  public void validate() {
    Map<String, AttributeValue> plain = shape.item();
    try {
      Map<String, AttributeValue> ddbecStored = ddbecEncrypt(plain);
      checkStored("ddbec", ddbecStored, plain);
      check("ddbec round trip", ddbecDecrypt(ddbecStored), plain);

      Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> officialStored =
          officialEncrypt(Sdk1Items.toSdk1(plain));
      checkStored("official", Sdk1Items.toSdk2(officialStored), plain);
      // Twice on the same stored item, as the benchmark does: the official client must not
      // consume it.
      for (int i = 0; i < 2; i++) {
        check(
            "official round trip #" + (i + 1),
            Sdk1Items.toSdk2(officialDecrypt(officialStored)),
            plain);
      }

      check("ddbec reading official", ddbecDecrypt(Sdk1Items.toSdk2(officialStored)), plain);
      check(
          "official reading ddbec",
          Sdk1Items.toSdk2(officialDecrypt(Sdk1Items.toSdk1(ddbecStored))),
          plain);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(this + ": validation failed: " + e, e);
    }
  }

  private void checkStored(
      String who, Map<String, AttributeValue> stored, Map<String, AttributeValue> plain) {
    if (!stored.containsKey(ReservedAttributes.SIGNATURE)) {
      throw new IllegalStateException(this + ": " + who + " wrote no signature");
    }
    for (Map.Entry<String, AttributeValue> e : plain.entrySet()) {
      AttributeValue s = stored.get(e.getKey());
      boolean encrypt = ItemShape.actions().actionFor(e.getKey()) == CryptoAction.ENCRYPT_AND_SIGN;
      if (s == null || (encrypt ? s.type() != AttributeValue.Type.B : !s.equals(e.getValue()))) {
        throw new IllegalStateException(
            this
                + ": "
                + who
                + " stored attribute '"
                + e.getKey()
                + "' "
                + (encrypt ? "unencrypted" : "changed"));
      }
    }
  }

  private void check(
      String what, Map<String, AttributeValue> actual, Map<String, AttributeValue> expected) {
    if (!AttributeEquality.itemsEqual(actual, expected)) {
      throw new IllegalStateException(this + ": " + what + " did not return the plaintext item");
    }
  }

  @Override
  public void close() {
    providers.close();
  }

  @Override
  public String toString() {
    return "Workload{" + shape + ", " + providerKind + "}";
  }
}
