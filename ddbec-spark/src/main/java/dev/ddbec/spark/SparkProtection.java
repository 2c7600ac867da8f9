package dev.ddbec.spark;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.bulk.ItemProtection;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a table's items are protected, in a form that travels to the executors: a {@link
 * SparkMaterials} configuration and the attribute actions, or {@linkplain #plaintext() not at all}.
 * The executors turn it into ddbec-bulk's {@link ItemProtection}.
 *
 * <pre>{@code
 * SparkProtection p = SparkProtection.of(materials, CryptoAction.ENCRYPT_AND_SIGN,
 *     Map.of("year", CryptoAction.SIGN_ONLY));
 * }</pre>
 *
 * <p>Immutable and serializable.
 */
public final class SparkProtection implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final SparkProtection PLAINTEXT = new SparkProtection(null, null, Map.of());

  private final SparkMaterials materials;
  private final CryptoAction defaultAction;
  private final LinkedHashMap<String, CryptoAction> actions;

  private SparkProtection(
      SparkMaterials materials, CryptoAction defaultAction, Map<String, CryptoAction> actions) {
    this.materials = materials;
    this.defaultAction = defaultAction;
    this.actions = new LinkedHashMap<>(actions);
  }

  /**
   * Items protected with these materials and actions.
   *
   * @param materials the materials configuration
   * @param defaultAction the action of attributes not in {@code actions}
   * @param actions per-attribute actions
   * @return the protection
   */
  public static SparkProtection of(
      SparkMaterials materials, CryptoAction defaultAction, Map<String, CryptoAction> actions) {
    return new SparkProtection(
        Objects.requireNonNull(materials, "materials"),
        Objects.requireNonNull(defaultAction, "defaultAction"),
        Objects.requireNonNull(actions, "actions"));
  }

  /**
   * Plaintext items (the source of a protect job).
   *
   * @return the plaintext protection
   */
  public static SparkProtection plaintext() {
    return PLAINTEXT;
  }

  /**
   * Whether this is {@link #plaintext()}.
   *
   * @return true for plaintext
   */
  public boolean isPlaintext() {
    return materials == null;
  }

  /**
   * The attribute actions (without the table's key attributes, which are added as the helper
   * clients add them).
   *
   * @return the actions
   */
  public AttributeActions attributeActions() {
    return AttributeActions.builder().defaultAction(defaultAction).actions(actions).build();
  }

  /**
   * The bulk protection, with the provider loaded in this JVM ({@link SparkMaterials#provider()}).
   *
   * @return the protection
   */
  public ItemProtection toItemProtection() {
    return isPlaintext()
        ? ItemProtection.plaintext()
        : ItemProtection.of(materials.provider(), attributeActions());
  }

  /**
   * The materials configuration.
   *
   * @return the materials; null for plaintext
   */
  public SparkMaterials materials() {
    return materials;
  }

  /** The materials' provider and option names, and the actions; no values. */
  @Override
  public String toString() {
    return isPlaintext()
        ? "SparkProtection[plaintext]"
        : "SparkProtection[" + materials + ", default " + defaultAction + ", " + actions + "]";
  }
}
