package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A Direct KMS key spec, {@code <JCE algorithm>[/<bits>]} (docs/format.md §5.3): {@code AES/256}
 * for the content key, {@code HmacSHA256/256} for the signing key. Missing bits mean 256.
 *
 * @param description the spec exactly as written (it goes verbatim into the KMS encryption context)
 * @param algorithm the JCE algorithm name
 * @param bits the key length in bits
 */
public record KeySpec(String description, String algorithm, int bits) {
  private static final int DEFAULT_BITS = 256;
  private static final int MAX_BITS = 255 * 32 * 8;

  /**
   * Parses a spec.
   *
   * @param description the spec
   * @return the parsed spec
   * @throws IllegalArgumentException if it is malformed (the message is safe to show)
   */
  public static KeySpec parse(String description) {
    if (description == null || description.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    int slash = description.indexOf('/');
    String algorithm = slash < 0 ? description : description.substring(0, slash);
    int bits = DEFAULT_BITS;
    if (slash >= 0) {
      String length = description.substring(slash + 1);
      if (!length.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("has a key length that is not a number of bits");
      }
      bits = Integer.parseInt(length);
    }
    if (algorithm.isEmpty()) {
      throw new IllegalArgumentException("names no algorithm");
    }
    if (bits <= 0 || bits % 8 != 0 || bits > MAX_BITS) {
      throw new IllegalArgumentException("has a key length that is not a multiple of 8 bits");
    }
    return new KeySpec(description, algorithm, bits);
  }

  /**
   * Tells whether this is a content-key spec ddbec can use: AES with 128, 192 or 256 bits.
   *
   * @return true if usable
   */
  public boolean isAes() {
    return "AES".equals(algorithm.toUpperCase(Locale.ROOT))
        && (bits == 128 || bits == 192 || bits == 256);
  }

  /**
   * The key length in bytes.
   *
   * @return {@code bits / 8}
   */
  public int bytes() {
    return bits / 8;
  }

  /**
   * Parses and checks a configured content-key spec.
   *
   * @param value the configured spec
   * @return the spec: AES with 128, 192 or 256 bits
   * @throws InvalidConfigurationException if it is malformed or names another key
   */
  public static KeySpec configuredContentKey(String value) {
    KeySpec spec = configured(value, "contentKeySpec");
    if (!spec.isAes()) {
      throw new InvalidConfigurationException(
          "contentKeySpec must be AES/128, AES/192 or AES/256, not '" + spec.description() + "'");
    }
    return spec;
  }

  /**
   * Parses and checks a configured signing-key spec.
   *
   * @param value the configured spec
   * @param example a spec to suggest in the message
   * @return the spec: HMAC with at least 128 bits
   * @throws InvalidConfigurationException if it is malformed or names another key
   */
  public static KeySpec configuredSigningKey(String value, String example) {
    KeySpec spec = configured(value, "signingKeySpec");
    if (!SigningAlgorithms.isHmac(spec.algorithm()) || spec.bits() < 128) {
      throw new InvalidConfigurationException(
          "signingKeySpec must be an HMAC algorithm of "
              + new TreeSet<>(SigningAlgorithms.HMAC)
              + " with at least 128 bits, e.g. "
              + example
              + ", not '"
              + spec.description()
              + "'");
    }
    return spec;
  }

  private static KeySpec configured(String value, String what) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          what + " '" + value + "' " + e.getMessage() + "; expected ALGORITHM/BITS, e.g. AES/256");
    }
  }
}
