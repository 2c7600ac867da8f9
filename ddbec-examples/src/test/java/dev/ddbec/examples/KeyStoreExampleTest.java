package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeyStoreExampleTest {
  @TempDir Path dir;

  @Test
  void run_keyStoreFromCli_writesEncryptedReadsPlaintext() {
    LocalAws.keyStore(dir);
    String table = LocalAws.table("patients", "patient_id");

    Map<String, AttributeValue> read =
        KeyStoreExample.run(
            LocalAws.dynamoDb(), dir.resolve("ddbec.p12"), dir.resolve("ddbec.p12.pass"), table);

    assertThat(read).containsEntry("name", AttributeValue.fromS("Florence Nightingale"));
    assertThat(read.get("allergies").ss()).containsExactlyInAnyOrder("penicillin", "latex");
    Map<String, AttributeValue> stored =
        LocalAws.stored(table, "patient_id", read.get("patient_id"));
    assertThat(stored.get("allergies").type()).isEqualTo(AttributeValue.Type.B);
  }
}
