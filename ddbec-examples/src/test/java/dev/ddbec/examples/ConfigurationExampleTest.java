package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.examples.Pkcs11ExampleTest.Pkcs11Keys;
import dev.ddbec.testing.SoftHsm2;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ConfigurationExample}, and every example configuration of {@code
 * src/main/resources/materials} (the properties shown in the docs) loaded by its factory.
 */
class ConfigurationExampleTest {
  @TempDir Path dir;

  @Test
  void installed_listsEveryProviderOnTheClassPath() {
    assertThat(ConfigurationExample.installed())
        .contains("static", "wrapped", "keystore", "kms", "pkcs11");
  }

  @Test
  void run_wrappedConfiguration_writesEncryptedReadsPlaintext() {
    String table = LocalAws.table("configured", "isbn");
    Path materials = MaterialsFiles.materialize("wrapped", dir);

    Map<String, AttributeValue> read =
        ConfigurationExample.run(LocalAws.dynamoDb(), materials, table);

    assertThat(read).containsEntry("title", AttributeValue.fromS("Dune Messiah"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"static", "wrapped", "wrapped-rsa", "keystore", "pkcs11"})
  void exampleConfiguration_loadsAndRoundTrips(String name) throws IOException {
    if (name.equals("pkcs11")) {
      Pkcs11Keys.generateDocsKeys(SoftHsm2.get());
    }
    MaterialsProvider provider = load(MaterialsFiles.materialize(name, dir));
    try {
      ItemEncryptorExample.Books books = new ItemEncryptorExample.Books(provider);
      Map<String, AttributeValue> book =
          Map.of(
              "isbn", AttributeValue.fromS("0-14-044913-8"),
              "title", AttributeValue.fromS("Anna Karenina"));
      Map<String, AttributeValue> stored = books.encrypt(book);
      assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(books.decrypt(stored)).isEqualTo(book);
    } finally {
      if (provider instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void kmsConfiguration_loadsWithoutCallingKms() throws Exception {
    MaterialsProvider provider = load(MaterialsFiles.materialize("kms", dir));
    assertThat(provider.toString()).contains("1234abcd-12ab-34cd-56ef-1234567890ab");
    ((AutoCloseable) provider).close();
  }

  @Test
  void mostRecentConfiguration_loadsWithoutCallingDynamoDbOrKms() throws Exception {
    MaterialsProvider provider = load(MaterialsFiles.materialize("most-recent", dir));
    assertThat(provider.toString()).contains("orders");
    ((AutoCloseable) provider).close();
  }

  @Test
  void cloudHsmConfiguration_validOptions_failsOnlyForTheMissingProvider() {
    assertThatThrownBy(() -> load(MaterialsFiles.materialize("cloudhsm", dir)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("CloudHSM")
        .hasMessageNotContaining("nknown option");
  }

  /** Loads with the test token's library and PIN in place of the docs' ones. */
  private static MaterialsProvider load(Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(java.nio.file.Files.readString(file)));
    Map<String, String> options = new HashMap<>();
    p.stringPropertyNames().forEach(k -> options.put(k, p.getProperty(k)));
    if (options.containsKey("library")) {
      options.put("library", SoftHsm2.get().library().toString());
    }
    Map<String, String> env = Map.of("DDBEC_HSM_PIN", SoftHsm2.PIN);
    return MaterialsProviders.load(
        options,
        MaterialsProviders.factories(Thread.currentThread().getContextClassLoader()),
        env::get);
  }
}
