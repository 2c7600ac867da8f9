package dev.ddbec.core;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.observe.DdbecObserver;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.core.internal.AttributeCipher;
import dev.ddbec.core.internal.ItemSigner;
import dev.ddbec.core.internal.ItemVerifier;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import dev.ddbec.core.internal.Observations;
import dev.ddbec.core.internal.PlaintextItems;
import dev.ddbec.core.internal.StoredItems;
import dev.ddbec.core.internal.ValueBuilders;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;
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
 * <p><b>Customisations of the official Java client's {@code DynamoDBEncryptor}</b>, all through
 * {@link #builder()}: other names for the two attributes and the description base ({@link
 * Builder#formatNames(FormatNames)}); an operator over the encryption context ({@link
 * Builder#encryptionContextOperator(UnaryOperator)}, its {@code
 * setEncryptionContextOverrideOperator}); and reading items it signed without a table name ({@link
 * Builder#tableNameBinding(TableNameBinding)}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ItemEncryptor {
  private final MaterialsProvider materialsProvider;
  private final FormatNames names;
  private final UnaryOperator<EncryptionContext> contextOperator;
  private final TableNameBinding tableNameBinding;
  private final DdbecObserver observer;

  private ItemEncryptor(Builder b) {
    this.observer = b.observer;
    this.materialsProvider = b.materialsProvider;
    FormatOptions format = FormatOptions.DEFAULTS.overriddenBy(b.formatOptions());
    this.names = format.formatNames();
    this.contextOperator = format.encryptionContextOperator();
    this.tableNameBinding = format.tableNameBinding();
  }

  /**
   * Creates an encryptor with the default names, no context operator and {@link
   * TableNameBinding#REQUIRE_TABLE_NAME}.
   *
   * @param materialsProvider supplies keys for every item unless a config overrides it
   * @return the encryptor
   */
  public static ItemEncryptor create(MaterialsProvider materialsProvider) {
    return builder().materialsProvider(materialsProvider).build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this encryptor's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .materialsProvider(materialsProvider)
        .formatNames(names)
        .encryptionContextOperator(contextOperator)
        .tableNameBinding(tableNameBinding)
        .observer(observer);
  }

  /**
   * This encryptor reporting to {@code observer}: items encrypted and decrypted with their latency,
   * verification failures and malformed items, per table.
   *
   * @param observer the observer; {@link DdbecObserver#NOOP} for none
   * @return a new encryptor with the same settings otherwise
   */
  public ItemEncryptor withObserver(DdbecObserver observer) {
    return toBuilder().observer(observer).build();
  }

  /**
   * The observer this encryptor reports to.
   *
   * @return the observer, {@link DdbecObserver#NOOP} by default
   */
  public DdbecObserver observer() {
    return observer;
  }

  /**
   * The names of the attributes and description entries this encryptor reads and writes.
   *
   * @return the names; {@link FormatNames#DEFAULTS} unless configured
   */
  public FormatNames formatNames() {
    return names;
  }

  /**
   * The operator applied to every encryption context before materials are requested and the
   * signature is computed.
   *
   * @return the operator; the identity unless configured
   */
  public UnaryOperator<EncryptionContext> encryptionContextOperator() {
    return contextOperator;
  }

  /**
   * Which table names a signature may be bound to on decryption.
   *
   * @return the binding; {@link TableNameBinding#REQUIRE_TABLE_NAME} unless configured
   */
  public TableNameBinding tableNameBinding() {
    return tableNameBinding;
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
    return observer == DdbecObserver.NOOP
        ? encrypt(item, config)
        : Observations.encryption(observer, this::encrypt, item, config);
  }

  private Map<String, AttributeValue> encrypt(
      Map<String, AttributeValue> item, CryptoConfig config) {
    Objects.requireNonNull(item, "item");
    AttributeActions actions = config.actions();
    if (actions.allDoNothing()) {
      return new LinkedHashMap<>(item);
    }
    PlaintextItems.check(names, item);
    EncryptionContext context = operate(config.context().withAttributes(item));
    EncryptionMaterials materials = provider(config).encryptionMaterials(context);
    if (materials == null) {
      throw new MaterialsUnavailableException(
          "The materials provider returned no encryption materials for table "
              + context.tableName());
    }
    Map<String, String> description = new HashMap<>(materials.materialDescription());
    SecretKey key = materials.encryptionKey().orElse(null);
    if (key != null) {
      description.put(names.symModeKey(), AttributeCipher.SYM_MODE);
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>(item.size() + 2);
    ValueBuilders values = new ValueBuilders();
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
        out.put(name, values.b(encrypted));
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
    description.put(names.signingAlgorithmKey(), materials.signingAlgorithm());
    out.put(
        names.materialDescriptionAttribute(),
        values.b(MaterialDescriptionCodec.encode(description)));
    out.put(names.signatureAttribute(), values.b(signature));
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
    return observer == DdbecObserver.NOOP
        ? decrypt(item, config)
        : Observations.decryption(observer, names, this::decrypt, item, config);
  }

  private Map<String, AttributeValue> decrypt(
      Map<String, AttributeValue> item, CryptoConfig config) {
    Objects.requireNonNull(item, "item");
    AttributeActions actions = config.actions();
    if (actions.allDoNothing()) {
      return new LinkedHashMap<>(item);
    }
    String table = config.context().tableName();
    byte[] signature = binary(item, names.signatureAttribute(), table);
    if (signature == null) {
      throw new ItemIntegrityException(
          "Item in table "
              + table
              + " has no signature attribute "
              + names.signatureAttribute()
              + ": it was not written by a DynamoDB Encryption Client, was stripped, or was"
              + " written with other attribute names (FormatNames)");
    }
    byte[] descriptionBytes = binary(item, names.materialDescriptionAttribute(), table);
    Map<String, String> description =
        descriptionBytes == null ? Map.of() : decodeDescription(descriptionBytes, table);

    Map<String, AttributeValue> stored = StoredItems.withoutFormatAttributes(names, item);

    EncryptionContext context =
        operate(
            config.context().toBuilder()
                .attributes(stored)
                .materialDescription(description)
                .build());
    DecryptionMaterials materials = provider(config).decryptionMaterials(context);
    if (materials == null) {
      throw new MaterialsUnavailableException(
          "The materials provider returned no decryption materials for table " + table);
    }
    List<String> signedTables = tableNameBinding.signedTableNames(context.tableName());
    ItemVerifier.verify(
        stored,
        table,
        signedTables,
        actions,
        signature,
        materials,
        names.signingAlgorithmKey(),
        description);

    boolean anyEncrypted = false;
    for (String name : stored.keySet()) {
      if (actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        anyEncrypted = true;
        break;
      }
    }
    if (!anyEncrypted) {
      return StoredItems.plainCopy(names, item);
    }
    String symModeKey = names.symModeKey();
    String symMode = description.get(symModeKey);
    if (symMode == null) {
      throw new ItemIntegrityException(
          "Item in table " + table + " has encrypted attributes but no " + symModeKey);
    }
    if (!AttributeCipher.SYM_MODE.equals(symMode)) {
      throw new UnsupportedFormatException(
          "Unsupported attribute cipher mode in "
              + symModeKey
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
    ValueBuilders values = new ValueBuilders();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String name = e.getKey();
      if (StoredItems.isFormatAttribute(names, name)) {
        continue;
      }
      AttributeValue v = e.getValue();
      if (actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN) {
        if (v.type() != AttributeValue.Type.B) {
          throw new ItemIntegrityException(
              "Attribute '" + name + "' should be encrypted but is not a binary value");
        }
        v = AttributeCipher.decryptAttribute(key, v.b().asByteArrayUnsafe(), name, table, values);
      }
      out.put(name, v);
    }
    return out;
  }

  /** The context as the operator turns it; an operator that returns null is a programming error. */
  private EncryptionContext operate(EncryptionContext context) {
    EncryptionContext out = contextOperator.apply(context);
    if (out == null) {
      throw new InvalidConfigurationException(
          "The encryption context operator returned null for table " + context.tableName());
    }
    return out;
  }

  /** The item's material description; a malformed one is reported with the table. */
  private static Map<String, String> decodeDescription(byte[] bytes, String table) {
    try {
      return MaterialDescriptionCodec.decodeShared(bytes);
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

  /**
   * Builder for {@link ItemEncryptor}; the format options are {@link FormatOptions.Builder}'s. Not
   * thread-safe.
   */
  public static final class Builder extends FormatOptions.Builder<Builder> {
    private MaterialsProvider materialsProvider;
    private DdbecObserver observer = DdbecObserver.NOOP;

    private Builder() {}

    /**
     * Sets the materials provider. Required.
     *
     * @param provider supplies keys for every item unless a config overrides it
     * @return this builder
     */
    public Builder materialsProvider(MaterialsProvider provider) {
      this.materialsProvider = Objects.requireNonNull(provider, "materialsProvider");
      return this;
    }

    /**
     * Sets the observer told of items encrypted and decrypted, verification failures and malformed
     * items, per table; default {@link DdbecObserver#NOOP}.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(DdbecObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Builds the encryptor.
     *
     * @return the encryptor
     * @throws InvalidConfigurationException if no materials provider was set
     */
    public ItemEncryptor build() {
      if (materialsProvider == null) {
        throw new InvalidConfigurationException("ItemEncryptor needs a materials provider");
      }
      return new ItemEncryptor(this);
    }
  }
}
