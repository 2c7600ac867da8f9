package dev.ddbec.cli;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.spi.ProviderConfig;
import dev.ddbec.provider.keystore.KeyStoreGenerator;
import dev.ddbec.provider.keystore.KeyStoreGenerator.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddbec keystore create FILE}. */
@Command(
    name = "keystore",
    mixinStandardHelpOptions = true,
    description = "Key store tools for the keystore materials provider.",
    subcommands = {KeystoreCommand.Create.class})
final class KeystoreCommand {
  private KeystoreCommand() {}

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Creates a new PKCS12 key store with fresh keys for the keystore materials provider: an"
            + " AES-256 encryption key and an HmacSHA256 signing key, or with --rsa two RSA key"
            + " pairs with self-signed certificates (RSA-OAEP wrapped content keys, SHA256withRSA"
            + " signatures). Both entries are protected with the store password.",
        "Prints the materials configuration to use (provider=keystore) on stdout. Never"
            + " overwrites an existing file. Items cannot be decrypted without the key store and"
            + " its password: keep both private and backed up.",
        ""
      },
      footer = {
        "",
        "Example:",
        "  head -c 24 /dev/urandom | base64 > ks.pass && chmod 600 ks.pass",
        "  ddbec keystore create ks.p12 --password-file ks.pass > m.properties",
        "  ddbec encrypt --table Books --partition-key isbn --materials m.properties",
        "",
        "Exit codes: 0 created, 1 the file could not be written, 2 bad arguments (including an"
            + " existing file)."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The PKCS12 file to create.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PasswordSource password;

    static final class PasswordSource {
      @Option(
          names = "--password-file",
          paramLabel = "FILE",
          required = true,
          description = "File holding the store password (UTF-8; trailing line breaks ignored).")
      Path file;

      @Option(
          names = "--password-env",
          paramLabel = "VAR",
          required = true,
          description = "Environment variable holding the store password.")
      String env;
    }

    @Option(
        names = "--encryption-alias",
        paramLabel = "ALIAS",
        defaultValue = "ddbec-encryption",
        description = "Alias of the encryption entry (default: ${DEFAULT-VALUE}).")
    String encryptionAlias;

    @Option(
        names = "--signing-alias",
        paramLabel = "ALIAS",
        defaultValue = "ddbec-signing",
        description = "Alias of the signing entry (default: ${DEFAULT-VALUE}).")
    String signingAlias;

    @Option(names = "--rsa", description = "Generate RSA key pairs instead of AES and HMAC keys.")
    boolean rsa;

    @Option(
        names = "--rsa-bits",
        paramLabel = "BITS",
        defaultValue = "2048",
        description = "RSA key size with --rsa: 2048, 3072 or 4096 (default: ${DEFAULT-VALUE}).")
    int rsaBits;

    private final Function<String, String> environment;

    Create() {
      this(System::getenv);
    }

    Create(Function<String, String> environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path target = file.toAbsolutePath().normalize();
      // The same resolution the provider uses, so the printed configuration opens the store.
      String reference =
          password.file != null
              ? "file:" + password.file.toAbsolutePath().normalize()
              : "env:" + password.env;
      char[] pw = null;
      try {
        pw =
            new ProviderConfig("keystore", Map.of("password", reference), environment)
                .password("password")
                .orElseThrow()
                .get();
        KeyStoreGenerator.createPkcs12(
            target, pw, encryptionAlias, signingAlias, rsa ? Kind.RSA : Kind.SYMMETRIC, rsaBits);
      } catch (FileAlreadyExistsException e) {
        err.println("ddbec: " + target + " already exists; refusing to overwrite a key store");
        err.flush();
        return 2;
      } catch (DdbecException e) {
        String option = password.file != null ? "--password-file" : "--password-env";
        err.println(
            "ddbec: "
                + e.getMessage()
                    .replace("Provider 'keystore': option 'password'", option)
                    .replace("Provider 'keystore': ", "")
                    .replace("option 'password'", option));
        err.flush();
        return 2;
      } catch (IOException e) {
        err.println("ddbec: cannot write " + target + ": " + e.getClass().getSimpleName());
        err.flush();
        return 1;
      } finally {
        if (pw != null) {
          Arrays.fill(pw, '\0');
        }
      }
      out.println("# ddbec materials configuration (written by ddbec keystore create)");
      out.println("provider=keystore");
      out.println("path=" + escape(target.toString()));
      out.println("type=PKCS12");
      out.println("password=" + escape(reference));
      out.println("encryption-alias=" + escape(encryptionAlias));
      out.println("signing-alias=" + escape(signingAlias));
      out.flush();
      err.println(
          "Created "
              + target
              + (rsa
                  ? " with RSA-"
                      + rsaBits
                      + " key pairs '"
                      + encryptionAlias
                      + "' (encryption) and '"
                  : " with an AES-256 key '" + encryptionAlias + "' and an HmacSHA256 key '")
              + signingAlias
              + (rsa ? "' (signing)." : "'.")
              + " Keep it and its password private and backed up.");
      err.flush();
      return 0;
    }

    /** Escapes a value for a properties file. */
    private static String escape(String value) {
      StringBuilder b = new StringBuilder(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          case ' ' -> b.append(i == 0 ? "\\ " : " ");
          default -> b.append(c);
        }
      }
      return b.toString();
    }
  }
}
