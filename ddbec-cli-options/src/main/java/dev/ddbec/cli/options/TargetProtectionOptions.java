package dev.ddbec.cli.options;

import dev.ddbec.api.CryptoAction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --to-materials}, {@code --to-default-action} and {@code --to-action}: how the whole-table
 * commands that write ({@code reencrypt}, {@code protect}) protect the items they write.
 */
public final class TargetProtectionOptions {
  private static final String MATERIALS = "--to-materials";

  @Option(
      names = MATERIALS,
      required = true,
      paramLabel = "FILE",
      description = "Materials provider configuration to write with.")
  private Path materials;

  @Option(
      names = "--to-default-action",
      defaultValue = "ENCRYPT_AND_SIGN",
      description = "Target action for attributes without --to-action.")
  private CryptoAction defaultAction;

  @Option(
      names = "--to-action",
      paramLabel = "NAME=ACTION",
      description = "Target per-attribute action, repeatable.")
  private Map<String, CryptoAction> actions = new LinkedHashMap<>();

  /** Options not yet parsed; picocli sets them from the command line. */
  public TargetProtectionOptions() {}

  /**
   * How to protect the items written.
   *
   * @return the options' values
   */
  public Protection protection() {
    return new Protection(MATERIALS, materials, defaultAction, actions);
  }
}
