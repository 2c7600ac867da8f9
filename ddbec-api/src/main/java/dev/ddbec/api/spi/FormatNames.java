package dev.ddbec.api.spi;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.Map;
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
 * <p>Constants only; nothing to instantiate.
 */
public final class FormatNames {
  /** Binary attribute holding the serialized material description. */
  public static final String MATERIAL_DESCRIPTION_ATTRIBUTE = "*amzn-ddb-map-desc*";

  /** Binary attribute holding the item signature. */
  public static final String SIGNATURE_ATTRIBUTE = "*amzn-ddb-map-sig*";

  /** Both reserved attribute names. */
  public static final Set<String> RESERVED_ATTRIBUTES =
      Set.of(MATERIAL_DESCRIPTION_ATTRIBUTE, SIGNATURE_ATTRIBUTE);

  /** The prefix of every material description key the format's writers store but one. */
  public static final String RESERVED_KEY_PREFIX = "amzn-ddb-";

  /** Description entry: the attribute encryption mode, written by the item encryptor. */
  public static final String SYM_MODE = "amzn-ddb-map-sym-mode";

  /** Description entry: the signature algorithm, written by the item encryptor. */
  public static final String SIGNING_ALG = "amzn-ddb-map-signingAlg";

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

  private FormatNames() {}

  /**
   * Tells whether an attribute name is reserved by the format.
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
