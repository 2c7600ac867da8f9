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
import java.util.OptionalLong;
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

  private final String tableName;
  private final ItemEncryptor encryptor;
  private final CryptoConfig rowConfig;
  private final SecureRandom random = new SecureRandom();

  MetaStoreRows(String tableName, MaterialsProvider metaProvider) {
    this.tableName = tableName;
    this.encryptor = ItemEncryptor.create(metaProvider);
    this.rowConfig =
        CryptoConfig.of(
            EncryptionContext.builder()
                .tableName(tableName)
                .partitionKeyName(MATERIAL_NAME_ATTRIBUTE)
                .sortKeyName(VERSION_ATTRIBUTE)
                .build(),
            AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN)
                .withIndexKeys(MATERIAL_NAME_ATTRIBUTE, VERSION_ATTRIBUTE));
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
      Map<String, AttributeValue> stored = protect(plain, materialName, version);
      return new NewRow(
          stored,
          provider(materialName, version, "AES", enc, SigningAlgorithms.DEFAULT_HMAC, integrity));
    } finally {
      Arrays.fill(enc, (byte) 0);
      Arrays.fill(integrity, (byte) 0);
    }
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
