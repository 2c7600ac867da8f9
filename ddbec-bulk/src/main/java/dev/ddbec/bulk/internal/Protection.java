package dev.ddbec.bulk.internal;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.WrappedKeyDescription;
import dev.ddbec.bulk.ItemClass;
import dev.ddbec.bulk.ItemProtection;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.client.TableKeySchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One {@link ItemProtection} resolved for a table: the encryptor and crypto configuration the
 * helper clients would use for it (key attributes added to the actions, secondary-index keys
 * checked), and the classification of a stored item under it.
 */
public final class Protection {
  /** The material description entry that differs for every item (the wrapped content key). */
  private static final String PER_ITEM_DESCRIPTION_ENTRY = WrappedKeyDescription.ENV_KEY;

  private final ItemEncryptor encryptor;
  private final CryptoConfig config;
  private final MaterialsProvider provider;
  private final ThreadLocal<Map<String, String>> lastDescription = new ThreadLocal<>();

  private Protection(MaterialsProvider provider, CryptoConfig config) {
    this.provider = provider;
    this.config = config;
    this.encryptor = provider == null ? null : ItemEncryptor.create(new Capturing(provider));
  }

  /** Resolves a protection for a table. */
  public static Protection resolve(ItemProtection p, String table, TableKeySchema schema) {
    if (p.isPlaintext()) {
      return new Protection(null, null);
    }
    return new Protection(
        p.materialsProvider().orElseThrow(),
        schema.cryptoConfig(table, p.attributeActions().orElseThrow()));
  }

  public boolean isPlaintext() {
    return encryptor == null;
  }

  /** The outcome of reading an item: its class and, when OK, its plaintext. */
  public record Read(ItemClass itemClass, Map<String, AttributeValue> plaintext) {}

  /** Classifies (and decrypts) a stored item. Plaintext protection reads any unprotected item. */
  public Read read(Map<String, AttributeValue> item) {
    AttributeValue sig = item.get(ReservedAttributes.SIGNATURE);
    AttributeValue desc = item.get(ReservedAttributes.MATERIAL_DESCRIPTION);
    if (sig == null && desc == null) {
      return new Read(ItemClass.PLAINTEXT, isPlaintext() ? item : null);
    }
    if ((sig != null && sig.type() != AttributeValue.Type.B)
        || (desc != null && desc.type() != AttributeValue.Type.B)) {
      return new Read(ItemClass.MALFORMED, null);
    }
    if (sig == null) {
      // A description without a signature: the signature was stripped.
      return new Read(ItemClass.TAMPERED, null);
    }
    if (isPlaintext()) {
      return new Read(ItemClass.OK, null);
    }
    try {
      return new Read(ItemClass.OK, encryptor.decryptItem(item, config));
    } catch (MaterialsUnavailableException e) {
      return new Read(ItemClass.UNREADABLE, null);
    } catch (UnsupportedFormatException | InvalidItemException e) {
      return new Read(ItemClass.MALFORMED, null);
    } catch (ItemIntegrityException e) {
      // With a cause: the description or an attribute could not be parsed. Without: the
      // signature or an encrypted attribute failed.
      return new Read(e.getCause() != null ? ItemClass.MALFORMED : ItemClass.TAMPERED, null);
    }
  }

  /**
   * Whether the item, just {@linkplain #read read} as OK on this thread, was written with the
   * materials this protection writes now (its material description, apart from the per-item wrapped
   * key, equals the one the provider gives for new items), e.g. the newest MetaStore version.
   */
  public boolean writtenWithCurrentMaterials(Map<String, AttributeValue> item) {
    Map<String, String> stored = lastDescription.get();
    if (stored == null) {
      return false;
    }
    Map<String, AttributeValue> plain = new HashMap<>(item);
    plain.keySet().removeAll(ReservedAttributes.ALL);
    EncryptionMaterials current =
        provider.encryptionMaterials(config.context().withAttributes(plain));
    // The stored description also holds what the encryptor adds (mode, signing algorithm).
    for (Map.Entry<String, String> e : current.materialDescription().entrySet()) {
      if (!e.getKey().equals(PER_ITEM_DESCRIPTION_ENTRY)
          && !e.getValue().equals(stored.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Encrypts and signs a plaintext item. */
  public Map<String, AttributeValue> write(Map<String, AttributeValue> plaintext) {
    return encryptor.encryptItem(plaintext, config);
  }

  /** Records the material description of the last item decrypted on this thread. */
  private final class Capturing implements MaterialsProvider {
    private final MaterialsProvider delegate;

    Capturing(MaterialsProvider delegate) {
      this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      return delegate.encryptionMaterials(context);
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      lastDescription.set(context.materialDescription());
      return delegate.decryptionMaterials(context);
    }
  }
}
