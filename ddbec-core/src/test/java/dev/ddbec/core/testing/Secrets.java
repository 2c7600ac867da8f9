package dev.ddbec.core.testing;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What must never appear in a log line: the test fixtures' key bytes (in the encodings a careless
 * log statement would use) and plaintext values of encrypted attributes. Fixtures register theirs
 * when they are created; {@link NoSecretsInLogs} checks every log line against all of them.
 */
public final class Secrets {
  private static final Set<String> SECRETS = new LinkedHashSet<>();

  private Secrets() {}

  /**
   * Registers plaintext values of encrypted attributes.
   *
   * @param values the values (at least 4 characters, so that they cannot occur by chance)
   */
  public static void plaintext(String... values) {
    for (String v : values) {
      if (v.length() < 4) {
        throw new IllegalArgumentException("too short to be recognised: " + v);
      }
    }
    synchronized (SECRETS) {
      SECRETS.addAll(List.of(values));
    }
  }

  /**
   * Registers key bytes, as hex (both cases), Base64 (with and without padding) and {@link
   * Arrays#toString(byte[])}.
   *
   * @param key the key bytes
   * @return {@code key}
   */
  public static byte[] key(byte[] key) {
    String hex = HexFormat.of().formatHex(key);
    synchronized (SECRETS) {
      SECRETS.add(hex);
      SECRETS.add(hex.toUpperCase(java.util.Locale.ROOT));
      SECRETS.add(Base64.getEncoder().withoutPadding().encodeToString(key));
      SECRETS.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
      SECRETS.add(Arrays.toString(key));
    }
    return key;
  }

  /**
   * Every registered secret.
   *
   * @return a copy
   */
  public static List<String> all() {
    synchronized (SECRETS) {
      return List.copyOf(SECRETS);
    }
  }
}
