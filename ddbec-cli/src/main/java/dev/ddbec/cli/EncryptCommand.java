package dev.ddbec.cli;

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
    return encryptor.encryptItem(item, config);
  }
}
