package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.UnsupportedFormatException;
import dev.ddbec.api.spi.DynamoDbNumbers;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Direct KMS wire format (docs/format.md §5.3): the material description entries, the KMS
 * encryption context and the HKDF-SHA256 derivation of the content and signing keys from the 32
 * bytes KMS returns. The same bytes as the official Python {@code
 * AwsKmsCryptographicMaterialsProvider} and Java {@code DirectKmsMaterialProvider}.
 */
public final class DirectKmsFormat {
  /** KMS encryption context entry: the content key spec. */
  public static final String KMS_ENV_ALG = "*" + FormatNames.ENV_ALG + "*";

  /** KMS encryption context entry: the signing key spec. */
  public static final String KMS_SIG_ALG = "*" + FormatNames.SIG_ALG + "*";

  /** KMS encryption context entry: the table name. */
  public static final String KMS_TABLE = "*aws-kms-table*";

  /** The {@value FormatNames#WRAP_ALG} of a Direct KMS item. */
  private static final String WRAP_ALG_KMS = "kms";

  /** The {@value FormatNames#KMS_CONTEXT_ATTRIBUTE} of a Direct KMS item: the key attributes. */
  private static final String KEY_COVERAGE = "*keys*";

  private static final byte[] INFO_ENCRYPTION = "Encryption".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INFO_SIGNING = "Signing".getBytes(StandardCharsets.UTF_8);

  private DirectKmsFormat() {}

  /**
   * The two keys derived from one KMS data key.
   *
   * @param encryption the AES content key
   * @param signing the HMAC signing key
   */
  public record DerivedKeys(SecretKey encryption, SecretKey signing) {}

  /**
   * What a Direct KMS item's material description says, checked.
   *
   * @param wrappedKey the KMS ciphertext blob of the data key
   * @param envAlg the content key spec as written ({@value FormatNames#ENV_ALG})
   * @param sigAlg the signing key spec as written ({@value FormatNames#SIG_ALG})
   * @param content the parsed content key spec (AES)
   * @param signing the parsed signing key spec (HMAC)
   */
  public record ItemEntries(
      byte[] wrappedKey, String envAlg, String sigAlg, KeySpec content, KeySpec signing) {}

  /**
   * The material description of a new item: the configured entries, the context's own, then the
   * five Direct KMS entries.
   *
   * @param configured the provider's configured entries
   * @param context the item's context
   * @param wrappedKey the KMS ciphertext blob of the data key
   * @param content the content key spec
   * @param signing the signing key spec
   * @return a new sorted map
   */
  public static Map<String, String> description(
      Map<String, String> configured,
      EncryptionContext context,
      byte[] wrappedKey,
      KeySpec content,
      KeySpec signing) {
    Map<String, String> d = new TreeMap<>(configured);
    d.putAll(context.materialDescription());
    d.put(FormatNames.ENV_KEY, Base64.getEncoder().encodeToString(wrappedKey));
    d.put(FormatNames.ENV_ALG, content.description());
    d.put(FormatNames.SIG_ALG, signing.description());
    d.put(FormatNames.WRAP_ALG, WRAP_ALG_KMS);
    d.put(FormatNames.KMS_CONTEXT_ATTRIBUTE, KEY_COVERAGE);
    return d;
  }

  /**
   * Reads and checks the Direct KMS entries of an item's material description.
   *
   * @param context the context of the item being decrypted
   * @return the entries
   * @throws ItemIntegrityException if an entry is missing or the wrapped key is not Base64
   * @throws UnsupportedFormatException if a key spec is malformed, or names a content key other
   *     than AES or a signing key other than HMAC
   */
  public static ItemEntries parse(EncryptionContext context) {
    Map<String, String> d = context.materialDescription();
    String envKey = required(d, FormatNames.ENV_KEY, context);
    String envAlg = required(d, FormatNames.ENV_ALG, context);
    String sigAlg = required(d, FormatNames.SIG_ALG, context);
    KeySpec content = itemSpec(envAlg, FormatNames.ENV_ALG);
    if (!content.isAes()) {
      throw new UnsupportedFormatException(
          "Item in table "
              + context.tableName()
              + " names content key '"
              + envAlg
              + "' in "
              + FormatNames.ENV_ALG
              + "; ddbec reads AES/128, AES/192 and AES/256 content keys");
    }
    KeySpec signing = itemSpec(sigAlg, FormatNames.SIG_ALG);
    if (!SigningAlgorithms.isHmac(signing.algorithm())) {
      throw new UnsupportedFormatException(
          "Item in table "
              + context.tableName()
              + " names signing key '"
              + sigAlg
              + "' in "
              + FormatNames.SIG_ALG
              + "; Direct KMS items are signed with HMAC ("
              + new TreeSet<>(SigningAlgorithms.HMAC)
              + ")");
    }
    byte[] blob;
    try {
      blob = Base64.getMimeDecoder().decode(envKey);
    } catch (IllegalArgumentException e) {
      throw new ItemIntegrityException(
          "The "
              + FormatNames.ENV_KEY
              + " of an item in table "
              + context.tableName()
              + " is not Base64");
    }
    return new ItemEntries(blob, envAlg, sigAlg, content, signing);
  }

  private static String required(Map<String, String> d, String key, EncryptionContext context) {
    String v = d.get(key);
    if (v == null) {
      throw new ItemIntegrityException(
          "Item in table "
              + context.tableName()
              + " has no "
              + key
              + " in its material description: it was not written by a Direct KMS provider");
    }
    return v;
  }

