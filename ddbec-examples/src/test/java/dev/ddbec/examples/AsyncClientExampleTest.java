package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AsyncClientExampleTest {
  @Test
  void run_async_writesEncryptedReadsPlaintext() {
    String table = LocalAws.table("async-books", "isbn");

    Map<String, AttributeValue> read =
        AsyncClientExample.run(
                LocalAws.localDynamoDb().newAsyncClient(), LocalAws.wrappedKeys(), table)
            .join();

    assertThat(read).containsEntry("title", AttributeValue.fromS("The Fellowship of the Ring"));
    Map<String, AttributeValue> stored = LocalAws.stored(table, "isbn", read.get("isbn"));
    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
  }
}
