package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.ReservedAttributes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class QuickStartTest {
  @TempDir Path dir;

  @Test
  void run_keyStoreFromCli_writesEncryptedReadsPlaintext() {
    LocalAws.booksTable();
    Path materials = LocalAws.keyStore(dir);

    Map<String, AttributeValue> read = QuickStart.run(LocalAws.dynamoDb(), materials);

    assertThat(read)
        .containsEntry("title", AttributeValue.fromS("Dune"))
        .containsEntry("genre", AttributeValue.fromS("sf"))
        .doesNotContainKeys(ReservedAttributes.SIGNATURE, ReservedAttributes.MATERIAL_DESCRIPTION);
    Map<String, AttributeValue> stored = LocalAws.stored("Books", "isbn", read.get("isbn"));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("genre")).isEqualTo(AttributeValue.fromS("sf"));
    assertThat(stored.get("isbn")).isEqualTo(AttributeValue.fromS("978-0441013593"));
    assertThat(stored).containsKeys(ReservedAttributes.SIGNATURE);
  }
}
