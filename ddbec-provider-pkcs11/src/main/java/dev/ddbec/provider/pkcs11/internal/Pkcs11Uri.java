package dev.ddbec.provider.pkcs11.internal;

import dev.ddbec.api.InvalidConfigurationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A key reference: a plain label, or an RFC 7512 {@code pkcs11:} URI such as {@code
 * pkcs11:token=ddbec;object=wrap-key;type=secret-key}. Path attributes {@code token}, {@code
 * object} and {@code type} are understood, values are percent-decoded as UTF-8. Attributes that
 * would select a key by something other than its label ({@code id}), a different module or slot, or
 * carry a PIN ({@code pin-value}, {@code pin-source}) are refused rather than ignored, so a
 * reference never silently means less than it says.
 *
 * @param token the token label, if the URI names one
 * @param object the object label
 * @param type the object type ({@code secret-key}, {@code private-key}, {@code public-key}, {@code
 *     cert}), if given
 */
public record Pkcs11Uri(Optional<String> token, String object, Optional<String> type) {
  private static final Set<String> TYPES =
      Set.of("secret-key", "private-key", "public-key", "cert");
  private static final Set<String> IGNORED_DESCRIPTIVE =
      Set.of(
          "manufacturer",
          "model",
          "serial",
          "library-manufacturer",
          "library-description",
          "library-version");

  /** Validates. */
  public Pkcs11Uri {
    if (object == null || object.isEmpty()) {
      throw new InvalidConfigurationException("A PKCS#11 key reference needs an object label");
    }
    token = token == null ? Optional.empty() : token;
    type = type == null ? Optional.empty() : type;
  }

  /**
   * Parses a key reference.
   *
   * @param reference a label or a {@code pkcs11:} URI
   * @param option the option or builder method, for messages
   * @return the parsed reference
   * @throws InvalidConfigurationException if the URI is malformed or uses unsupported attributes
   */
  public static Pkcs11Uri parse(String reference, String option) {
    if (reference == null || reference.isBlank()) {
      throw new InvalidConfigurationException("'" + option + "' needs a key label or pkcs11: URI");
    }
    if (!reference.regionMatches(true, 0, "pkcs11:", 0, 7)) {
      return new Pkcs11Uri(Optional.empty(), reference, Optional.empty());
    }
    String rest = reference.substring(7);
    int q = rest.indexOf('?');
    if (q >= 0) {
      throw new InvalidConfigurationException(
          "'"
              + option
              + "': pkcs11: URI query attributes (pin-source, pin-value, module-path, ...) are not"
              + " supported; configure the PIN and library as their own options");
    }
    String token = null;
    String object = null;
    String type = null;
    for (String part : rest.split(";", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new InvalidConfigurationException(
            "'" + option + "': malformed pkcs11: URI attribute (expected name=value)");
      }
      String name = part.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = percentDecode(part.substring(eq + 1), option);
      switch (name) {
        case "token" -> token = once(token, value, name, option);
        case "object" -> object = once(object, value, name, option);
        case "type" -> {
          type = once(type, value.toLowerCase(Locale.ROOT), name, option);
          if (!TYPES.contains(type)) {
            throw new InvalidConfigurationException(
                "'" + option + "': pkcs11: URI type must be one of " + TYPES);
          }
        }
        default -> {
          if (!IGNORED_DESCRIPTIVE.contains(name)) {
            throw new InvalidConfigurationException(
                "'"
                    + option
                    + "': pkcs11: URI attribute '"
                    + name
                    + "' is not supported; ddbec selects keys by token=<label> and"
                    + " object=<label>");
          }
        }
      }
    }
    if (object == null) {
      throw new InvalidConfigurationException(
          "'" + option + "': the pkcs11: URI needs object=<key label>");
    }
    return new Pkcs11Uri(Optional.ofNullable(token), object, Optional.ofNullable(type));
  }

  private static String once(String previous, String value, String name, String option) {
    if (previous != null) {
      throw new InvalidConfigurationException(
          "'" + option + "': pkcs11: URI attribute '" + name + "' is given twice");
    }
    return value;
  }

  private static String percentDecode(String s, String option) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw badEscape(option);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw badEscape(option);
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidConfigurationException(
          "'" + option + "': pkcs11: URI value is not UTF-8 after percent-decoding");
    }
  }

  private static InvalidConfigurationException badEscape(String option) {
    return new InvalidConfigurationException(
        "'" + option + "': malformed percent-escape in pkcs11: URI");
  }

  /**
   * Checks that the reference names no other token than the one in use.
   *
   * @param tokenLabel the label of the token in use, or null when unknown (a JCE provider)
   * @param option the option, for messages
   */
  public void checkToken(String tokenLabel, String option) {
    if (token.isPresent() && tokenLabel != null && !token.get().equals(tokenLabel)) {
      throw new InvalidConfigurationException(
          "'"
              + option
              + "' names token '"
              + token.get()
              + "' but the provider uses token '"
              + tokenLabel
              + "'");
    }
  }
}