  private static KeySpec itemSpec(String value, String key) {
    try {
      return KeySpec.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedFormatException("The item's " + key + " " + e.getMessage());
    }
  }

  /**
   * The KMS encryption context of an item (docs/format.md §5.3): the two key specs, the partition
   * and sort key values, and the table name.
   *
   * @param context the item's context
   * @param envAlg the content key spec
   * @param sigAlg the signing key spec
   * @param kmsTable the table name to bind, or null to bind none
   * @param encrypting true when writing: then a missing key attribute or a number not in canonical
   *     form is an error of the item, while a reader takes what it finds
   * @return the KMS encryption context
   * @throws InvalidItemException (writing) for a missing, non-canonical or non-key-typed key
   * @throws ItemIntegrityException (reading) for a key attribute of a type keys cannot have
   */
  public static Map<String, String> kmsContext(
      EncryptionContext context,
      String envAlg,
      String sigAlg,
      String kmsTable,
      boolean encrypting) {
    Map<String, String> ec = new LinkedHashMap<>();
    ec.put(KMS_ENV_ALG, envAlg);
    ec.put(KMS_SIG_ALG, sigAlg);
    addKey(ec, context, context.partitionKeyName(), "partition", encrypting);
    addKey(ec, context, context.sortKeyName(), "sort", encrypting);
    if (kmsTable != null) {
      ec.put(KMS_TABLE, kmsTable);
    }
    return ec;
  }

  /**
   * Adds caller-supplied entries to a KMS encryption context (the official Java client's {@code
   * populateKmsEcFromEc} overridden to add entries).
   *
   * @param standard the context built by {@link #kmsContext}; extended in place
   * @param extra the entries to add, or null
   * @param tableName the item's table, for messages
   * @return {@code standard}
   * @throws MaterialsUnavailableException if an entry is null or would replace a standard one
   */
  public static Map<String, String> withExtraEntries(
      Map<String, String> standard, Map<String, String> extra, String tableName) {
    if (extra == null) {
      return standard;
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new MaterialsUnavailableException(
            "kmsContextEntries gave a null name or value for an item in table " + tableName);
      }
      if (standard.containsKey(e.getKey())) {
        throw new MaterialsUnavailableException(
            "kmsContextEntries may not replace the standard KMS encryption context entry '"
                + e.getKey()
                + "' (table "
                + tableName
                + ")");
      }
      standard.put(e.getKey(), e.getValue());
    }
    return standard;
  }

  /** How messages name a key attribute: "The partition key attribute 'pk' (table T)". */
  private static String keyAttribute(String which, String name, EncryptionContext context) {
    return "The " + which + " key attribute '" + name + "' (table " + context.tableName() + ")";
  }

  private static void addKey(
      Map<String, String> ec,
      EncryptionContext context,
      String name,
      String which,
      boolean encrypting) {
    if (name == null) {
      return;
    }
    AttributeValue v = context.attributes().get(name);
    if (v == null) {
      if (encrypting) {
        throw new InvalidItemException(
            "The item has no "
                + which
                + " key attribute '"
                + name
                + "' (table "
                + context.tableName()
                + "); its value is bound into the KMS encryption context");
      }
      // As the Python client does: items written without the key attribute omit the entry.
      return;
    }
    if (encrypting && v.type() == AttributeValue.Type.N && !DynamoDbNumbers.isCanonical(v.n())) {
      // Bound as written, as both official clients do; DynamoDB stores the canonical form, so
      // the context could never be rebuilt on read. Readers take the value as found.
      throw new InvalidItemException(
          keyAttribute(which, name, context)
              + " is a number not in DynamoDB's canonical form (no exponent or '+', no leading"
              + " zeros, no trailing fractional zeros, 0 rather than -0). DynamoDB would store it"
              + " canonicalised while the KMS encryption context binds it as written, so the item"
              + " could never be decrypted: write the canonical form, e.g. 10.5 for 10.50, 7 for"
              + " 007");
    }
    String value =
        switch (v.type()) {
          case S -> v.s();
          case N -> v.n();
          case B -> Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe());
          default -> null;
        };
    if (value == null) {
      String message =
          keyAttribute(which, name, context)
              + " is of type "
              + v.type()
              + "; key attributes are S, N or B";
      throw encrypting ? new InvalidItemException(message) : new ItemIntegrityException(message);
    }
    ec.put(name, value);
  }

  /**
   * Derives the content and signing keys from a KMS data key with HKDF-SHA256 (no salt; {@code info
   * = "Encryption"} and {@code "Signing"}). {@code material} and every intermediate byte are
   * zeroed, whatever happens.
   *
   * @param material the 32-byte data key (zeroed)
   * @param content the content key spec
   * @param signing the signing key spec
   * @return the two keys
   */
  public static DerivedKeys deriveAndZero(byte[] material, KeySpec content, KeySpec signing) {
    byte[] prk = null;
    byte[] enc = null;
    byte[] sig = null;
    try {
      prk = Hkdf.extract(material);
      enc = Hkdf.expand(prk, INFO_ENCRYPTION, content.bytes());
      sig = Hkdf.expand(prk, INFO_SIGNING, signing.bytes());
      return new DerivedKeys(
          new SecretKeySpec(enc, "AES"), new SecretKeySpec(sig, signing.algorithm()));
    } finally {
      Arrays.fill(material, (byte) 0);
      if (prk != null) {
        Arrays.fill(prk, (byte) 0);
      }
      if (enc != null) {
        Arrays.fill(enc, (byte) 0);
      }
      if (sig != null) {
        Arrays.fill(sig, (byte) 0);
      }
    }
  }
}
