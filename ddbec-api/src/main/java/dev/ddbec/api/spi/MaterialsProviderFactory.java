package dev.ddbec.api.spi;

import java.util.Set;

/**
 * What {@link java.util.ServiceLoader} finds: a cheap, stateless factory that builds a configured
 * {@link MaterialsProvider} from string options. Declare implementations both in {@code
 * module-info.java} ({@code provides}) and in {@code META-INF/services}. {@link
 * AbstractMaterialsProviderFactory} is the convenient base: it takes the name and option names as
 * constructor arguments.
 *
 * <p>Names are unique across installed factories: {@code static}, {@code wrapped}, {@code kms},
 * {@code keystore}, {@code pkcs11}, {@code most-recent}. Applications use {@link
 * dev.ddbec.api.MaterialsProviders#load(java.nio.file.Path)}; programmatic builders remain the
 * first choice in code.
 */
public interface MaterialsProviderFactory {
  /**
   * The name selected by {@code provider=<name>}.
   *
   * @return the unique name
   */
  String name();

  /**
   * The options this factory understands (for error messages and documentation).
   *
   * @return option names, without {@code provider}
   */
  Set<String> optionNames();

  /**
   * Builds a provider. Read every option through {@code config}; options left unread are reported
   * to the user as unknown.
   *
   * @param config typed view over the options
   * @return the provider
   * @throws dev.ddbec.api.InvalidConfigurationException for a missing or bad option
   */
  MaterialsProvider create(ProviderConfig config);
}
