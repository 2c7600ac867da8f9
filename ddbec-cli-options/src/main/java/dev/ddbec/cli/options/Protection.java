package dev.ddbec.cli.options;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import java.nio.file.Path;
import java.util.Map;

/**
 * How items are protected, as a command's options give it: a materials provider configuration file
 * and the attribute actions ({@link MaterialsOptions#protection()}, {@link
 * CurrentProtectionOptions#protection()}, {@link TargetProtectionOptions#protection()}).
 *
 * @param materialsOption the name of the option that gave {@code materials}, for messages (e.g.
 *     {@code --to-materials})
 * @param materials the materials provider configuration (properties file); null where the option is
 *     optional and not given
 * @param defaultAction the action of attributes without a per-attribute action
 * @param actions the per-attribute actions, in the order given
 */
public record Protection(
    String materialsOption,
    Path materials,
    CryptoAction defaultAction,
    Map<String, CryptoAction> actions) {
  /**
   * The attribute actions (without the table's key attributes).
   *
   * @return the default and per-attribute actions
   */
  public AttributeActions attributeActions() {
    return AttributeActions.builder().defaultAction(defaultAction).actions(actions).build();
  }
}
