package dev.ddbec.api.spi;

import dev.ddbec.api.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Typed, read-tracking view over a provider's string options.
 *
 * <p>Secrets are never inline: a secret option is {@code file:/path} (the file's raw bytes, or DER
 * for RSA keys) or {@code env:VAR} (the variable holds the bytes in Base64). Values are never
 * echoed in error messages. Options that the factory did not read are reported as unknown.
 */
public final class ProviderConfig {
  private final String providerName;
  private final Map<String, String> options;
  private final Function<String, String> environment;
  private final Set<String> read = Collections.synchronizedSet(new HashSet<>());

  /**
   * Creates a config.
   *
   * @param providerName the factory name, for messages
   * @param options option name to value (without {@code provider})
   * @param environment looks up environment variables (normally {@code System::getenv})
   */
  public ProviderConfig(
      String providerName, Map<String, String> options, Function<String, String> environment) {
    this.providerName = providerName;
    this.options = Collections.unmodifiableMap(new TreeMap<>(options));
    this.environment = environment;
  }

  /**
   * The provider name.
   *
   * @return the name
   */
  public String providerName() {
    return providerName;
  }

  /**
   * The environment lookup that resolves {@code env:} references, for factories that configure a
   * nested provider from a prefix of their options ({@code meta.provider=...}) with {@link
   * dev.ddbec.api.MaterialsProviders#load(Map, java.util.List, Function)}.
   *
   * @return the lookup given to this config
   */
  public Function<String, String> environment() {
    return environment;
  }

