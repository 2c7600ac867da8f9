package dev.ddbec.api.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The settings every key-holding materials provider's builder shares, with their setters written
 * once: the entries written into every item's material description, and the key-use policy ({@link
 * KeyUsePolicy.Setters}). The provider checks both against its keys when it is built (which
 * description keys it refuses, and which legacy opt-ins fit its keys, is the provider's to say).
 * Not thread-safe.
 *
 * @param <B> the builder's own type
 */
public abstract class MaterialsProviderBuilder<B extends MaterialsProviderBuilder<B>>
    implements KeyUsePolicy.Setters<B> {
  private Map<String, String> description = Map.of();
  private KeyUsePolicy keyUse = KeyUsePolicy.defaults();

  /** A builder with no description entries and the {@link KeyUsePolicy#defaults()}. */
  protected MaterialsProviderBuilder() {}

  /**
   * Sets the entries stored in every item's material description. Keys the format reserves are
   * refused when the provider is built (see the provider).
   *
   * @param description string to string map (copied)
   * @return this builder
   */
  public B materialDescription(Map<String, String> description) {
    this.description = Map.copyOf(Objects.requireNonNull(description, "description"));
    return self();
  }

  /**
   * The description entries set so far.
   *
   * @return an unmodifiable map, empty until set
   */
  public Map<String, String> materialDescription() {
    return description;
  }

  @Override
  public KeyUsePolicy keyUsePolicy() {
    return keyUse;
  }

  @Override
  public B keyUsePolicy(KeyUsePolicy policy) {
    this.keyUse = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * This builder, as its own type.
   *
   * @return this builder
   */
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }
}
