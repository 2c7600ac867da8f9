package dev.ddbec.core;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.core.internal.AttributeCipher;
import dev.ddbec.core.internal.AttributeDeserializer;
import dev.ddbec.core.internal.ItemSigner;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import dev.ddbec.core.internal.Utf8;
import java.security.Provider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encrypts and signs DynamoDB items, and verifies and decrypts them, in the DynamoDB Encryption
 * Client format (byte-compatible with the official Python and Java clients).
 *
 * <pre>{@code
 * ItemEncryptor encryptor = ItemEncryptor.create(materialsProvider);
 * CryptoConfig config = CryptoConfig.of(
 *     EncryptionContext.builder().tableName("Books").partitionKeyName("pk").build(),
 *     AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk"));
 * Map<String, AttributeValue> stored = encryptor.encryptItem(item, config);
 * Map<String, AttributeValue> plain = encryptor.decryptItem(stored, config);
 * }</pre>
 *
 * <p>On decryption the signature is verified before anything is decrypted, and the caller either
 * gets the whole plaintext item or an exception: never a partial item.
 *
 * <p><b>Set ordering.</b> ddbec writes sets, map entries and attribute names in the official Java
 * client's order. The official Python client orders binary sets by unsigned bytes and strings by
 * code point, so for a SIGN_ONLY binary or string set (or map, or attribute names) whose members
 * sort differently in the two orders, a Python-written signature only verifies in Python's order.
 * When verification in Java order fails and the item contains such values, ddbec verifies once more
 * in Python order; the item is accepted if either verifies with the same key.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ItemEncryptor {
  private static final String SYM_MODE_KEY = FormatNames.SYM_MODE;
  private static final String SIGNING_ALG_KEY = FormatNames.SIGNING_ALG;

  private final MaterialsProvider materialsProvider;

  private ItemEncryptor(MaterialsProvider materialsProvider) {
    this.materialsProvider = materialsProvider;
  }

  /**
   * Creates an encryptor.
   *
   * @param materialsProvider supplies keys for every item unless a config overrides it
   * @return the encryptor
   */
  public static ItemEncryptor create(MaterialsProvider materialsProvider) {
    return new ItemEncryptor(Objects.requireNonNull(materialsProvider, "materialsProvider"));
  }

  /**
   * The encryptor's materials provider.
   *
   * @return the provider
   */
  public MaterialsProvider materialsProvider() {
    return materialsProvider;
  }

  /**
   * Encrypts and signs one item.
   *
   * @param item the plaintext item (not modified)
   * @param config context and actions
   * @return a new map: the item as it should be stored, with the description and signature
   *     attributes added; the item unchanged (copied) when every action is DO_NOTHING
   * @throws InvalidItemException if the item holds a reserved attribute or an invalid value
   * @throws InvalidConfigurationException if the materials cannot encrypt what the actions ask
   * @throws MaterialsUnavailableException if the provider cannot supply keys
   */
  public Map<String, AttributeValue> encryptItem(
      Map<String, AttributeValue> item, CryptoConfig config) {
    Objects.requireNonNull(item, "item");
    AttributeActions actions = config.actions();
    if (actions.allDoNothing()) {
      return new LinkedHashMap<>(item);
    }
    for (String reserved : ReservedAttributes.ALL) {
      if (item.containsKey(reserved)) {
        throw new InvalidItemException(
            "The plaintext item already contains the reserved attribute '"
                + reserved
                + "'; it may already be encrypted");
      }
    }
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (e.getValue() == null) {
        throw new InvalidItemException("Attribute '" + e.getKey() + "' has a null value");
      }
      int surrogate = Utf8.unpairedSurrogate(e.getKey());
      if (surrogate >= 0) {
        // Signed as UTF-8, the name would turn into another name ('?' for the surrogate).
        throw new InvalidItemException(
            "Attribute name '"
                + e.getKey().substring(0, surrogate)
                + String.format("\\u%04X", (int) e.getKey().charAt(surrogate))
                + "...' contains an unpaired UTF-16 surrogate (at index "
                + surrogate
                + ") and cannot be encoded as UTF-8; attribute names must be valid Unicode");
      }
    }
    EncryptionContext context = config.context().withAttributes(item);
    EncryptionMaterials materials = provider(config).encryptionMaterials(context);
    if (materials == null) {
      throw new MaterialsUnavailableException(
          "The materials provider returned no encryption materials for table "
              + context.tableName());
    }
    Map<String, String> description = new HashMap<>(materials.materialDescription());
    SecretKey key = materials.encryptionKey().orElse(null);
    if (key != null) {
      description.put(SYM_MODE_KEY, AttributeCipher.SYM_MODE);
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>(item.size() + 2);
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String name = e.getKey();
      if (actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        if (key == null) {
          throw new InvalidConfigurationException(
              "Attribute '"
                  + name
                  + "' is ENCRYPT_AND_SIGN but the materials provider supplied no encryption key"
                  + " (a signing-only provider); use SIGN_ONLY or a provider with an AES key");
        }
        byte[] encrypted;
        try {
          encrypted = AttributeCipher.encryptAttribute(key, e.getValue());
        } catch (InvalidItemException ex) {
          throw new InvalidItemException("Attribute '" + name + "': " + ex.getMessage(), ex);
        }
        out.put(name, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(encrypted)));
      } else {
        out.put(name, e.getValue());
      }
    }
    byte[] stringToSign =
        ItemSigner.stringToSign(out, context.tableName(), actions, SetOrdering.JAVA);
    byte[] signature =
        ItemSigner.sign(
            stringToSign,
            materials.signingKey(),
            materials.signingAlgorithm(),
            materials.signingProvider().orElse(null));
    description.put(SIGNING_ALG_KEY, materials.signingAlgorithm());
    out.put(
        ReservedAttributes.MATERIAL_DESCRIPTION,
        AttributeValue.fromB(
            SdkBytes.fromByteArrayUnsafe(MaterialDescriptionCodec.encode(description))));
    out.put(
        ReservedAttributes.SIGNATURE,
        AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(signature)));
    return out;
  }

  /**
   * Verifies and decrypts one stored item.
   *
   * @param item the item as stored (not modified)
   * @param config context and actions; they must match those used to encrypt
   * @return a new map: the plaintext item without the description and signature attributes; the
   *     item unchanged (copied) when every action is DO_NOTHING
   * @throws ItemIntegrityException if the signature is missing or wrong, or the item is malformed
   * @throws UnsupportedFormatException if the item uses a mode or version ddbec does not read
   * @throws MaterialsUnavailableException if the provider cannot supply keys
   */
  public Map<String, AttributeValue> decryptItem(
      Map<String, AttributeValue> item, CryptoConfig config) {
    Objects.requireNonNull(item, "item");
    AttributeActions actions = config.actions();
    if (actions.allDoNothing()) {
      return new LinkedHashMap<>(item);
    }
    String table = config.context().tableName();
    byte[] signature = binary(item, ReservedAttributes.SIGNATURE, table);
    if (signature == null) {
      throw new ItemIntegrityException(
          "Item in table "
              + table
              + " has no signature attribute "
              + ReservedAttributes.SIGNATURE
              + ": it was not written by a DynamoDB Encryption Client or was stripped");
    }
    byte[] descriptionBytes = binary(item, ReservedAttributes.MATERIAL_DESCRIPTION, table);
    Map<String, String> description =
        descriptionBytes == null ? Map.of() : decodeDescription(descriptionBytes, table);

    Map<String, AttributeValue> stored = withoutDescriptionAndSignature(item);

    EncryptionContext context =
        config.context().toBuilder().attributes(stored).materialDescription(description).build();
    DecryptionMaterials materials = provider(config).decryptionMaterials(context);
    if (materials == null) {
      throw new MaterialsUnavailableException(
          "The materials provider returned no decryption materials for table " + table);
    }
    verify(stored, table, actions, signature, materials, description);

    boolean anyEncrypted = false;
    for (String name : stored.keySet()) {
      if (actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        anyEncrypted = true;
        break;
      }
    }
    if (!anyEncrypted) {
      return plainCopy(item);
    }
    String symMode = description.get(SYM_MODE_KEY);
    if (symMode == null) {
      throw new ItemIntegrityException(
          "Item in table " + table + " has encrypted attributes but no " + SYM_MODE_KEY);
    }
    if (!AttributeCipher.SYM_MODE.equals(symMode)) {
      throw new UnsupportedFormatException(
          "Unsupported attribute cipher mode in "
              + SYM_MODE_KEY
              + "; ddbec reads only AES"
              + AttributeCipher.SYM_MODE);
    }
    SecretKey key =
        materials
            .decryptionKey()
            .orElseThrow(
                () ->
                    new MaterialsUnavailableException(
                        "The materials provider supplied no decryption key for an item with"
                            + " encrypted attributes in table "
                            + table));
    Map<String, AttributeValue> out = new LinkedHashMap<>(stored.size() * 4 / 3 + 1);
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String name = e.getKey();
      if (isDescriptionOrSignature(name)) {
        continue;
      }
      AttributeValue v = e.getValue();
      if (actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        if (v.type() != AttributeValue.Type.B) {
          throw new ItemIntegrityException(
              "Attribute '" + name + "' should be encrypted but is not a binary value");
        }
        v = decryptAttribute(key, v.b().asByteArrayUnsafe(), name, table);
      }
      out.put(name, v);
    }
    return out;
  }

  /**
   * The stored item without its material description and signature, as the unmodifiable map the
   * encryption context holds (so that the context does not copy it again).
   *
   * @throws ItemIntegrityException if an attribute has a null value
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
  private static Map<String, AttributeValue> withoutDescriptionAndSignature(
      Map<String, AttributeValue> item) {
    Map.Entry<String, AttributeValue>[] entries = new Map.Entry[item.size()];
    int n = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (e.getValue() == null) {
        throw new ItemIntegrityException("Attribute '" + e.getKey() + "' has a null value");
      }
      if (!isDescriptionOrSignature(e.getKey())) {
        entries[n++] = e;
      }
    }
    return Map.ofEntries(n == entries.length ? entries : Arrays.copyOf(entries, n));
  }

  /** The stored item without its material description and signature, in its order. */
  private static Map<String, AttributeValue> plainCopy(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(item);
    out.remove(ReservedAttributes.SIGNATURE);
    out.remove(ReservedAttributes.MATERIAL_DESCRIPTION);
    return out;
  }

  private static boolean isDescriptionOrSignature(String name) {
    return ReservedAttributes.SIGNATURE.equals(name)
        || ReservedAttributes.MATERIAL_DESCRIPTION.equals(name);
  }

  /**
   * Decrypts and deserializes one attribute. A wrong padding and a malformed plaintext fail with
   * the same message: with a wrong content key (which is what a forged or tampered wrapped key
   * yields, see {@code ContentKeyUnwrapper}) either may happen, and which one must not tell an
   * attacker anything. The decrypted bytes are cleared after use.
   */
  private static AttributeValue decryptAttribute(
      SecretKey key, byte[] stored, String name, String table) {
    byte[] plain = null;
    try {
      plain = AttributeCipher.decrypt(key, stored, name);
      return AttributeDeserializer.deserialize(plain);
    } catch (ItemIntegrityException ex) {
      throw new ItemIntegrityException(
          "Could not decrypt attribute '"
              + name
              + "' of an item in table "
              + table
              + ": wrong decryption key, or the ciphertext or the item's material description was"
              + " tampered with");
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private void verify(
      Map<String, AttributeValue> stored,
      String table,
      AttributeActions actions,
      byte[] signature,
      DecryptionMaterials materials,
      Map<String, String> description) {
    String algorithm = verificationAlgorithm(materials, description);
    Provider provider = materials.signingProvider().orElse(null);
    try {
      byte[] sts = ItemSigner.stringToSign(stored, table, actions, SetOrdering.JAVA);
      if (ItemSigner.verify(sts, signature, materials.verificationKey(), algorithm, provider)) {
        return;
      }
      if (ItemSigner.orderingSensitive(stored, actions)) {
        byte[] python = ItemSigner.stringToSign(stored, table, actions, SetOrdering.PYTHON);
        if (ItemSigner.verify(
            python, signature, materials.verificationKey(), algorithm, provider)) {
          return;
        }
      }
    } catch (InvalidItemException e) {
      throw new ItemIntegrityException(
          "Item in table " + table + " is malformed: " + e.getMessage(), e);
    }
    throw new ItemIntegrityException(
        "Signature verification failed for an item in table "
            + table
            + ": the item was modified, or the table name, attribute actions or verification key"
            + " differ from those used to write it");
  }

  /**
   * The algorithm to verify with: the configured one, or the one the item names in {@code
   * amzn-ddb-map-signingAlg} if the provider accepts it ({@link
   * DecryptionMaterials#acceptedSigningAlgorithms()}, by default the configured one only). The item
   * cannot pick an algorithm the provider was not configured to accept.
   */
  private static String verificationAlgorithm(
      DecryptionMaterials materials, Map<String, String> description) {
    String configured = materials.signingAlgorithm();
    String stored = description.get(SIGNING_ALG_KEY);
    if (stored == null || stored.equals(configured)) {
      return configured;
    }
    if (materials.acceptedSigningAlgorithms().contains(stored)) {
      return stored;
    }
    throw new ItemIntegrityException(
        "Item was signed with "
            + (SigningAlgorithms.isHmac(stored) || SigningAlgorithms.isRsa(stored)
                ? stored
                : "an unknown algorithm")
            + " (its "
            + SIGNING_ALG_KEY
            + ") but the provider accepts only "
            + new TreeSet<>(materials.acceptedSigningAlgorithms())
            + "; add it to the provider's accepted signing algorithms if it is expected");
  }

  /** The item's material description; a malformed one is reported with the table. */
  private static Map<String, String> decodeDescription(byte[] bytes, String table) {
    try {
      return MaterialDescriptionCodec.decode(bytes);
    } catch (UnsupportedFormatException e) {
      throw new UnsupportedFormatException("Item in table " + table + ": " + e.getMessage(), e);
    } catch (ItemIntegrityException e) {
      throw new ItemIntegrityException("Item in table " + table + ": " + e.getMessage(), e);
    }
  }

  private MaterialsProvider provider(CryptoConfig config) {
    return config.materialsProviderOverride().orElse(materialsProvider);
  }

  private static byte[] binary(Map<String, AttributeValue> item, String name, String table) {
    AttributeValue v = item.get(name);
    if (v == null) {
      return null;
    }
    if (v.type() != AttributeValue.Type.B) {
      throw new ItemIntegrityException(
          "Attribute " + name + " of an item in table " + table + " is not a binary value");
    }
    return v.b().asByteArrayUnsafe();
  }
}