  /**
   * An optional plain (non-secret) option.
   *
   * @param name option name
   * @return its value
   */
  public Optional<String> optional(String name) {
    read.add(name);
    String v = options.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * A required plain option.
   *
   * @param name option name
   * @return its value
   * @throws InvalidConfigurationException if missing
   */
  public String require(String name) {
    return optional(name).orElseThrow(() -> missing(name));
  }

  /**
   * Tells whether an option is present (and marks it read).
   *
   * @param name option name
   * @return true if set
   */
  public boolean has(String name) {
    return optional(name).isPresent();
  }

  /**
   * A boolean option ({@code true}/{@code false}).
   *
   * @param name option name
   * @param defaultValue value when absent
   * @return the value
   */
  public boolean bool(String name, boolean defaultValue) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(name, "must be true or false");
    };
  }

  /**
   * A comma-separated list option.
   *
   * @param name option name
   * @return the items, trimmed, empty when absent
   */
  public List<String> list(String name) {
    return optional(name)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /**
   * An optional AWS region name option, such as {@code eu-west-1}.
   *
   * @param name option name
   * @return the region name
   * @throws InvalidConfigurationException if set to something that is not a region name
   */
  public Optional<String> regionName(String name) {
    Optional<String> v = optional(name);
    if (v.isPresent() && !v.get().matches("[a-z0-9][a-z0-9-]*[a-z0-9]")) {
      throw bad(name, "must be a region name such as eu-west-1");
    }
    return v;
  }

  /**
   * An optional endpoint option: an http or https URL with a host.
   *
   * @param name option name
   * @param example an example for the message, e.g. {@code http://127.0.0.1:8000}
   * @return the URL
   * @throws InvalidConfigurationException if set to something else
   */
  public Optional<URI> httpUrl(String name, String example) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(v.get());
    } catch (URISyntaxException e) {
      throw bad(name, "is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw bad(name, "must be an http(s) URL such as " + example);
    }
    return Optional.of(uri);
  }

  /**
   * All options under a prefix, e.g. {@code meta.} for a nested provider; they count as read.
   *
   * @param prefix the prefix
   * @return option name without the prefix to value
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            read.add(k);
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  /**
   * Resolves a secret option to bytes.
   *
   * @param name option name
   * @return the bytes, or empty when the option is absent
   * @throws InvalidConfigurationException for an inline value or an unreadable reference
   */
  public Optional<byte[]> secret(String name) {
    Optional<String> ref = optional(name);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String r = ref.get();
    if (r.startsWith("file:")) {
      Path p = Path.of(r.substring("file:".length()));
      try {
        return Optional.of(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new InvalidConfigurationException(
            "Provider '"
                + providerName
                + "': cannot read the file named by option '"
                + name
                + "' ("
                + p
                + "): "
                + e.getClass().getSimpleName());
      }
    }
    if (r.startsWith("env:")) {
      String var = r.substring("env:".length());
      String value = environment.apply(var);
      if (value == null || value.isBlank()) {
        throw bad(name, "names environment variable " + var + ", which is not set");
      }
      if (value.strip().startsWith("-----BEGIN ")) {
        return Optional.of(value.getBytes(StandardCharsets.US_ASCII)); // a PEM key, as text
      }
      try {
        return Optional.of(Base64.getDecoder().decode(value.trim()));
      } catch (IllegalArgumentException e) {
        throw bad(name, "names environment variable " + var + ", which is not Base64");
      }
    }
    throw bad(
        name,
        "is a secret and must be a reference (file:/path/to/key or env:VARIABLE), never an inline"
            + " value");
  }

  /**
   * A password option (key store and key entry passwords). Unlike key options, the text is used as
   * is: {@code file:/path} is the file's content in UTF-8 without trailing line breaks, and {@code
   * env:VAR} is the variable's value verbatim (not Base64). The reference is checked now; the
   * returned supplier resolves it again on every call, so a provider that reloads picks up a
   * rotated password file.
   *
   * @param name option name
   * @return a supplier giving a fresh array per call (the caller clears it), or empty when absent
   * @throws InvalidConfigurationException for an inline value or an unreadable or empty reference;
   *     the supplier throws it too if the reference later becomes unreadable
   */
  public Optional<Supplier<char[]>> password(String name) {
    Optional<String> ref = optional(name);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String r = ref.get();
    if (!r.startsWith("file:") && !r.startsWith("env:")) {
      throw bad(
          name,
          "is a secret and must be a reference (file:/path/to/password or env:VARIABLE), never an"
              + " inline value");
    }
    Supplier<char[]> supplier = () -> resolvePassword(name, r);
    Arrays.fill(supplier.get(), '\0');
    return Optional.of(supplier);
  }

  private char[] resolvePassword(String name, String ref) {
    char[] chars;
    if (ref.startsWith("env:")) {
      String var = ref.substring("env:".length());
      String value = environment.apply(var);
      if (value == null) {
        throw bad(name, "names environment variable " + var + ", which is not set");
      }
      chars = value.toCharArray();
    } else {
      Path p = Path.of(ref.substring("file:".length()));
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new InvalidConfigurationException(
            "Provider '"
                + providerName
                + "': cannot read the password file named by option '"
                + name
                + "' ("
                + p
                + "): "
                + e.getClass().getSimpleName());
      }
      CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      Arrays.fill(bytes, (byte) 0);
      int end = cb.limit();
      while (end > 0 && (cb.get(end - 1) == '\n' || cb.get(end - 1) == '\r')) {
        end--;
      }
      chars = new char[end];
      cb.get(chars, 0, end);
      if (cb.hasArray()) {
        Arrays.fill(cb.array(), '\0');
      }
    }
    if (chars.length == 0) {
      throw bad(name, "names an empty password");
    }
    return chars;
  }

  /**
   * A required secret.
   *
   * @param name option name
   * @return the bytes
   */
  public byte[] requireSecret(String name) {
    return secret(name).orElseThrow(() -> missing(name));
  }

  /**
   * A raw symmetric key from a secret option (the official Python client's {@code
   * KeyEncodingType.RAW}; PEM is refused, as there).
   *
   * @param name option name
   * @param algorithm JCE algorithm, e.g. {@code AES} or {@code HmacSHA256}
   * @return the key, or empty when absent
   */
  public Optional<SecretKey> secretKey(String name, String algorithm) {
    return secret(name)
        .map(
            b -> {
              if (b.length == 0) {
                throw bad(name, "names an empty key");
              }
              if (Pem.isPem(b)) {
                Arrays.fill(b, (byte) 0);
                throw bad(name, "is PEM; a symmetric key is given as its raw bytes");
              }
              if ("AES".equals(algorithm) && b.length != 16 && b.length != 24 && b.length != 32) {
                throw bad(name, "must be a raw AES key of 16, 24 or 32 bytes, not " + b.length);
              }
              SecretKey k = new SecretKeySpec(b, algorithm);
              Arrays.fill(b, (byte) 0);
              return k;
            });
  }

  /**
   * An RSA public key from a secret option holding X.509 SubjectPublicKeyInfo, as DER or PEM
   * ({@code -----BEGIN PUBLIC KEY-----}, or PKCS#1 {@code -----BEGIN RSA PUBLIC KEY-----}): the
   * official Python client's {@code KeyEncodingType.DER} and {@code PEM}. An {@code env:} reference
   * holds Base64 DER or the PEM text.
   *
   * @param name option name
   * @return the key, or empty when absent
   * @throws InvalidConfigurationException if the option holds no RSA public key in either encoding
   */
  public Optional<PublicKey> rsaPublicKey(String name) {
    return secret(name)
        .map(
            b -> {
              byte[] der = keyDer(name, b, Pem.Kind.PUBLIC);
              try {
                return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
              } catch (GeneralSecurityException e) {
                throw bad(name, "is not an X.509 (DER or PEM) RSA public key");
              }
            });
  }

  /**
   * An RSA private key from a secret option holding PKCS#8, as DER or PEM ({@code -----BEGIN
   * PRIVATE KEY-----}, or PKCS#1 {@code -----BEGIN RSA PRIVATE KEY-----}); encrypted PEM is
   * refused. The official Python client's {@code KeyEncodingType.DER} and {@code PEM}.
   *
   * @param name option name
   * @return the key, or empty when absent
   * @throws InvalidConfigurationException if the option holds no RSA private key in either encoding
   */
  public Optional<PrivateKey> rsaPrivateKey(String name) {
    return secret(name)
        .map(
            b -> {
              byte[] der = null;
              try {
                der = keyDer(name, b, Pem.Kind.PRIVATE);
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
              } catch (GeneralSecurityException e) {
                throw bad(name, "is not a PKCS#8 (DER or PEM) RSA private key");
              } finally {
                if (der != null) {
                  Arrays.fill(der, (byte) 0);
                }
                Arrays.fill(b, (byte) 0);
              }
            });
  }

  /** The DER of a key option: the bytes themselves, or the decoded PEM block of the right kind. */
  private byte[] keyDer(String name, byte[] bytes, Pem.Kind expected) {
    if (!Pem.isPem(bytes)) {
      return bytes;
    }
    Pem.Decoded decoded;
    try {
      decoded = Pem.decode(bytes);
    } catch (Pem.PemException e) {
      throw bad(name, e.getMessage());
    }
    if (decoded.kind() != expected) {
      Arrays.fill(decoded.der(), (byte) 0);
      throw bad(
          name,
          "holds a PEM "
              + decoded.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " key where a "
              + expected.name().toLowerCase(java.util.Locale.ROOT)
              + " key is expected");
    }
    return decoded.der();
  }

  /**
   * Options that were given but never read.
   *
   * @return their names, sorted
   */
  public Set<String> unreadOptions() {
    Set<String> unread = new TreeSet<>(options.keySet());
    unread.removeAll(new ArrayList<>(read));
    return unread;
  }

  /**
   * An error about a missing option.
   *
   * @param name option name
   * @return the exception to throw
   */
  public InvalidConfigurationException missing(String name) {
    return new InvalidConfigurationException(
        "Provider '" + providerName + "' needs option '" + name + "'");
  }

  /**
   * An error about a bad option value; the value itself is never included.
   *
   * @param name option name
   * @param problem what is wrong
   * @return the exception to throw
   */
  public InvalidConfigurationException bad(String name, String problem) {
    return new InvalidConfigurationException(
        "Provider '" + providerName + "': option '" + name + "' " + problem);
  }

  @Override
  public String toString() {
    return "ProviderConfig{provider=" + providerName + ", options=" + options.keySet() + '}';
  }
}
