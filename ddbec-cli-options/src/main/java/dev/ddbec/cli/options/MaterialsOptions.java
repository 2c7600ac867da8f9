package dev.ddbec.cli.options;

import dev.ddbec.api.CryptoAction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --materials}, {@code --default-action} and {@code --action}: what items are encrypted or
 * decrypted with ({@code ddbec encrypt}, {@code ddbec decrypt}, the Spark job's {@code
 * decrypt-export}).
 */
public final class MaterialsOptions {
  private static final String MATERIALS = "--materials";

  @Option(
      names = MATERIALS,
      required = true,
      paramLabel = "FILE",
      description = "Materials provider configuration (properties: provider=static|wrapped|...).")
  private Path materials;

  @Option(
      names = "--default-action",
      defaultValue = "ENCRYPT_AND_SIGN",
      description = "Action for attributes without --action: ${COMPLETION-CANDIDATES}.")
  private CryptoAction defaultAction;

  @Option(
      names = "--action",
      paramLabel = "NAME=ACTION",
      description = "Per-attribute action, repeatable, e.g. --action genre=SIGN_ONLY.")
  private Map<String, CryptoAction> actions = new LinkedHashMap<>();

  /** Options not yet parsed; picocli sets them from the command line. */
  public MaterialsOptions() {}

  /**
   * What items are encrypted or decrypted with.
   *
   * @return the options' values
   */
  public Protection protection() {
    return new Protection(MATERIALS, materials, defaultAction, actions);
  }
}
