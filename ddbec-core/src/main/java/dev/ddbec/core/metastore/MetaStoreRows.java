package dev.ddbec.core.metastore;

import static dev.ddbec.core.metastore.MetaStore.MATERIAL_NAME_ATTRIBUTE;
import static dev.ddbec.core.metastore.MetaStore.META_ID;
import static dev.ddbec.core.metastore.MetaStore.VERSION_ATTRIBUTE;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The MetaStore's row codec (docs/format.md §6): a new row's random keys, protected with the meta
 * provider; a stored row verified, decrypted and checked, and turned into the wrapped provider of
 * its version; and the version read from a row's sort key.
 */
final class MetaStoreRows {
  private static final String TYPE = "t";
  private static final String ENC_ALG = "encAlg";
  private static final String ENC = "enc";
  private static final String INT_ALG = "intAlg";
  private static final String INT = "int";
  private static final String MATERIAL_TYPE_VERSION = "0";
  private static final int KEY_BYTES = 32;

  private static final Set<String> STANDARD =
      Set.of(MATERIAL_NAME_ATTRIBUTE, VERSION_ATTRIBUTE, TYPE, ENC_ALG, ENC, INT_ALG, INT);

  private final String tableName;
  private final ItemEncryptor encryptor;
  private final CryptoConfig rowConfig;
  private final ExtraDataSupplier extraData;
  private final SecureRandom random = new SecureRandom();

  MetaStoreRows(String tableName, MaterialsProvider metaProvider, ExtraDataSupplier extraData) {
    this.tableName = tableName;
    this.encryptor = ItemEncryptor.create(metaProvider);
    this.extraData = extraData;
    AttributeActions.Builder actions =
        AttributeActions.builder().defaultAction(CryptoAction.ENCRYPT_AND_SIGN);
    for (String signOnly : extraData.signedOnlyFieldNames()) {
      if (STANDARD.contains(signOnly)) {
        throw new InvalidConfigurationException(
            "MetaStore row attribute '" + signOnly + "' cannot be a signed-only extra attribute");
      }
      actions.action(signOnly, CryptoAction.SIGN_ONLY);
    }
    this.rowConfig =
        CryptoConfig.of(
            EncryptionContext.builder()
                .tableName(tableName)
                .partitionKeyName(MATERIAL_NAME_ATTRIBUTE)
                .sortKeyName(VERSION_ATTRIBUTE)
                .build(),
            actions.build().withIndexKeys(MATERIAL_NAME_ATTRIBUTE, VERSION_ATTRIBUTE));
  }

  MaterialsProvider metaProvider() {
    return encryptor.materialsProvider();
  }

  /** A new row as stored, and the provider of its keys. */
  record NewRow(Map<String, AttributeValue> stored, MaterialsProvider provider) {}

  /** A new version's row with fresh random keys, protected with the meta provider. */
  NewRow create(String materialName, long version) {
    byte[] enc = new byte[KEY_BYTES];
    byte[] integrity = new byte[KEY_BYTES];
    random.nextBytes(enc);
    random.nextBytes(integrity);
    try {
      Map<String, AttributeValue> plain = new LinkedHashMap<>();
      plain.put(MATERIAL_NAME_ATTRIBUTE, AttributeValue.fromS(materialName));
      plain.put(VERSION_ATTRIBUTE, AttributeValue.fromN(Long.toString(version)));
      plain.put(TYPE, AttributeValue.fromS(MATERIAL_TYPE_VERSION));
      plain.put(ENC_ALG, AttributeValue.fromS("AES"));
      plain.put(ENC, AttributeValue.fromB(SdkBytes.fromByteArray(enc)));
      plain.put(INT_ALG, AttributeValue.fromS(SigningAlgorithms.DEFAULT_HMAC));
      plain.put(INT, AttributeValue.fromB(SdkBytes.fromByteArray(integrity)));
      Map<String, AttributeValue> extra = extraData.attributes(materialName, version);
      for (Map.Entry<String, AttributeValue> e :
          extra == null ? Map.<String, AttributeValue>of().entrySet() : extra.entrySet()) {
        if (STANDARD.contains(e.getKey())) {
          throw new InvalidConfigurationException(
              "The ExtraDataSupplier may not set the MetaStore row attribute '" + e.getKey() + "'");
        }
        plain.put(e.getKey(), Objects.requireNonNull(e.getValue(), "extra attribute value"));
      }
      Map<String, AttributeValue> stored = protect(plain, materialName, version);
      return new NewRow(
          stored,
          provider(materialName, version, "AES", enc, SigningAlgorithms.DEFAULT_HMAC, integrity));
    } finally {
      Arrays.fill(enc, (byte) 0);
      Arrays.fill(integrity, (byte) 0);
    }
  }

