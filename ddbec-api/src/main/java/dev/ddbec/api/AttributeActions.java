package dev.ddbec.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which {@link CryptoAction} applies to each attribute of an item: a default action plus
 * per-attribute overrides.
 *
 * <pre>{@code
 * AttributeActions actions = AttributeActions.builder()
 *     .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
 *     .action("ISBN", CryptoAction.DO_NOTHING)
 *     .build()
 *     .withIndexKeys("pk", "sk");   // keys become SIGN_ONLY
 * }</pre>
 *
 * <p>Key attributes must stay readable by DynamoDB, so {@link #withIndexKeys(String...)} lowers
 * their action to {@link CryptoAction#SIGN_ONLY} (or keeps {@link CryptoAction#DO_NOTHING} when
 * that is what they would get) and refuses an explicit request to encrypt one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AttributeActions {
  private final CryptoAction defaultAction;
  private final Map<String, CryptoAction> overrides;
  // Hash lookups for actionFor (called several times per attribute on the item hot path).
  private final Map<String, CryptoAction> lookup;

  private AttributeActions(CryptoAction defaultAction, Map<String, CryptoAction> overrides) {
    this.defaultAction = defaultAction;
    this.overrides = overrides;
    this.lookup = new java.util.HashMap<>(overrides);
  }

  /**
   * Starts a builder whose default action is {@link CryptoAction#ENCRYPT_AND_SIGN}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Actions that give every attribute the same action.
   *
   * @param defaultAction the action for every attribute
   * @return the actions
   */
  public static AttributeActions of(CryptoAction defaultAction) {
    return builder().defaultAction(defaultAction).build();
  }

  /**
   * Returns a builder holding these actions.
   *
   * @return a builder initialised from this instance
   */
  public Builder toBuilder() {
    Builder b = new Builder().defaultAction(defaultAction);
    b.overrides.putAll(overrides);
    return b;
  }

  /**
   * The action for attributes without an override.
   *
   * @return the default action
   */
  public CryptoAction defaultAction() {
    return defaultAction;
  }

  /**
   * The per-attribute overrides, sorted by name.
   *
   * @return an unmodifiable map
   */
  public Map<String, CryptoAction> overrides() {
    return overrides;
  }

  /**
   * The action for one attribute.
   *
   * @param attributeName the attribute name
   * @return its override, or the default action
   */
  public CryptoAction actionFor(String attributeName) {
    CryptoAction a = lookup.get(attributeName);
    return a == null ? defaultAction : a;
  }

  /**
   * Tells whether every attribute is {@link CryptoAction#DO_NOTHING}; such items are passed through
   * untouched, without signature or description.
   *
   * @return true when nothing is encrypted or signed
   */
  public boolean allDoNothing() {
    if (defaultAction != CryptoAction.DO_NOTHING) {
      return false;
    }
    for (CryptoAction a : overrides.values()) {
      if (a != CryptoAction.DO_NOTHING) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns actions in which the given key attributes are protected as keys must be: their action
   * becomes the weaker of their current action and {@link CryptoAction#SIGN_ONLY}, so
   * ENCRYPT_AND_SIGN becomes SIGN_ONLY and DO_NOTHING stays DO_NOTHING.
   *
   * @param keyAttributeNames partition, sort and index key attribute names (nulls are ignored)
   * @return actions with the keys protected
   * @throws InvalidConfigurationException if a key has an explicit ENCRYPT_AND_SIGN override
   */
  public AttributeActions withIndexKeys(String... keyAttributeNames) {
    return withIndexKeys(Arrays.asList(keyAttributeNames));
  }

  /**
   * Collection form of {@link #withIndexKeys(String...)}.
   *
   * @param keyAttributeNames key attribute names (nulls are ignored)
   * @return actions with the keys protected
   * @throws InvalidConfigurationException if a key has an explicit ENCRYPT_AND_SIGN override
   */
  public AttributeActions withIndexKeys(Collection<String> keyAttributeNames) {
    Builder b = toBuilder();
    for (String key : keyAttributeNames) {
      if (key == null) {
        continue;
      }
      CryptoAction explicit = overrides.get(key);
      if (explicit == CryptoAction.ENCRYPT_AND_SIGN) {
        throw new InvalidConfigurationException(
            "Attribute '"
                + key
                + "' is a key attribute and cannot be encrypted (DynamoDB must read it); give it"
                + " SIGN_ONLY or DO_NOTHING, or remove its override");
      }
      b.action(key, actionFor(key).weakest(CryptoAction.SIGN_ONLY));
    }
    return b.build();
  }

  /**
   * Checks that none of the given key attributes would be encrypted.
   *
   * @param keyAttributeNames key attribute names (nulls are ignored)
   * @throws InvalidConfigurationException naming the first key that would be encrypted
   */
  public void requireKeysNotEncrypted(Collection<String> keyAttributeNames) {
    for (String key : keyAttributeNames) {
      if (key != null && actionFor(key) == CryptoAction.ENCRYPT_AND_SIGN) {
        throw new InvalidConfigurationException(
            "Key attribute '"
                + key
                + "' would be encrypted; key attributes must stay plaintext. Use"
                + " AttributeActions.withIndexKeys(...) to protect keys as SIGN_ONLY");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeActions other
        && defaultAction == other.defaultAction
        && overrides.equals(other.overrides);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultAction, overrides);
  }

  @Override
  public String toString() {
    return "AttributeActions{default=" + defaultAction + ", overrides=" + overrides + '}';
  }

  /** Builder for {@link AttributeActions}. Not thread-safe. */
  public static final class Builder {
    private CryptoAction defaultAction = CryptoAction.ENCRYPT_AND_SIGN;
    private final Map<String, CryptoAction> overrides = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the action for attributes without an override.
     *
     * @param action the default action
     * @return this builder
     */
    public Builder defaultAction(CryptoAction action) {
      this.defaultAction = Objects.requireNonNull(action, "defaultAction");
      return this;
    }

    /**
     * Sets the action for one attribute.
     *
     * @param attributeName the attribute name; not one of {@link ReservedAttributes}
     * @param action its action
     * @return this builder
     * @throws InvalidConfigurationException for a reserved name
     */
    public Builder action(String attributeName, CryptoAction action) {
      Objects.requireNonNull(attributeName, "attributeName");
      Objects.requireNonNull(action, "action");
      if (ReservedAttributes.isReserved(attributeName)) {
        throw new InvalidConfigurationException(
            "'" + attributeName + "' is reserved by the item format and cannot be given an action");
      }
      overrides.put(attributeName, action);
      return this;
    }

    /**
     * Sets the actions of several attributes.
     *
     * @param actions attribute name to action
     * @return this builder
     */
    public Builder actions(Map<String, CryptoAction> actions) {
      actions.forEach(this::action);
      return this;
    }

    /**
     * Builds the immutable actions.
     *
     * @return the actions
     */
    public AttributeActions build() {
      return new AttributeActions(
          defaultAction, java.util.Collections.unmodifiableMap(new TreeMap<>(overrides)));
    }
  }
}
