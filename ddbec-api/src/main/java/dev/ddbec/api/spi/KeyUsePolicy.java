package dev.ddbec.api.spi;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The key-use options every key-holding provider builder offers, in one place: which further
 * signature algorithms an item may name, and the two legacy opt-ins for reading items of old
 * writers (RSA PKCS#1 v1.5 unwrap, and one RSA key pair that both wraps and signs). Each is off by
 * default; turning one on weakens a safe default and is meant for reading old items only (see
 * {@code docs/security.md}).
 *
 * <p>A provider builder holds one policy and gets the documented setters from {@link Setters}; the
 * provider checks the policy against its keys when it is built.
 *
 * @param acceptedSigningAlgorithms further signature algorithms an item's {@code
 *     amzn-ddb-map-signingAlg} may name, besides the configured one (copied; null means none)
 * @param legacyPkcs1Unwrap whether content keys wrapped with RSA PKCS#1 v1.5 are read
 * @param legacySharedRsaKey whether one RSA key pair may both wrap content keys and sign items
 */
public record KeyUsePolicy(
    List<String> acceptedSigningAlgorithms, boolean legacyPkcs1Unwrap, boolean legacySharedRsaKey) {
  /**
   * The configuration options {@link #from} reads: {@code accepted-signing-algorithms}
   * (comma-separated), {@code legacy-pkcs1-unwrap} and {@code legacy-shared-rsa-key} ({@code true}
   * or {@code false}, default false).
   */
  public static final Set<String> OPTION_NAMES =
      Set.of("accepted-signing-algorithms", "legacy-pkcs1-unwrap", "legacy-shared-rsa-key");

  private static final KeyUsePolicy DEFAULTS = new KeyUsePolicy(List.of(), false, false);

  /**
   * Creates a policy, copying the algorithms.
   *
   * @param acceptedSigningAlgorithms further accepted signature algorithms; null means none
   * @param legacyPkcs1Unwrap whether content keys wrapped with RSA PKCS#1 v1.5 are read
   * @param legacySharedRsaKey whether one RSA key pair may both wrap and sign
   * @throws NullPointerException if an algorithm is null
   */
  public KeyUsePolicy {
    acceptedSigningAlgorithms =
        acceptedSigningAlgorithms == null ? List.of() : List.copyOf(acceptedSigningAlgorithms);
  }

  /**
   * The safe defaults: no further signature algorithms, no legacy opt-in.
   *
   * @return the default policy
   */
  public static KeyUsePolicy defaults() {
    return DEFAULTS;
  }

  /**
   * The policy a provider configuration asks for ({@link #OPTION_NAMES}); absent options keep the
   * defaults.
   *
   * @param config the provider configuration
   * @return the policy
   * @throws dev.ddbec.api.InvalidConfigurationException if a legacy option is neither {@code true}
   *     nor {@code false}
   */
  public static KeyUsePolicy from(ProviderConfig config) {
    boolean legacyPkcs1Unwrap = config.bool("legacy-pkcs1-unwrap", false);
    boolean legacySharedRsaKey = config.bool("legacy-shared-rsa-key", false);
    return new KeyUsePolicy(
        config.list("accepted-signing-algorithms"), legacyPkcs1Unwrap, legacySharedRsaKey);
  }

  /**
   * This policy with other further signature algorithms.
   *
   * @param algorithms the algorithms (copied; null means none)
   * @return the new policy
   * @throws NullPointerException if an algorithm is null
   */
  public KeyUsePolicy withAcceptedSigningAlgorithms(Collection<String> algorithms) {
    return new KeyUsePolicy(
        algorithms == null ? null : List.copyOf(algorithms), legacyPkcs1Unwrap, legacySharedRsaKey);
  }

  /**
   * This policy with the PKCS#1 v1.5 unwrap opt-in on or off.
   *
   * @param enabled true to read PKCS#1 v1.5 wrapped keys
   * @return the new policy
   */
  public KeyUsePolicy withLegacyPkcs1Unwrap(boolean enabled) {
    return new KeyUsePolicy(acceptedSigningAlgorithms, enabled, legacySharedRsaKey);
  }

  /**
   * This policy with the shared-RSA-key opt-in on or off.
   *
   * @param enabled true to allow one RSA key pair to wrap and sign
   * @return the new policy
   */
  public KeyUsePolicy withLegacySharedRsaKey(boolean enabled) {
    return new KeyUsePolicy(acceptedSigningAlgorithms, legacyPkcs1Unwrap, enabled);
  }

  /**
   * The key-use setters of a provider builder, written once: the builder holds a {@link
   * KeyUsePolicy} and implements the two policy accessors.
   *
   * @param <B> the builder type
   */
  public interface Setters<B extends Setters<B>> {
    /**
     * The policy configured so far.
     *
     * @return the policy ({@link KeyUsePolicy#defaults()} until changed)
     */
    KeyUsePolicy keyUsePolicy();

    /**
     * Replaces the whole policy.
     *
     * @param policy the policy
     * @return this builder
     */
    B keyUsePolicy(KeyUsePolicy policy);

    /**
     * Further signature algorithms an item's {@code amzn-ddb-map-signingAlg} may name (each must
     * fit the verification key). By default none: items must be signed with the configured
     * algorithm, so a stored item cannot choose the algorithm it is verified with.
     *
     * @param algorithms e.g. {@code SHA384withRSA}; null means none
     * @return this builder
     */
    default B acceptedSigningAlgorithms(Collection<String> algorithms) {
      return keyUsePolicy(keyUsePolicy().withAcceptedSigningAlgorithms(algorithms));
    }

    /**
     * Reads items whose content key is wrapped with RSA PKCS#1 v1.5 (what old Java writers used
     * when they named no {@code amzn-ddb-wrap-alg}). Off by default: such items are then refused
     * without an RSA operation. When on, failures are hidden by implicit rejection (see {@link
     * ContentKeyUnwrapper}), but PKCS#1 v1.5 remains the weaker padding: turn it on only to read
     * old items, and re-encrypt them (see {@code docs/security.md}). Building fails if the provider
     * has no RSA key to unwrap with.
     *
     * @param enabled true to read PKCS#1 v1.5 wrapped keys
     * @return this builder
     */
    default B legacyPkcs1Unwrap(boolean enabled) {
      return keyUsePolicy(keyUsePolicy().withLegacyPkcs1Unwrap(enabled));
    }

    /**
     * Allows one RSA key pair to both wrap content keys and sign items, which is refused by default
     * (a weakness in one use would then break the other). Only for reading items of writers that
     * used one key pair.
     *
     * @param enabled true to allow it
     * @return this builder
     */
    default B legacySharedRsaKey(boolean enabled) {
      return keyUsePolicy(keyUsePolicy().withLegacySharedRsaKey(enabled));
    }
  }
}
