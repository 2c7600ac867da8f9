package dev.ddbec.cli;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.provider.pkcs11.Pkcs11KeyInfo;
import dev.ddbec.provider.pkcs11.Pkcs11Token;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddbec hsm list|generate}: keys on a PKCS#11 token or HSM. */
@Command(
    name = "hsm",
    mixinStandardHelpOptions = true,
    description = "Keys on a PKCS#11 token or HSM (SoftHSM2, a smart card, AWS CloudHSM, ...).",
    subcommands = {HsmCommand.ListKeys.class, HsmCommand.Generate.class},
    footer = {
      "",
      "Examples:",
      "  export DDBEC_HSM_PIN=1234",
      "  ddbec hsm generate --library /usr/lib/softhsm/libsofthsm2.so \\",
      "      --token-label ddbec --pin env:DDBEC_HSM_PIN",
      "  ddbec hsm list --library /usr/lib/softhsm/libsofthsm2.so \\",
      "      --token-label ddbec --pin env:DDBEC_HSM_PIN",
      "See docs/hsm.md."
    })
final class HsmCommand {
  private HsmCommand() {}

  /** How to reach the token: a PKCS#11 library and a token, or an installed JCE provider. */
  static final class Connection {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(
        names = "--pin",
        paramLabel = "REF",
        description =
            "User PIN (CloudHSM: user:password) as env:VARIABLE or file:/path (text); never"
                + " inline. Optional with --provider-name.")
    String pin;

    @Option(
        names = "--keystore-type",
        paramLabel = "TYPE",
        description = "Key store type that finds keys by label (default PKCS11, or CloudHSM).")
    String keyStoreType;

    static final class Target {
      @ArgGroup(exclusive = false)
      Library library;

      @Option(
          names = "--provider-name",
          paramLabel = "NAME",
          description = "Use a JCE provider already installed in this JVM, e.g. CloudHSM.")
      String providerName;
    }

    static final class Library {
      @Option(
          names = "--library",
          required = true,
          paramLabel = "PATH",
          description = "PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so.")
      Path library;

      @ArgGroup(exclusive = true, multiplicity = "1")
      Slot slot;
    }

    static final class Slot {
      @Option(names = "--token-label", paramLabel = "LABEL", description = "Token label.")
      String tokenLabel;

      @Option(names = "--slot", paramLabel = "ID", description = "PKCS#11 slot id.")
      Long slot;

      @Option(
          names = "--slot-list-index",
          paramLabel = "N",
          description = "Position in the library's slot list.")
      Integer slotListIndex;
    }

    Pkcs11Token open() {
      Pkcs11Token.Builder b = Pkcs11Token.builder();
      if (target.providerName != null) {
        b.providerName(target.providerName);
      } else {
        Library l = target.library;
        b.library(l.library);
        if (l.slot.tokenLabel != null) {
          b.tokenLabel(l.slot.tokenLabel);
        } else if (l.slot.slot != null) {
          b.slot(l.slot.slot);
        } else {
          b.slotListIndex(l.slot.slotListIndex);
        }
      }
      if (keyStoreType != null) {
        b.keyStoreType(keyStoreType);
      }
      if (pin != null) {
        new ProviderConfig("hsm", Map.of("pin", pin), System::getenv)
            .password("pin")
            .ifPresent(b::pin);
      }
      return b.build();
    }

    /** The options that select this token in a materials configuration. */
    List<String> materialsLines(Pkcs11Token token) {
      List<String> lines = new ArrayList<>();
      lines.add("provider=pkcs11");
      if (target.providerName != null) {
        lines.add("provider-name=" + target.providerName);
      } else {
        lines.add("library=" + target.library.library.toAbsolutePath());
        Slot s = target.library.slot;
        if (s.tokenLabel != null) {
          lines.add("token-label=" + s.tokenLabel);
        } else if (s.slot != null) {
          lines.add("slot=" + s.slot);
        } else {
          lines.add("slot-list-index=" + s.slotListIndex);
        }
      }
      if (keyStoreType != null) {
        lines.add("keystore-type=" + keyStoreType);
      }
      lines.add("pin=" + (pin != null ? pin : "env:DDBEC_HSM_PIN"));
      return lines;
    }
  }

  /** Shared: run with a token, turn ddbec errors into exit code 2. */
  abstract static class TokenCommand extends ResourceCommand<Pkcs11Token> {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Token:%n")
    Connection connection;

    @Override
    Pkcs11Token open() {
      return connection.open();
    }

    @Override
    int failed(DdbecException e, PrintWriter out, PrintWriter err) {
      out.flush();
      err.println("ddbec: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the keys on a token: label, type, algorithm, size, whether the key value can leave"
            + " the token, and what ddbec can use it for (wrapping: AES or RSA; signing: HMAC or"
            + " RSA)."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec hsm list --library /usr/lib/softhsm/libsofthsm2.so \\",
        "      --token-label ddbec --pin env:DDBEC_HSM_PIN",
        "  ddbec hsm list --provider-name CloudHSM   # CloudHSM JCE provider installed"
      })
  static final class ListKeys extends TokenCommand {
    @Override
    int run(Pkcs11Token token, PrintWriter out) {
      List<Pkcs11KeyInfo> keys = token.listKeys();
      if (keys.isEmpty()) {
        out.println("No keys on " + describe(token) + ". Create some with: ddbec hsm generate");
        return 0;
      }
      int w = Math.max(5, keys.stream().mapToInt(k -> k.label().length()).max().orElse(5));
      String fmt = "%-" + w + "s  %-11s  %-14s  %5s  %-11s  %s%n";
      out.printf(fmt, "LABEL", "TYPE", "ALGORITHM", "BITS", "EXTRACTABLE", "USE");
      for (Pkcs11KeyInfo k : keys) {
        out.printf(
            fmt,
            k.label(),
            k.type(),
            k.algorithm(),
            k.bits().isPresent() ? String.valueOf(k.bits().getAsInt()) : "?",
            k.extractable() ? "yes" : "no",
            k.uses().isEmpty() ? "-" : String.join(",", k.uses()));
      }
      return 0;
    }
  }

