package dev.ddbec.examples;

import dev.ddbec.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The example materials configurations of {@code src/main/resources/materials}, with their key
 * files: {@code /etc/myapp/...} in the files becomes a test directory holding real keys.
 */
final class MaterialsFiles {
  static final String KEY_DIR = "/etc/myapp/";

  private MaterialsFiles() {}

  /** The resource's text. */
  static String text(String name) {
    try (InputStream in =
        MaterialsFiles.class.getResourceAsStream("/materials/" + name + ".properties")) {
      if (in == null) {
        throw new IllegalArgumentException("no materials/" + name + ".properties");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the key files every example configuration names into {@code dir/keys}, plus a key store,
   * and a copy of configuration {@code name} pointing at them.
   *
   * @return the configuration file to load
   */
  static Path materialize(String name, Path dir) {
    try {
      Path keys = Files.createDirectories(dir.resolve("keys"));
      Files.write(keys.resolve("data.aes"), LocalAws.randomKey());
      Files.write(keys.resolve("wrap.aes"), LocalAws.randomKey());
      Files.write(keys.resolve("sign.hmac"), LocalAws.randomKey());
      KeyPair wrap = TestKeys.rsa();
      KeyPair sign = TestKeys.rsa();
      Files.write(keys.resolve("wrap.x509"), wrap.getPublic().getEncoded());
      Files.write(keys.resolve("wrap.pk8"), wrap.getPrivate().getEncoded());
      Files.write(keys.resolve("sign.x509"), sign.getPublic().getEncoded());
      Files.write(keys.resolve("sign.pk8"), sign.getPrivate().getEncoded());
      if (!Files.exists(dir.resolve("ddbec.p12"))) {
        LocalAws.keyStore(dir);
      }
      Path file = dir.resolve(name + ".properties");
      Files.writeString(file, text(name).replace(KEY_DIR, dir.toAbsolutePath() + "/"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
