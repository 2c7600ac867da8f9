package dev.ddbec.core.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.ProviderConfig;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.SecretKey;

/**
 * The signing options shared by the {@code static} and {@code wrapped} factories: {@code
 * signing-key} (raw HMAC key) or {@code signing-private-key} / {@code signing-public-key} (RSA,
 * DER), {@code signing-algorithm} and {@code accepted-signing-algorithms} (comma-separated further
 * algorithms an item may name).
 */
public final class SigningOptions {
  /** Option names. */
  public static final Set<String> NAMES =
      Set.of(
          "signing-key",
          "signing-private-key",
          "signing-public-key",
          "signing-algorithm",
          "accepted-signing-algorithms");

  /** {@link #NAMES} and the key-use policy's options ({@link KeyUsePolicy#OPTION_NAMES}). */
  public static final Set<String> NAMES_AND_KEY_USE =
      Stream.concat(NAMES.stream(), KeyUsePolicy.OPTION_NAMES.stream())
          .collect(Collectors.toUnmodifiableSet());

  private SigningOptions() {}

  /**
   * Reads the signing options into a builder.
   *
   * @param config the options
   * @param hmacKey receives an HMAC key
   * @param signingKeyPair receives an RSA key pair
   * @param verificationKey receives an RSA public key (verify-only)
   * @param signingAlgorithm receives an algorithm override
   * @param acceptedAlgorithms receives the further accepted algorithms (only when given)
   */
  public static void apply(
      ProviderConfig config,
      Consumer<SecretKey> hmacKey,
      Consumer<KeyPair> signingKeyPair,
      Consumer<PublicKey> verificationKey,
      Consumer<String> signingAlgorithm,
      Consumer<List<String>> acceptedAlgorithms) {
    Optional<String> alg = config.optional("signing-algorithm");
    String hmacAlg = alg.filter(a -> a.startsWith("Hmac")).orElse("HmacSHA256");
    Optional<SecretKey> hmac = config.secretKey("signing-key", hmacAlg);
    Optional<PrivateKey> priv = config.rsaPrivateKey("signing-private-key");
    Optional<PublicKey> pub = config.rsaPublicKey("signing-public-key");
    if (hmac.isPresent() && (priv.isPresent() || pub.isPresent())) {
      throw new InvalidConfigurationException(
          "Provider '"
              + config.providerName()
              + "': give either signing-key (HMAC) or signing-private-key/signing-public-key"
              + " (RSA), not both");
    }
    if (hmac.isPresent()) {
      hmacKey.accept(hmac.get());
    } else if (priv.isPresent() && pub.isPresent()) {
      signingKeyPair.accept(new KeyPair(pub.get(), priv.get()));
    } else if (pub.isPresent()) {
      verificationKey.accept(pub.get());
    } else if (priv.isPresent()) {
      throw config.missing("signing-public-key");
    } else {
      throw config.missing("signing-key");
    }
    alg.ifPresent(signingAlgorithm);
    List<String> accepted = config.list("accepted-signing-algorithms");
    if (!accepted.isEmpty()) {
      acceptedAlgorithms.accept(accepted);
    }
  }
}
