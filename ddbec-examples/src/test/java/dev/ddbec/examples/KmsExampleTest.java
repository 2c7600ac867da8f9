package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.testing.MotoKmsServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/** Against moto's KMS server on loopback (the venv of scripts/python-env.sh). */
class KmsExampleTest {
  @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();

  @Test
  void run_kmsKey_writesEncryptedReadsPlaintext() {
    KmsClient kms = MOTO.client(Region.US_WEST_2);
    String keyArn = MotoKmsServer.createKey(kms);
    String table = LocalAws.table("orders", "order_id");

    Map<String, AttributeValue> read = KmsExample.run(LocalAws.dynamoDb(), kms, keyArn, table);

    assertThat(read).isEqualTo(KmsExample.order("o-1001"));
    Map<String, AttributeValue> stored = LocalAws.stored(table, "order_id", read.get("order_id"));
    assertThat(stored.get("card_last4").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("status")).isEqualTo(AttributeValue.fromS("PAID"));
    assertThat(stored).containsKey(ReservedAttributes.MATERIAL_DESCRIPTION);
  }

  @Test
  void strictProvider_builder_encryptsWithAWrappedDataKey() {
    KmsClient kms = MOTO.client(Region.US_WEST_2);
    String keyArn = MotoKmsServer.createKey(kms);
    Map<String, AttributeValue> book =
        Map.of("isbn", AttributeValue.fromS("1"), "title", AttributeValue.fromS("Emma"));

    Map<String, AttributeValue> stored = KmsExample.strictProvider(kms, keyArn, book);

    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(
            new String(
                stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray(),
                StandardCharsets.ISO_8859_1))
        .contains("amzn-ddb-env-key");
  }
}
