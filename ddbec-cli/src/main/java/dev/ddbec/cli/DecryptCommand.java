package dev.ddbec.cli;

import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import java.util.Map;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ddbec decrypt}. */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies and decrypts DynamoDB items: JSON Lines of stored items in, plaintext out.",
      "Use the same table, keys and actions as when the items were encrypted."
    },
    footer = {
      "",
      "Example:",
      "  ddbec decrypt --table Books --partition-key isbn --materials materials.properties \\",
      "      --action genre=SIGN_ONLY --errors inline < books.encrypted.jsonl"
    })
final class DecryptCommand extends ItemStreamCommand {
  @Override
  Map<String, AttributeValue> process(
      ItemEncryptor encryptor, Map<String, AttributeValue> item, CryptoConfig config) {
    return encryptor.decryptItem(item, config);
  }
}
