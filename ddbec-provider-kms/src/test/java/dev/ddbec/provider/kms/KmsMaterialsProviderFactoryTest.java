package dev.ddbec.provider.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.MotoKmsServer;
import dev.ddbec.testing.ProviderFactoryContract;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code kms} factory: discovery on the class path and the module path, options, and a round
 * trip on the client it builds (credentials from the SDK default chain: the dummy {@code
 * aws.accessKeyId}/{@code aws.secretAccessKey} system properties set by the build).
 */
class KmsMaterialsProviderFactoryTest implements ProviderFactoryContract {
  @Override
  public Declared declared() {
    return new Declared(
        Map.of(
            "kms",
            "content-key-spec decrypt-only description.* endpoint grant-tokens "
                + "key-id kms-table-name region signing-key-spec strict-key-id"),
        List.of(KmsMaterialsProviderFactory.class));
  }

  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  private static String keyArn;

  @BeforeAll
  static void key() {
    keyArn = MotoKmsServer.createKey(MOTO.client(Region.US_EAST_1));
  }

  /** Only module-info's {@code provides} counts on the module path: this checks it works. */
  @Test
  void serviceLoader_modulePath_findsKmsInItsNamedModule() throws Exception {
    String runtime = System.getProperty("ddbec.runtime.classpath");
    assertThat(runtime).as("-Dddbec.runtime.classpath (set by the build)").isNotBlank();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--module-path");
    cmd.add(Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + runtime);
    cmd.add("--add-modules");
    cmd.add("dev.ddbec.provider.kms");
    cmd.add("-cp");
    cmd.add(Path.of("target", "test-classes").toAbsolutePath().toString());
    // Not in a package of the module: a class-path class cannot share a named module's package.
    cmd.add("dev.ddbec.modulepathprobe.ModulePathProbe");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("factory kms dev.ddbec.provider.kms").contains("installed [kms]");
  }

  /** Loads the {@code kms} provider with these options ({@code provider=kms} added). */
  private static MaterialsProvider load(String... options) {
    Map<String, String> o = new HashMap<>();
    o.put("provider", "kms");
    for (int i = 0; i < options.length; i += 2) {
      o.put(options[i], options[i + 1]);
    }
    return MaterialsProviders.load(o);
  }

  /**
   * The options are refused with an {@link InvalidConfigurationException} that says {@code why}.
   */
  private static void assertRefused(ThrowingCallable load, String why) {
    assertThatThrownBy(load)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(why);
  }

  @Test
  void load_keyIdAndEndpoint_buildsOwnClientAndRoundTrips() throws Exception {
    MaterialsProvider p = load("key-id", keyArn, "endpoint", MOTO.endpoint().toString());
    assertThat(p).isInstanceOf(KmsMaterialsProvider.class);
    try (KmsMaterialsProvider kms = (KmsMaterialsProvider) p) {
      assertThat(kms.region()).contains(Region.US_EAST_1);
      ItemEncryptor e = ItemEncryptor.create(kms);
      Map<String, AttributeValue> item = KmsMaterialsProviderTest.item("a", "1");
      Map<String, AttributeValue> stored =
          e.encryptItem(item, KmsMaterialsProviderTest.config("Books"));
      assertThat(e.decryptItem(stored, KmsMaterialsProviderTest.config("Books"))).isEqualTo(item);
    }
  }

  @Test
  void load_strictKeyIdAbsent_onForKeyArnOffForAlias() {
    String endpoint = MOTO.endpoint().toString();
    try (KmsMaterialsProvider arn =
            (KmsMaterialsProvider) load("key-id", keyArn, "endpoint", endpoint);
        KmsMaterialsProvider alias =
            (KmsMaterialsProvider)
                load("key-id", "alias/books", "region", "us-east-1", "endpoint", endpoint);
        KmsMaterialsProvider optedOut =
            (KmsMaterialsProvider)
                load("key-id", keyArn, "endpoint", endpoint, "strict-key-id", "false")) {
      assertThat(arn.strictKeyId()).isTrue();
      assertThat(alias.strictKeyId()).isFalse();
      assertThat(optedOut.strictKeyId()).isFalse();
    }
  }

  @Test
  void load_allOptions_configureTheProvider() {
    Map<String, String> o = new HashMap<>();
    o.put("provider", "kms");
    o.put("key-id", keyArn);
    o.put("region", "us-east-1");
    o.put("endpoint", MOTO.endpoint().toString());
    o.put("grant-tokens", "t1, t2");
    o.put("strict-key-id", "true");
    o.put("content-key-spec", "AES/128");
    o.put("signing-key-spec", "HmacSHA384/384");
    o.put("kms-table-name", "OldBooks");
    o.put("description.team", "books");
    try (KmsMaterialsProvider p = (KmsMaterialsProvider) MaterialsProviders.load(o)) {
      assertThat(p.grantTokens()).containsExactly("t1", "t2");
      assertThat(p.strictKeyId()).isTrue();
      assertThat(p.contentKeySpec()).isEqualTo("AES/128");
      assertThat(p.signingKeySpec()).isEqualTo("HmacSHA384/384");
      var m =
          p.encryptionMaterials(
              KmsMaterialsProviderTest.context("Books", KmsMaterialsProviderTest.item("a", "1")));
      assertThat(m.materialDescription()).containsEntry("team", "books");
      // Bound to OldBooks in KMS: a reader without the option is refused by KMS.
      ItemEncryptor writer = ItemEncryptor.create(p);
      var stored =
          writer.encryptItem(
              KmsMaterialsProviderTest.item("b", "2"), KmsMaterialsProviderTest.config("Books"));
      assertThat(writer.decryptItem(stored, KmsMaterialsProviderTest.config("Books")))
          .isEqualTo(KmsMaterialsProviderTest.item("b", "2"));
      ItemEncryptor reader =
          ItemEncryptor.create(KmsMaterialsProvider.create(MOTO.client(Region.US_EAST_1), keyArn));
      assertThatThrownBy(() -> reader.decryptItem(stored, KmsMaterialsProviderTest.config("Books")))
          .isInstanceOf(MaterialsUnavailableException.class)
          .hasMessageContaining("InvalidCiphertextException");
    }
  }

  @Test
  void load_badOptions_throwInvalidConfigurationNamingTheOption() {
    String endpoint = MOTO.endpoint().toString();
    assertRefused(() -> load(), "key-id");
    assertRefused(() -> load("key-id", keyArn, "endpoint", endpoint, "keyid", "x"), "keyid");
    assertRefused(() -> load("key-id", keyArn, "endpoint", "ftp://x"), "endpoint");
    assertRefused(() -> load("key-id", keyArn, "region", "EU WEST"), "region");
    assertRefused(
        () -> load("key-id", keyArn, "endpoint", endpoint, "strict-key-id", "yes"),
        "strict-key-id");
    assertRefused(
        () ->
            load(
                "key-id",
                "alias/x",
                "region",
                "us-east-1",
                "endpoint",
                endpoint,
                "strict-key-id",
                "true"),
        "strictKeyId needs a key ARN");
  }
}