  /** Wrapping key kinds. */
  enum WrappingKind {
    aes,
    rsa
  }

  /** Signing key kinds. */
  enum SigningKind {
    hmac,
    rsa
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Generates ddbec keys on a token: a wrapping key (AES-256, or an RSA key pair) and a"
            + " signing key (HMAC-SHA256, or an RSA key pair). Keys are non-extractable: their"
            + " values never leave the token. RSA public keys are kept in self-signed"
            + " certificates under the same labels. Prints the materials configuration that uses"
            + " them. Refuses labels that are already in use.",
        "Only for tokens reached through --library; create keys on AWS CloudHSM with its own"
            + " tools (CloudHSM CLI)."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec hsm generate --library /usr/lib/softhsm/libsofthsm2.so \\",
        "      --token-label ddbec --pin env:DDBEC_HSM_PIN",
        "  ddbec hsm generate --library /usr/lib/softhsm/libsofthsm2.so \\",
        "      --token-label ddbec --pin file:/run/secrets/hsm-pin \\",
        "      --wrapping rsa --signing rsa \\",
        "      --wrapping-label orders-wrap --signing-label orders-sign"
      })
  static final class Generate extends TokenCommand {
    @Option(
        names = "--wrapping",
        defaultValue = "aes",
        description = "Wrapping key: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    WrappingKind wrapping;

    @Option(
        names = "--signing",
        defaultValue = "hmac",
        description = "Signing key: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    SigningKind signing;

    @Option(
        names = "--wrapping-label",
        defaultValue = "wrap-key",
        description = "Label of the wrapping key (default ${DEFAULT-VALUE}).")
    String wrappingLabel;

    @Option(
        names = "--signing-label",
        defaultValue = "sign-key",
        description = "Label of the signing key (default ${DEFAULT-VALUE}).")
    String signingLabel;

    @Option(
        names = "--rsa-bits",
        defaultValue = "2048",
        description = "RSA modulus size (default ${DEFAULT-VALUE}).")
    int rsaBits;

    @Option(
        names = "--extractable",
        description =
            "Make the keys extractable (their values can be read from the token). For tests"
                + " only: it gives up what an HSM is for.")
    boolean extractable;

    @Override
    int run(Pkcs11Token token, PrintWriter out) {
      if (wrappingLabel.equals(signingLabel)) {
        throw new InvalidConfigurationException("--wrapping-label and --signing-label must differ");
      }
      Set<String> existing =
          token.listKeys().stream().map(Pkcs11KeyInfo::label).collect(Collectors.toSet());
      for (String label : List.of(wrappingLabel, signingLabel)) {
        if (existing.contains(label)) {
          throw new InvalidConfigurationException(
              "A key labelled '"
                  + label
                  + "' already exists on "
                  + describe(token)
                  + "; choose other labels (--wrapping-label, --signing-label)");
        }
      }
      List<Pkcs11KeyInfo> made = new ArrayList<>();
      made.add(
          wrapping == WrappingKind.aes
              ? token.generateAesKey(wrappingLabel, 256, extractable)
              : token.generateRsaKeyPair(wrappingLabel, rsaBits, extractable));
      made.add(
          signing == SigningKind.hmac
              ? token.generateHmacKey(signingLabel, 256, extractable)
              : token.generateRsaKeyPair(signingLabel, rsaBits, extractable));
      out.println("Generated on " + describe(token) + ":");
      for (Pkcs11KeyInfo k : made) {
        out.printf(
            "  %s  %s %s %s bits, %s%n",
            k.label(),
            k.type(),
            k.algorithm(),
            k.bits().isPresent() ? String.valueOf(k.bits().getAsInt()) : "?",
            k.extractable() ? "EXTRACTABLE (tests only)" : "non-extractable");
      }
      out.println();
      out.println("Materials configuration (ddbec encrypt/decrypt --materials FILE):");
      String prefix =
          token.tokenLabel().map(l -> "pkcs11:token=" + uriEscape(l) + ";object=").orElse("");
      List<String> lines = new ArrayList<>(connection.materialsLines(token));
      lines.add(
          "wrapping-key=" + (prefix.isEmpty() ? wrappingLabel : prefix + uriEscape(wrappingLabel)));
      lines.add(
          "signing-key=" + (prefix.isEmpty() ? signingLabel : prefix + uriEscape(signingLabel)));
      lines.forEach(l -> out.println("  " + l));
      return 0;
    }
  }

  static String describe(Pkcs11Token token) {
    return token.tokenLabel().map(l -> "token '" + l + "'").orElse(token.provider().getName());
  }

  /** Percent-encodes what RFC 7512 does not allow unescaped in a path attribute value. */
  static String uriEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~:[]@!$'()*+,=&".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }
}
