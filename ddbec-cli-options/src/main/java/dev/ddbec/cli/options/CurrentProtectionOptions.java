package dev.ddbec.cli.options;

import dev.ddbec.api.CryptoAction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --materials}, {@code --default-action} and {@code --action} of the whole-table commands:
 * how the items are protected now ({@code verify}, and the source of {@code reencrypt}).
 */
public final class CurrentProtectionOptions {
  private static final String MATERIALS = "--materials";

  @Option(
      names = MATERIALS,
      required = true,
      paramLabel = "FILE",
      description = "Materials provider configuration the items are written with now.")
  private Path materials;

  @Option(
      names = "--default-action",
      defaultValue = "ENCRYPT_AND_SIGN",
      description = "Current action for attributes without --action: ${COMPLETION-CANDIDATES}.")
  private CryptoAction defaultAction;

  @Option(
      names = "--action",
      paramLabel = "NAME=ACTION",
      description = "Current per-attribute action, repeatable, e.g. --action genre=SIGN_ONLY.")
  private Map<String, CryptoAction> actions = new LinkedHashMap<>();

  /** Options not yet parsed; picocli sets them from the command line. */
  public CurrentProtectionOptions() {}

  /**
   * How the items are protected now.
   *
   * @return the options' values
   */
  public Protection protection() {
    return new Protection(MATERIALS, materials, defaultAction, actions);
  }
}
