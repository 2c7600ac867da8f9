package dev.ddbec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import dev.ddbec.api.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialsProvidersTest {
  /** A real factory whose provider records the secret it was given (test double for the SPI). */
  static final class EchoFactory implements MaterialsProviderFactory {
    private final String name;

    EchoFactory(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> optionNames() {
      return Set.of("key", "label");
    }

    @Override
    public MaterialsProvider create(ProviderConfig config) {
      byte[] key = config.requireSecret("key");
      String label = config.optional("label").orElse("none");
      return new Echo(key, label);
    }
  }

  record Echo(byte[] key, String label) implements MaterialsProvider {
    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      throw new UnsupportedOperationException();
    }
  }

  private static final List<MaterialsProviderFactory> FACTORIES =
      List.of(new EchoFactory("echo"), new EchoFactory("other"));

  @Test
  void load_fileSecret_readsFileBytes(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("k.bin");
    Files.write(key, new byte[] {1, 2, 3});
    Echo e =
        (Echo)
            MaterialsProviders.load(
                Map.of("provider", "echo", "key", "file:" + key, "label", "x"),
                FACTORIES,
                v -> null);
    assertThat(e.key()).containsExactly(1, 2, 3);
    assertThat(e.label()).isEqualTo("x");
  }

  @Test
  void load_envSecret_decodesBase64() {
    String b64 = Base64.getEncoder().encodeToString(new byte[] {9, 8});
    Echo e =
        (Echo)
            MaterialsProviders.load(
                Map.of("provider", "echo", "key", "env:DDBEC_KEY"),
                FACTORIES,
                v -> v.equals("DDBEC_KEY") ? b64 : null);
    assertThat(e.key()).containsExactly(9, 8);
  }

  @Test
  void load_inlineSecret_throwsWithoutEchoingTheValue() {
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    Map.of("provider", "echo", "key", "c2VjcmV0LWtleQ=="), FACTORIES, v -> null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'key'")
        .hasMessageContaining("never an inline value")
        .hasMessageNotContaining("c2VjcmV0LWtleQ==");
  }

  @Test
  void load_unsetEnvironmentVariable_throwsNamingIt() {
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    Map.of("provider", "echo", "key", "env:NOPE"), FACTORIES, v -> null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("NOPE");
  }

  @Test
  void load_unknownProvider_throwsListingInstalled() {
    assertThatThrownBy(
            () -> MaterialsProviders.load(Map.of("provider", "kms"), FACTORIES, v -> null))
        .isInstanceOf(ProviderResolutionException.class)
        .hasMessageContaining("'kms'")
        .hasMessageContaining("[echo, other]")
        .hasMessageContaining("dev.ddbec:ddbec-provider-kms");
  }

  @Test
  void load_twoFactoriesWithOneName_throwsProviderResolution() {
    List<MaterialsProviderFactory> dup = List.of(new EchoFactory("echo"), new EchoFactory("echo"));
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    Map.of("provider", "echo", "key", "env:X"), dup, v -> "AA=="))
        .isInstanceOf(ProviderResolutionException.class)
        .hasMessageContaining("More than one");
  }

  @Test
  void load_missingProviderOption_throwsListingInstalled() {
    assertThatThrownBy(() -> MaterialsProviders.load(Map.of("key", "env:X"), FACTORIES, v -> null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("provider=<name>")
        .hasMessageContaining("echo");
  }

  @Test
  void load_unknownOption_throwsNamingItAndTheKnownOnes() {
    assertThatThrownBy(
            () ->
                MaterialsProviders.load(
                    Map.of("provider", "echo", "key", "env:X", "lable", "typo"),
                    FACTORIES,
                    v -> "AA=="))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("[lable]")
        .hasMessageContaining("[key, label]");
  }

  @Test
  void load_missingRequiredOption_throwsNamingIt() {
    assertThatThrownBy(
            () -> MaterialsProviders.load(Map.of("provider", "echo"), FACTORIES, v -> null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("needs option 'key'");
  }

  /** A factory that configures a nested provider from its {@code inner.} options. */
  static final class NestingFactory implements MaterialsProviderFactory {
    @Override
    public String name() {
      return "nesting";
    }

    @Override
    public Set<String> optionNames() {
      return Set.of("inner.*");
    }

    @Override
    public MaterialsProvider create(ProviderConfig config) {
      return MaterialsProviders.load(
          config.withPrefix("inner."), List.of(new EchoFactory("echo")), config.environment());
    }
  }

  @Test
  void load_nestedProviderOnPrefix_resolvesEnvReferencesWithTheSameEnvironment() {
    String b64 = Base64.getEncoder().encodeToString(new byte[] {7});
    Echo e =
        (Echo)
            MaterialsProviders.load(
                Map.of("provider", "nesting", "inner.provider", "echo", "inner.key", "env:K"),
                List.of(new NestingFactory()),
                v -> v.equals("K") ? b64 : null);
    assertThat(e.key()).containsExactly(7);
  }

  @Test
  void load_unreadablePropertiesFile_throwsInvalidConfiguration(@TempDir Path dir) {
    assertThatThrownBy(() -> MaterialsProviders.load(dir.resolve("missing.properties")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("missing.properties");
  }

  @Test
  void load_missingPropertiesFile_namesThePathOnce(@TempDir Path dir) {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> MaterialsProviders.load(missing))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("Materials configuration " + missing + " does not exist");
  }

  @Test
  void load_binaryFileInsteadOfProperties_saysItIsNotAPropertiesFile(@TempDir Path dir)
      throws Exception {
    Path p12 = dir.resolve("keys.p12");
    Files.write(p12, new byte[] {0x30, (byte) 0x82, 0x0a, (byte) 0xff, (byte) 0xfe, 0x02, 0x01});
    assertThatThrownBy(() -> MaterialsProviders.load(p12))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("is not a UTF-8 properties file")
        .hasMessageNotContaining("Input length");
  }

  @Test
  void load_directoryInsteadOfPropertiesFile_namesThePathOnce(@TempDir Path dir) {
    assertThatThrownBy(() -> MaterialsProviders.load(dir))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Cannot read materials configuration " + dir + ": ")
        .satisfies(
            e ->
                assertThat(e.getMessage().split(java.util.regex.Pattern.quote(dir.toString()), -1))
                    .hasSize(2));
  }
}
