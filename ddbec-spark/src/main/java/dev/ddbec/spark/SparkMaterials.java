package dev.ddbec.spark;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A materials provider configuration as {@link MaterialsProviders#load(Map)} reads it ({@code
 * provider=...} and its options), carried to the executors and loaded there.
 *
 * <p>Only the configuration travels: secrets in it are {@code env:VAR} or {@code file:/path}
 * references (the provider factories refuse inline secrets), resolved on each executor when the
 * provider is loaded, so no key material is ever in a serialized task, the plan, the UI or the
 * logs. The variable or file must therefore exist on the executors. Each executor JVM loads one
 * provider per configuration and keeps it for every task it runs: a most-recent provider's cache is
 * shared by the tasks of the JVM.
 *
 * <pre>{@code
 * SparkMaterials materials = SparkMaterials.of(Map.of(
 *     "provider", "wrapped",
 *     "wrapping-key", "env:BOOKS_WRAPPING_KEY",
 *     "signing-key", "env:BOOKS_SIGNING_KEY"));
 * }</pre>
 *
 * <p>Immutable and serializable.
 */
public final class SparkMaterials implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The providers this JVM loaded, per configuration. */
  private static final Map<Map<String, String>, MaterialsProvider> LOADED =
      new ConcurrentHashMap<>();

  private final TreeMap<String, String> properties;

  private SparkMaterials(Map<String, String> properties) {
    this.properties = new TreeMap<>(properties);
    String provider = this.properties.get(MaterialsProviders.PROVIDER_OPTION);
    if (provider == null || provider.isBlank()) {
      throw new InvalidConfigurationException(
          "Materials configuration needs 'provider=<name>'; options: " + this.properties.keySet());
    }
  }

  /**
   * A configuration from its options.
   *
   * @param properties the options, including {@code provider}
   * @return the configuration
   * @throws InvalidConfigurationException if {@code provider} is missing
   */
  public static SparkMaterials of(Map<String, String> properties) {
    return new SparkMaterials(Objects.requireNonNull(properties, "properties"));
  }

  /**
   * A configuration from a properties file read on the driver (the file holds references, never
   * secrets; the referenced files and variables must exist on the executors).
   *
   * @param propertiesFile the file
   * @return the configuration
   * @throws UncheckedIOException if the file cannot be read
   */
  public static SparkMaterials load(Path propertiesFile) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read materials configuration " + propertiesFile, e);
    }
    Map<String, String> m = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return of(m);
  }

  /**
   * The options.
   *
   * @return an unmodifiable view
   */
  public Map<String, String> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /**
   * The provider of this configuration, loaded once per JVM (on an executor: resolves the {@code
   * env:} and {@code file:} references there).
   *
   * @return the provider
   */
  public MaterialsProvider provider() {
    return LOADED.computeIfAbsent(properties, MaterialsProviders::load);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparkMaterials m && m.properties.equals(properties);
  }

  @Override
  public int hashCode() {
    return properties.hashCode();
  }

  /** The provider name and option names; no values. */
  @Override
  public String toString() {
    return "SparkMaterials[provider="
        + properties.get(MaterialsProviders.PROVIDER_OPTION)
        + ", options="
        + properties.keySet()
        + "]";
  }
}
