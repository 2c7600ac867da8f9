package dev.ddbec.api;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import dev.ddbec.api.spi.ProviderConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link MaterialsProvider} from configuration, choosing the factory by name with {@link
 * ServiceLoader}.
 *
 * <pre>
 * provider=wrapped
 * wrapping-key=file:/keys/wrap.aes        # raw AES key: AES key wrap
 * signing-key=file:/keys/sign.hmac        # raw key: HmacSHA256
 * </pre>
 *
 * <pre>{@code
 * MaterialsProvider p = MaterialsProviders.load(Path.of("materials.properties"));
 * }</pre>
 *
 * <p>Exactly one installed factory must have the requested name; none or several is a {@link
 * ProviderResolutionException} listing what is installed. Unknown options and missing ones are
 * {@link InvalidConfigurationException}s. Secrets are {@code file:} or {@code env:} references,
 * never inline values.
 */
public final class MaterialsProviders {
  /** The option that selects the factory. */
  public static final String PROVIDER_OPTION = "provider";

  /** Where ddbec's own providers live, so a missing one can be named. */
  private static final Map<String, String> KNOWN_MODULES =
      Map.of(
          "static", "dev.ddbec:ddbec-core",
          "wrapped", "dev.ddbec:ddbec-core",
          "most-recent", "dev.ddbec:ddbec-core",
          "kms", "dev.ddbec:ddbec-provider-kms",
          "keystore", "dev.ddbec:ddbec-provider-keystore",
          "pkcs11", "dev.ddbec:ddbec-provider-pkcs11");

  private MaterialsProviders() {}

  /**
   * Loads a provider from a properties file.
   *
   * @param propertiesFile the file
   * @return the configured provider
   */
  public static MaterialsProvider load(Path propertiesFile) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigurationException(
          "Materials configuration " + propertiesFile + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new InvalidConfigurationException(
          "Materials configuration "
              + propertiesFile
              + " is not a UTF-8 properties file; pass the properties file that names the"
              + " provider (provider=keystore, path=... for a key store), not a key or key store",
          e);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "Cannot read materials configuration "
              + propertiesFile
              + ": "
              + (e instanceof FileSystemException f
                  ? (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName())
                  : (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())),
          e);
    }
    return load(p);
  }

  /**
   * Loads a provider from properties.
   *
   * @param properties the options, including {@code provider}
   * @return the configured provider
   */
  public static MaterialsProvider load(Properties properties) {
    Map<String, String> m = new HashMap<>();
    for (String k : properties.stringPropertyNames()) {
      m.put(k, properties.getProperty(k));
    }
    return load(m);
  }

  /**
   * Loads a provider from a map, with the thread context class loader.
   *
   * @param options the options, including {@code provider}
   * @return the configured provider
   */
  public static MaterialsProvider load(Map<String, String> options) {
    return load(options, factories(Thread.currentThread().getContextClassLoader()), System::getenv);
  }

  /**
   * Loads a provider from a map with explicit factories and environment (for tests and containers
   * that resolve secrets differently).
   *
   * @param options the options, including {@code provider}
   * @param factories candidate factories
   * @param environment environment variable lookup for {@code env:} references
   * @return the configured provider
   */
  public static MaterialsProvider load(
      Map<String, String> options,
      List<MaterialsProviderFactory> factories,
      java.util.function.Function<String, String> environment) {
    String name = options.get(PROVIDER_OPTION);
    if (name == null || name.isBlank()) {
      throw new InvalidConfigurationException(
          "Materials configuration needs 'provider=<name>'; installed: " + names(factories));
    }
    name = name.trim();
    List<MaterialsProviderFactory> matches = new ArrayList<>();
    for (MaterialsProviderFactory f : factories) {
      if (f.name().equals(name)) {
        matches.add(f);
      }
    }
    if (matches.isEmpty()) {
      throw new ProviderResolutionException(
          "No materials provider named '"
              + name
              + "' is installed; installed: "
              + names(factories)
              + ". Add "
              + KNOWN_MODULES.getOrDefault(name, "the ddbec module that provides it")
              + " to the class or module path");
    }
    if (matches.size() > 1) {
      List<String> classes = new ArrayList<>();
      matches.forEach(f -> classes.add(f.getClass().getName()));
      throw new ProviderResolutionException(
          "More than one materials provider is named '"
              + name
              + "': "
              + classes
              + ". Remove the duplicate from the class or module path");
    }
    MaterialsProviderFactory factory = matches.get(0);
    Map<String, String> rest = new TreeMap<>(options);
    rest.remove(PROVIDER_OPTION);
    ProviderConfig config = new ProviderConfig(name, rest, environment);
    // Unknown options are reported before anything is built, so typos never go unnoticed.
    Set<String> unknown = new TreeSet<>(rest.keySet());
    unknown.removeIf(k -> factory.optionNames().contains(k) || hasPrefixOption(factory, k));
    if (!unknown.isEmpty()) {
      throw unknownOptions(name, unknown, factory);
    }
    MaterialsProvider provider = factory.create(config);
    Set<String> unread = config.unreadOptions();
    if (!unread.isEmpty()) {
      throw unknownOptions(name, unread, factory);
    }
    if (provider == null) {
      throw new ProviderResolutionException(
          "Materials provider factory '" + name + "' returned no provider");
    }
    return provider;
  }

  private static boolean hasPrefixOption(MaterialsProviderFactory f, String key) {
    for (String o : f.optionNames()) {
      if (o.endsWith(".*") && key.startsWith(o.substring(0, o.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private static InvalidConfigurationException unknownOptions(
      String name, Set<String> unknown, MaterialsProviderFactory f) {
    return new InvalidConfigurationException(
        "Provider '"
            + name
            + "' does not understand option(s) "
            + unknown
            + "; it understands "
            + new TreeSet<>(f.optionNames()));
  }

  /**
   * The factories visible to a class loader.
   *
   * @param loader the class loader
   * @return every factory found, in discovery order
   * @throws ProviderResolutionException if a declared factory cannot be instantiated
   */
  public static List<MaterialsProviderFactory> factories(ClassLoader loader) {
    List<MaterialsProviderFactory> out = new ArrayList<>();
    try {
      // Finds factories in named modules (module path) and in META-INF/services (class path).
      ServiceLoader<MaterialsProviderFactory> sl =
          ServiceLoader.load(
              MaterialsProviderFactory.class,
              loader != null ? loader : MaterialsProviders.class.getClassLoader());
      sl.forEach(out::add);
    } catch (ServiceConfigurationError e) {
      throw new ProviderResolutionException(
          "A materials provider factory could not be loaded: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Names of the installed factories.
   *
   * @return sorted names
   */
  public static Set<String> installed() {
    return names(factories(Thread.currentThread().getContextClassLoader()));
  }

  private static Set<String> names(List<MaterialsProviderFactory> factories) {
    Set<String> s = new TreeSet<>();
    factories.forEach(f -> s.add(f.name()));
    return s;
  }
}
