package dev.ddbec.bulk;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * How a table's items are protected: a materials provider and attribute actions, or {@linkplain
 * #plaintext() not at all}. The table's key attributes are added to the actions as the helper
 * clients add them (SIGN_ONLY, or DO_NOTHING when that is the default).
 *
 * <p>Immutable and thread-safe.
 */
public final class ItemProtection {
  private static final ItemProtection PLAINTEXT = new ItemProtection(null, null);

  private final MaterialsProvider materialsProvider;
  private final AttributeActions attributeActions;

  private ItemProtection(MaterialsProvider provider, AttributeActions actions) {
    this.materialsProvider = provider;
    this.attributeActions = actions;
  }

  /**
   * Items encrypted and signed with this provider and these actions.
   *
   * @param materialsProvider the provider
   * @param attributeActions the actions; not all DO_NOTHING
   * @return the protection
   * @throws InvalidConfigurationException if every action is DO_NOTHING
   */
  public static ItemProtection of(
      MaterialsProvider materialsProvider, AttributeActions attributeActions) {
    Objects.requireNonNull(materialsProvider, "materialsProvider");
    Objects.requireNonNull(attributeActions, "attributeActions");
    if (attributeActions.allDoNothing()) {
      throw new InvalidConfigurationException(
          "Every attribute action is DO_NOTHING: use ItemProtection.plaintext() for an unprotected"
              + " table");
    }
    return new ItemProtection(materialsProvider, attributeActions);
  }

  /**
   * Items written in plaintext, without ddbec attributes.
   *
   * @return the plaintext protection
   */
  public static ItemProtection plaintext() {
    return PLAINTEXT;
  }

  /**
   * Whether this is {@link #plaintext()}.
   *
   * @return true for plaintext
   */
  public boolean isPlaintext() {
    return materialsProvider == null;
  }

  /**
   * The provider.
   *
   * @return the provider; empty for plaintext
   */
  public Optional<MaterialsProvider> materialsProvider() {
    return Optional.ofNullable(materialsProvider);
  }

  /**
   * The actions.
   *
   * @return the actions; empty for plaintext
   */
  public Optional<AttributeActions> attributeActions() {
    return Optional.ofNullable(attributeActions);
  }

  @Override
  public String toString() {
    return isPlaintext() ? "ItemProtection[plaintext]" : "ItemProtection[" + attributeActions + "]";
  }
}