  /**
   * Re-protects a row read from another MetaStore (already verified and decrypted there) for this
   * one: its keys and extra attributes, under this table's name and meta provider.
   */
  Map<String, AttributeValue> protectReplica(
      Map<String, AttributeValue> plain, String materialName, long version) {
    return protect(plain, materialName, version);
  }

  private Map<String, AttributeValue> protect(
      Map<String, AttributeValue> plain, String materialName, long version) {
    try {
      return encryptor.encryptItem(plain, rowConfig);
    } catch (MaterialsUnavailableException | InvalidConfigurationException e) {
      throw e;
    } catch (DdbecException e) {
      throw new MaterialsUnavailableException(
          "The meta provider could not protect MetaStore row "
              + materialName
              + "#"
              + version
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The provider of a stored row, after verifying and decrypting it and checking its contents. */
  MaterialsProvider open(Map<String, AttributeValue> stored, String materialName, long version) {
    String where =
        "MetaStore row " + materialName + "#" + version + " of table '" + tableName + "'";
    Map<String, AttributeValue> row = plaintext(stored, materialName, version);
    String encAlg = string(row, ENC_ALG, where);
    String intAlg = string(row, INT_ALG, where);
    byte[] enc = binary(row, ENC, where);
    byte[] integrity = binary(row, INT, where);
    try {
      if (!"AES".equals(encAlg)) {
        throw new UnsupportedFormatException(where + " has an encryption algorithm other than AES");
      }
      if (enc.length != 16 && enc.length != 24 && enc.length != 32) {
        throw new ItemIntegrityException(where + " has an AES key of " + enc.length + " bytes");
      }
      if (!SigningAlgorithms.isHmac(intAlg)) {
        throw new UnsupportedFormatException(where + " has an integrity algorithm other than HMAC");
      }
      if (integrity.length == 0) {
        throw new ItemIntegrityException(where + " has an empty integrity key");
      }
      return provider(materialName, version, encAlg, enc, intAlg, integrity);
    } finally {
      Arrays.fill(enc, (byte) 0);
      Arrays.fill(integrity, (byte) 0);
    }
  }

  /** A stored row verified and decrypted, with its name, version and type checked. */
  Map<String, AttributeValue> plaintext(
      Map<String, AttributeValue> stored, String materialName, long version) {
    String where =
        "MetaStore row " + materialName + "#" + version + " of table '" + tableName + "'";
    Map<String, AttributeValue> row;
    try {
      row = encryptor.decryptItem(stored, rowConfig);
    } catch (ItemIntegrityException e) {
      throw new ItemIntegrityException(where + " failed verification: " + e.getMessage(), e);
    } catch (MaterialsUnavailableException e) {
      throw new MaterialsUnavailableException(
          where + " could not be decrypted with the meta provider: " + e.getMessage(), e);
    }
    AttributeValue n = row.get(MATERIAL_NAME_ATTRIBUTE);
    AttributeValue v = row.get(VERSION_ATTRIBUTE);
    if (n == null
        || !materialName.equals(n.s())
        || v == null
        || v.n() == null
        || version(row, materialName) != version) {
      throw new ItemIntegrityException(where + " holds another material name or version");
    }
    String type = string(row, TYPE, where);
    if (!MATERIAL_TYPE_VERSION.equals(type)) {
      throw new UnsupportedFormatException(
          where + " has material type '" + TYPE + "' other than \"0\"; ddbec reads type 0 only");
    }
    return row;
  }

  /**
   * A row's version.
   *
   * @throws ItemIntegrityException if the row has no sort key, or one that is not a {@code long} in
   *     range
   */
  long version(Map<String, AttributeValue> item, String materialName) {
    AttributeValue v = item.get(VERSION_ATTRIBUTE);
    if (v == null || v.type() != AttributeValue.Type.N) {
      throw new ItemIntegrityException(
          "A row of material '"
              + materialName
              + "' in MetaStore table '"
              + tableName
              + "' has no numeric version "
              + VERSION_ATTRIBUTE);
    }
    try {
      long version = Long.parseLong(v.n());
      MetaStore.checkVersion(version);
      return version;
    } catch (NumberFormatException | InvalidConfigurationException e) {
      throw new ItemIntegrityException(
          "A row of material '"
              + materialName
              + "' in MetaStore table '"
              + tableName
              + "' has a version that is not a non-negative integer",
          e);
    }
  }

  /** {@link MetaStore#checkMaterialName}. */
  static String checkMaterialName(String materialName) {
    if (materialName == null || materialName.isEmpty()) {
      throw new InvalidConfigurationException("A MetaStore material name must not be empty");
    }
    if (materialName.indexOf('#') >= 0) {
      throw new InvalidConfigurationException(
          "MetaStore material name '"
              + materialName
              + "' contains '#': items record '<name>#<version>', so names with '#' cannot be"
              + " read back by ddbec or the official clients");
    }
    return materialName;
  }

  /** {@link MetaStore#versionFromMaterialDescription}. */
  static long versionFromDescription(Map<String, String> description) {
    String id = description.get(META_ID);
    if (id == null) {
      throw new ItemIntegrityException(
          "The item's material description has no "
              + META_ID
              + ": it was not written by a MetaStore-backed (most-recent) provider");
    }
    int hash = id.indexOf('#');
    String digits = hash < 0 ? "" : id.substring(hash + 1);
    boolean ok = hash > 0 && !digits.isEmpty() && digits.length() <= 18;
    for (int i = 0; ok && i < digits.length(); i++) {
      char c = digits.charAt(i);
      ok = c >= '0' && c <= '9';
    }
    if (!ok) {
      throw new ItemIntegrityException(
          "The item's " + META_ID + " is not of the form <material name>#<version>");
    }
    return Long.parseLong(digits);
  }

  /** A row's version, or empty if it is not a {@code long} in range (it cannot be a real one). */
  static OptionalLong parseVersion(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(VERSION_ATTRIBUTE);
    if (v == null || v.type() != AttributeValue.Type.N) {
      return OptionalLong.empty();
    }
    try {
      long version = Long.parseLong(v.n());
      return version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static MaterialsProvider provider(
      String materialName,
      long version,
      String encAlg,
      byte[] enc,
      String intAlg,
      byte[] integrity) {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(enc, encAlg))
        .hmacKey(new SecretKeySpec(integrity, intAlg))
        .materialDescription(Map.of(META_ID, materialName + "#" + version))
        .build();
  }

  private static String string(Map<String, AttributeValue> row, String name, String where) {
    AttributeValue v = row.get(name);
    if (v == null || v.type() != AttributeValue.Type.S) {
      throw new ItemIntegrityException(where + " has no string attribute '" + name + "'");
    }
    return v.s();
  }

  private static byte[] binary(Map<String, AttributeValue> row, String name, String where) {
    AttributeValue v = row.get(name);
    if (v == null || v.type() != AttributeValue.Type.B) {
      throw new ItemIntegrityException(where + " has no binary attribute '" + name + "'");
    }
    return v.b().asByteArray();
  }
}
