package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderConfigTest {

  private static ProviderConfig config(String value, Map<String, String> env) {
    return new ProviderConfig("p", Map.of("password", value), env::get);
  }

  @Test
  void password_file_readsUtf8TextWithoutTrailingNewlineOnEveryCall(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, "pässword\r\n", StandardCharsets.UTF_8);
    Supplier<char[]> pw = config("file:" + f, Map.of()).password("password").orElseThrow();

    assertThat(pw.get()).containsExactly("pässword".toCharArray());
    Files.writeString(f, "rotated\n", StandardCharsets.UTF_8);
    assertThat(pw.get()).containsExactly("rotated".toCharArray());
  }

  @Test
  void password_env_usesValueVerbatimNotBase64() {
    Supplier<char[]> pw =
        config("env:KS_PW", Map.of("KS_PW", "c2VjcmV0")).password("password").orElseThrow();

    assertThat(pw.get()).containsExactly("c2VjcmV0".toCharArray());
  }

  @Test
  void password_inline_throwsWithoutEchoingTheValue() {
    assertThatThrownBy(() -> config("hunter2", Map.of()).password("password"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'password'")
        .hasMessageContaining("never an inline value")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void password_emptyOrMissingFile_throwsNamingTheOption(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    assertThatThrownBy(() -> config("file:" + empty, Map.of()).password("password"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("empty password");
    assertThatThrownBy(() -> config("file:" + dir.resolve("nope"), Map.of()).password("password"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'password'")
        .hasMessageContaining("NoSuchFileException");
  }

  @Test
  void password_absent_isEmpty() {
    ProviderConfig c = new ProviderConfig("p", Map.of(), v -> null);
    assertThat(c.password("password")).isEmpty();
  }

  @Test
  void regionName_checksTheShapeOfTheName() {
    ProviderConfig c =
        new ProviderConfig("p", Map.of("region", "eu-west-1", "bad", "EU West"), k -> null);

    assertThat(c.regionName("region")).contains("eu-west-1");
    assertThat(c.regionName("absent")).isEmpty();
    assertThatThrownBy(() -> c.regionName("bad"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'bad' must be a region name such as eu-west-1");
  }

  @Test
  void httpUrl_acceptsHttpAndHttpsWithAHostOnly() {
    ProviderConfig c =
        new ProviderConfig(
            "p",
            Map.of("ok", "https://kms.example:443", "ftp", "ftp://host/", "junk", "http://a b"),
            k -> null);

    assertThat(c.httpUrl("ok", "x"))
        .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(443));
    assertThat(c.httpUrl("absent", "x")).isEmpty();
    assertThatThrownBy(() -> c.httpUrl("ftp", "http://127.0.0.1:8000"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'ftp' must be an http(s) URL such as http://127.0.0.1:8000");
    assertThatThrownBy(() -> c.httpUrl("junk", "x"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'junk' is not a URL");
  }
}
