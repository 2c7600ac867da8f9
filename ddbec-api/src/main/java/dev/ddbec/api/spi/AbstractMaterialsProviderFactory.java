package dev.ddbec.api.spi;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The convenient base for a {@link MaterialsProviderFactory}: the factory's name and option names
 * are data given once to the constructor, and a subclass writes only {@link
 * #create(ProviderConfig)} and its public no-argument constructor (which {@link
 * java.util.ServiceLoader} needs):
 *
 * <pre>{@code
 * public final class VaultMaterialsProviderFactory extends AbstractMaterialsProviderFactory {
 *   public VaultMaterialsProviderFactory() {
 *     super("vault", KeyUsePolicy.OPTION_NAMES, "address", "key-name", "description.*");
 *   }
 *
 *   public MaterialsProvider create(ProviderConfig config) { ... } // the only method to write
 * }
 * }</pre>
 *
 * <p>Implementing {@link MaterialsProviderFactory} directly remains possible.
 */
public abstract class AbstractMaterialsProviderFactory implements MaterialsProviderFactory {
  private final String name;
  private final Set<String> optionNames;

  /**
   * A factory with its own option names only.
   *
   * @param name the unique name selected by {@code provider=<name>}
   * @param optionNames the options it understands, without {@code provider}
   */
  protected AbstractMaterialsProviderFactory(String name, String... optionNames) {
    this(name, Set.of(), optionNames);
  }

  /**
   * A factory that understands a shared group of options (such as {@link
   * KeyUsePolicy#OPTION_NAMES}) and options of its own.
   *
   * @param name the unique name selected by {@code provider=<name>}
   * @param sharedOptionNames a group of options defined elsewhere, copied
   * @param optionNames further options it understands, without {@code provider}
   */
  protected AbstractMaterialsProviderFactory(
      String name, Collection<String> sharedOptionNames, String... optionNames) {
    this.name = Objects.requireNonNull(name, "name");
    Set<String> all = new HashSet<>(sharedOptionNames);
    all.addAll(Arrays.asList(optionNames));
    this.optionNames = Set.copyOf(all);
  }

  /**
   * The name given to the constructor.
   *
   * @return the unique name
   */
  @Override
  public final String name() {
    return name;
  }

  /**
   * The option names given to the constructor.
   *
   * @return an immutable set of option names, without {@code provider}
   */
  @Override
  public final Set<String> optionNames() {
    return optionNames;
  }
}
