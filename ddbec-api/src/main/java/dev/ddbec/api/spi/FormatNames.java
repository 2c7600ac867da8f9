package dev.ddbec.api.spi;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The names the DynamoDB Encryption Client format gives to things (docs/format.md): the two
 * attributes it adds to every protected item and the material description entries its writers
 * store. Core and every provider read these names from here, and decide "reserved" by the two rules
 * below.
 *
 * <ul>
 *   <li>An <b>attribute name</b> is reserved when it is {@link #MATERIAL_DESCRIPTION_ATTRIBUTE} or
 *       {@link #SIGNATURE_ATTRIBUTE} ({@link #isReservedAttribute}): it cannot be given an action
 *       and may not appear in a plaintext item.
 *   <li>A <b>material description key</b> is reserved when it starts with {@value
 *       #RESERVED_KEY_PREFIX} or is {@value #KMS_CONTEXT_ATTRIBUTE} ({@link
 *       #isReservedDescriptionKey}): the item encryptor and the providers write these entries, so a
 *       provider's configured description may not set them ({@link #requireNoReservedKeys}).
 * </ul>
 *
 * <p><b>Custom names.</b> The constants are the defaults, and the only names the official Python
 * client reads. The official Java client's {@code DynamoDBEncryptor} lets a caller rename the two
 * attributes ({@code setSignatureFieldName}, {@code setMaterialDescriptionFieldName}) and change
 * the <i>description base</i> ({@code DynamoDBEncryptor.getInstance(provider, descriptionBase)}),
 * the prefix of the two description entries the item encryptor writes, {@code <base>sym-mode} and
 * {@code <base>signingAlg}; the entries the providers write ({@code amzn-ddb-env-key} and the
 * others) keep their names. An instance of this class holds such a set of names, {@link #DEFAULTS}
 * unless configured otherwise: give it to the item encryptor, a helper client or one table's
 * configuration to read and write items of a table written that way. With custom names, the
 * configured attribute names are the reserved ones ({@link #isReserved}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FormatNames {
  /**
   * The default description base: the prefix of the description entries the item encryptor writes
   * (the official Java client's {@code DEFAULT_DESCRIPTION_BASE}).
   */
  public static final String DESCRIPTION_BASE = "amzn-ddb-map-";

  /** Binary attribute holding the serialized material description. */
  public static final String MATERIAL_DESCRIPTION_ATTRIBUTE = "*" + DESCRIPTION_BASE + "desc*";

  /** Binary attribute holding the item signature. */
  public static final String SIGNATURE_ATTRIBUTE = "*" + DESCRIPTION_BASE + "sig*";

  /** Both reserved attribute names. */
  public static final Set<String> RESERVED_ATTRIBUTES =
      Set.of(MATERIAL_DESCRIPTION_ATTRIBUTE, SIGNATURE_ATTRIBUTE);

  /** The prefix of every material description key the format's writers store but one. */
  public static final String RESERVED_KEY_PREFIX = "amzn-ddb-";

  private static final String SYM_MODE_SUFFIX = "sym-mode";
  private static final String SIGNING_ALG_SUFFIX = "signingAlg";

  /** Description entry: the attribute encryption mode, written by the item encryptor. */
  public static final String SYM_MODE = DESCRIPTION_BASE + SYM_MODE_SUFFIX;

  /** Description entry: the signature algorithm, written by the item encryptor. */
  public static final String SIGNING_ALG = DESCRIPTION_BASE + SIGNING_ALG_SUFFIX;

  /** Description entry: the wrapped content key, Base64-encoded. */
  public static final String ENV_KEY = "amzn-ddb-env-key";

  /** Description entry: the content key's algorithm and, after a slash, its length in bits. */
  public static final String ENV_ALG = "amzn-ddb-env-alg";

  /** Description entry: the transformation that wrapped the content key. */
  public static final String WRAP_ALG = "amzn-ddb-wrap-alg";

  /** Description entry: the derived signing key's algorithm and length (Direct KMS). */
  public static final String SIG_ALG = "amzn-ddb-sig-alg";

  /** Description entry: the MetaStore material name and version, {@code <name>#<version>}. */
  public static final String META_ID = "amzn-ddb-meta-id";

  /**
   * Description entry (Direct KMS): what the KMS encryption context covers besides the table name;
   * the writers store {@code *keys*}, the item's key attributes. The one reserved key without
   * {@value #RESERVED_KEY_PREFIX}.
   */
  public static final String KMS_CONTEXT_ATTRIBUTE = "aws-kms-ec-attr";

  /** The default names, those of the official Python client and of every official default. */
  public static final FormatNames DEFAULTS =
      new FormatNames(MATERIAL_DESCRIPTION_ATTRIBUTE, SIGNATURE_ATTRIBUTE, DESCRIPTION_BASE);

  private final String materialDescriptionAttribute;
  private final String signatureAttribute;
  private final String descriptionBase;
  // the two keys derived from the base, made once (every item asks for them)
  private final String symModeKey;
  private final String signingAlgorithmKey;

  private FormatNames(
      String materialDescriptionAttribute, String signatureAttribute, String descriptionBase) {
    this.materialDescriptionAttribute = materialDescriptionAttribute;
    this.signatureAttribute = signatureAttribute;
    this.descriptionBase = descriptionBase;
    this.symModeKey = descriptionBase + SYM_MODE_SUFFIX;
    this.signingAlgorithmKey = descriptionBase + SIGNING_ALG_SUFFIX;
  }

  /**
   * A set of names; use {@link #DEFAULTS} unless the items were written with other names.
   *
   * @param materialDescriptionAttribute the material description attribute (the official Java
   *     client's {@code setMaterialDescriptionFieldName})
   * @param signatureAttribute the signature attribute (the official Java client's {@code
   *     setSignatureFieldName})
   * @param descriptionBase the description base (the official Java client's {@code
   *     DynamoDBEncryptor.getInstance(provider, descriptionBase)})
   * @return the names
   * @throws InvalidConfigurationException if a name is null or empty, or both attributes have the
   *     same name
   */
  public static FormatNames of(
      String materialDescriptionAttribute, String signatureAttribute, String descriptionBase) {
    requireName(materialDescriptionAttribute, "material description attribute");
    requireName(signatureAttribute, "signature attribute");
    requireName(descriptionBase, "description base");
    if (materialDescriptionAttribute.equals(signatureAttribute)) {
      throw new InvalidConfigurationException(
          "The material description and signature attributes must have different names (both are '"
              + signatureAttribute
              + "')");
    }
    FormatNames names =
        new FormatNames(materialDescriptionAttribute, signatureAttribute, descriptionBase);
    return names.equals(DEFAULTS) ? DEFAULTS : names;
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new InvalidConfigurationException("The " + what + " name must not be empty");
    }
  }

  /**
   * These names with another material description attribute.
   *
   * @param name the attribute name
   * @return the names
   */
  public FormatNames withMaterialDescriptionAttribute(String name) {
    return of(name, signatureAttribute, descriptionBase);
  }

  /**
   * These names with another signature attribute.
   *
   * @param name the attribute name
   * @return the names
   */
  public FormatNames withSignatureAttribute(String name) {
    return of(materialDescriptionAttribute, name, descriptionBase);
  }

  /**
   * These names with another description base.
   *
   * @param base the prefix of the entries the item encryptor writes into the description
   * @return the names
   */
  public FormatNames withDescriptionBase(String base) {
    return of(materialDescriptionAttribute, signatureAttribute, base);
  }

  /**
   * The attribute holding the serialized material description.
   *
   * @return the name; {@value #MATERIAL_DESCRIPTION_ATTRIBUTE} by default
   */
  public String materialDescriptionAttribute() {
    return materialDescriptionAttribute;
  }

  /**
   * The attribute holding the item signature.
   *
   * @return the name; {@value #SIGNATURE_ATTRIBUTE} by default
   */
  public String signatureAttribute() {
    return signatureAttribute;
  }

  /**
   * The prefix of the description entries the item encryptor writes.
   *
   * @return the base; {@value #DESCRIPTION_BASE} by default
   */
  public String descriptionBase() {
    return descriptionBase;
  }

  /**
   * The description entry holding the attribute encryption mode: the base then {@code sym-mode}.
   *
   * @return the key; {@value #SYM_MODE} by default
   */
  public String symModeKey() {
    return symModeKey;
  }

  /**
   * The description entry holding the signature algorithm: the base then {@code signingAlg}.
   *
   * @return the key; {@value #SIGNING_ALG} by default
   */
  public String signingAlgorithmKey() {
    return signingAlgorithmKey;
  }

  /**
   * Tells whether an attribute name is one of these two reserved attributes.
   *
   * @param attributeName an attribute name
   * @return true for {@link #materialDescriptionAttribute()} and {@link #signatureAttribute()}
   */
  public boolean isReserved(String attributeName) {
    return signatureAttribute.equals(attributeName)
        || materialDescriptionAttribute.equals(attributeName);
  }

  /**
   * Tells whether these are the default names.
   *
   * @return true for {@link #DEFAULTS}
   */
  public boolean isDefault() {
    return equals(DEFAULTS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FormatNames other
        && materialDescriptionAttribute.equals(other.materialDescriptionAttribute)
        && signatureAttribute.equals(other.signatureAttribute)
        && descriptionBase.equals(other.descriptionBase);
  }

  @Override
  public int hashCode() {
    return Objects.hash(materialDescriptionAttribute, signatureAttribute, descriptionBase);
  }

  @Override
  public String toString() {
    return "FormatNames{materialDescriptionAttribute="
        + materialDescriptionAttribute
        + ", signatureAttribute="
        + signatureAttribute
        + ", descriptionBase="
        + descriptionBase
        + '}';
  }

  /**
   * Tells whether an attribute name is reserved by the format's default names ({@link #DEFAULTS}).
   *
   * @param attributeName an attribute name
   * @return true for {@link #MATERIAL_DESCRIPTION_ATTRIBUTE} and {@link #SIGNATURE_ATTRIBUTE}
   */
  public static boolean isReservedAttribute(String attributeName) {
    return RESERVED_ATTRIBUTES.contains(attributeName);
  }

  /**
   * Tells whether a material description key is reserved by the format: written by the item
   * encryptor or a provider, never by a provider's configuration.
   *
   * @param key a material description key
   * @return true for keys starting with {@value #RESERVED_KEY_PREFIX} and for {@value
   *     #KMS_CONTEXT_ATTRIBUTE}
   */
  public static boolean isReservedDescriptionKey(String key) {
    return key.startsWith(RESERVED_KEY_PREFIX) || key.equals(KMS_CONTEXT_ATTRIBUTE);
  }

  /**
   * Checks that a provider's configured material description sets no reserved key.
   *
   * @param description the entries a provider was configured to write
   * @param advice a sentence appended to the message saying what to configure instead, or null
   * @throws InvalidConfigurationException naming the first reserved key found
   */
  public static void requireNoReservedKeys(Map<String, String> description, String advice) {
    description.keySet().stream()
        .filter(FormatNames::isReservedDescriptionKey)
        .sorted()
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidConfigurationException(
                  "Material description key '"
                      + key
                      + "' is reserved for the item format ("
                      + RESERVED_KEY_PREFIX
                      + "*, "
                      + KMS_CONTEXT_ATTRIBUTE
                      + "): the provider or the item encryptor writes it; choose another name"
                      + (advice == null ? "" : "; " + advice));
            });
  }
}
