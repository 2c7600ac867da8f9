package dev.ddbec.modulepathprobe;

import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProviderFactory;
import java.util.ServiceLoader;

/**
 * Run by {@code KmsMaterialsProviderFactoryTest} in a JVM that has this module and its dependencies
 * on the module path: prints each factory ServiceLoader finds with its module.
 */
public final class ModulePathProbe {
  private ModulePathProbe() {}

  /**
   * Prints {@code factory <name> <module>} lines, then {@code installed <names>}.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    for (MaterialsProviderFactory f : ServiceLoader.load(MaterialsProviderFactory.class)) {
      System.out.println("factory " + f.name() + " " + f.getClass().getModule().getName());
    }
    System.out.println("installed " + MaterialsProviders.installed());
  }
}
