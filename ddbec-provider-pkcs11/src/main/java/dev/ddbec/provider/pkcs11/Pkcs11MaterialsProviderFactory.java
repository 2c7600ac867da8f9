package dev.ddbec.provider.pkcs11;

import dev.ddbec.api.spi.AbstractMaterialsProviderFactory;
import dev.ddbec.api.spi.KeyUsePolicy;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.provider.pkcs11.internal.Pkcs11Uri;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * {@code provider=pkcs11}: a {@link Pkcs11MaterialsProvider} from options.
 *
 * <pre>
 * provider=pkcs11
 * library=/usr/lib/softhsm/libsofthsm2.so
 * token-label=ddbec
 * pin=env:DDBEC_HSM_PIN                       # or file:/run/secrets/hsm-pin (text, not Base64)
 * wrapping-key=pkcs11:token=ddbec;object=wrap-key
 * signing-key=sign-key
 * </pre>
 *
 * <p>With a JCE provider already installed by the application (AWS CloudHSM): {@code
 * provider-name=CloudHSM} instead of {@code library}/{@code token-label}; {@code pin} is then
 * optional ({@code user:password} for an explicit CloudHSM login, otherwise the provider's own
 * {@code HSM_USER}/{@code HSM_PASSWORD}). Other options: {@code slot}, {@code slot-list-index},
 * {@code keystore-type}, {@code wrapping-public-key} and {@code verification-key} (a label on the
 * token, or {@code file:}/{@code env:} X.509 DER), {@code signing-algorithm}, {@code
 * session-check-interval-ms}, {@code legacy-pkcs1-unwrap} and {@code legacy-shared-rsa-key} ({@code
 * true} to read items of old writers; default false), {@code accepted-signing-algorithms}
 * (comma-separated), {@code description.*}. The token label may also come from the {@code token=}
 * attribute of the key URIs.
 */
public final class Pkcs11MaterialsProviderFactory extends AbstractMaterialsProviderFactory {
  /** ServiceLoader constructor. */
  public Pkcs11MaterialsProviderFactory() {
    super(
        "pkcs11",
        KeyUsePolicy.OPTION_NAMES,
        "library",
        "token-label",
        "slot",
        "slot-list-index",
        "pin",
        "provider-name",
        "keystore-type",
        "wrapping-key",
        "wrapping-public-key",
        "signing-key",
        "verification-key",
        "signing-algorithm",
        "session-check-interval-ms",
        "description.*");
  }

  @Override
  public MaterialsProvider create(ProviderConfig config) {
    String wrapping = config.require("wrapping-key");
    String signing = config.require("signing-key");
    Pkcs11Uri wrapRef = Pkcs11Uri.parse(wrapping, "wrapping-key");
    Pkcs11Uri signRef = Pkcs11Uri.parse(signing, "signing-key");
    Optional<String> label = config.optional("token-label");
    for (Pkcs11Uri ref : new Pkcs11Uri[] {wrapRef, signRef}) {
      if (ref.token().isPresent()) {
        if (label.isPresent() && !label.get().equals(ref.token().get())) {
          throw config.bad(
              "token-label",
              "differs from the token named in the key URIs (" + ref.token().get() + ")");
        }
        label = ref.token();
      }
    }
    Pkcs11Token.Builder tb = Pkcs11Token.builder();
    config.optional("library").map(Path::of).ifPresent(tb::library);
    config.optional("provider-name").ifPresent(tb::providerName);
    config.optional("keystore-type").ifPresent(tb::keyStoreType);
    label.ifPresent(tb::tokenLabel);
    config.optional("slot").ifPresent(s -> tb.slot(parseLong(config, "slot", s)));
    config
        .optional("slot-list-index")
        .ifPresent(s -> tb.slotListIndex((int) parseLong(config, "slot-list-index", s)));
    config.password("pin").ifPresent(tb::pin);
    Optional<String> wrapPub = config.optional("wrapping-public-key");
    Optional<String> verify = config.optional("verification-key");
    String signingAlgorithm = config.optional("signing-algorithm").orElse(null);
    var description = config.withPrefix("description.");
    KeyUsePolicy keyUse = KeyUsePolicy.from(config);
    long checkMs =
        config
            .optional("session-check-interval-ms")
            .map(v -> parseLong(config, "session-check-interval-ms", v))
            .orElse(0L);
    Pkcs11Token token = tb.build();
    try {
      Pkcs11MaterialsProvider.Builder b =
          Pkcs11MaterialsProvider.builder()
              .token(token)
              .wrappingKey(wrapping)
              .signingKey(signing)
              .signingAlgorithm(signingAlgorithm)
              .materialDescription(description)
              .keyUsePolicy(keyUse)
              .sessionCheckInterval(java.time.Duration.ofMillis(checkMs));
      wrapPub
          .map(r -> publicKey(config, token, "wrapping-public-key", r))
          .ifPresent(b::wrappingPublicKey);
      verify
          .map(r -> publicKey(config, token, "verification-key", r))
          .ifPresent(b::verificationKey);
      return b.build();
    } catch (RuntimeException e) {
      token.close();
      throw e;
    }
  }

  private static PublicKey publicKey(
      ProviderConfig config, Pkcs11Token token, String option, String ref) {
    if (ref.startsWith("file:") || ref.startsWith("env:")) {
      return config.rsaPublicKey(option).orElseThrow(() -> config.missing(option));
    }
    return token
        .publicKey(ref)
        .orElseThrow(
            () ->
                config.bad(
                    option,
                    "names no certificate or public key on " + token.describe() + ": " + ref));
  }

  private static long parseLong(ProviderConfig config, String option, String value) {
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw config.bad(option, "must not be negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw config.bad(option, "must be a number");
    }
  }

  @Override
  public String toString() {
    return "Pkcs11MaterialsProviderFactory";
  }
}
