package dev.ddbec.cli;

import dev.ddbec.api.InvalidItemException;
import dev.ddbec.cli.options.TableKeyOptions;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import java.util.Map;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ddbec encrypt}. */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Encrypts and signs DynamoDB items: JSON Lines of DynamoDB JSON in (one item per line, or"
          + " {\"Item\": {...}} lines as table exports write them), the stored form out.",
      "Key attributes are signed, never encrypted."
    },
    footer = {
      "",
      "Example:",
      "  ddbec encrypt --table Books --partition-key isbn --materials materials.properties \\",
      "      --action genre=SIGN_ONLY < books.jsonl > books.encrypted.jsonl"
    })
final class EncryptCommand extends ItemStreamCommand {
  @Override
  Map<String, AttributeValue> process(
      ItemEncryptor encryptor, Map<String, AttributeValue> item, CryptoConfig config) {
    requireKey(item, keys.partitionKey(), "partition key", TableKeyOptions.PARTITION_KEY);
    if (keys.sortKey() != null) {
      requireKey(item, keys.sortKey(), "sort key", TableKeyOptions.SORT_KEY);
    }
    return encryptor.encryptItem(item, config);
  }

  /** DynamoDB refuses an item without its key attributes, or with keys that are not S, N or B. */
  private static void requireKey(
      Map<String, AttributeValue> item, String name, String what, String option) {
    AttributeValue v = item.get(name);
    if (v == null) {
      throw new InvalidItemException(
          "the item has no " + what + " attribute '" + name + "' (" + option + ")");
    }
    AttributeValue.Type t = v.type();
    if (t != AttributeValue.Type.S && t != AttributeValue.Type.N && t != AttributeValue.Type.B) {
      throw new InvalidItemException(
          "the "
              + what
              + " attribute '"
              + name
              + "' must be a string (S), number (N) or binary (B)");
    }
  }
}
