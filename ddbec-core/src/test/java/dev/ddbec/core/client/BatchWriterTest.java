package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link BatchWriter} and {@link AsyncBatchWriter} over the encrypted clients, against the moto
 * server. Moto never leaves requests unprocessed, so {@link InterceptingClient} cuts batches short
 * as DynamoDB does under load (the real server still stores what it lets through).
 */
class BatchWriterTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  private static final AttributeActions ACTIONS =
      AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);

  String table;
  InterceptingClient calls;
  EncryptedDynamoDbClient client;
  InterceptingClient asyncCalls;
  EncryptedDynamoDbAsyncClient asyncClient;

  @BeforeEach
  void setUp() {
    table = DDB.local().createTable("batch", "pk", null);
    InterceptingClient[] handler = new InterceptingClient[1];
    DynamoDbClient sync = InterceptingClient.wrap(DDB.local().client(), handler);
    calls = handler[0];
    client = protecting(EncryptedDynamoDbClient.builder(), sync).build();
    DynamoDbAsyncClient async =
        InterceptingClient.wrapAsync(DDB.local().asyncClient(), DDB.local().client(), handler);
    asyncCalls = handler[0];
    asyncClient = protecting(EncryptedDynamoDbAsyncClient.builder(), async).build();
  }

  /** {@code builder} over {@code delegate}, with the shared provider and this test's actions. */
  private static <B extends ProtectionSettings.ClientBuilder<B, D>, D> B protecting(
      B builder, D delegate) {
    return builder.delegate(delegate).materialsProvider(Books.PROVIDER).attributeActions(ACTIONS);
  }

  /** {@code builder} writing to this test's table, with a 1 ms first retry delay. */
  private <B extends BatchWriterBuilder<B>> B quickRetries(B builder) {
    return builder.tableName(table).baseDelay(Duration.ofMillis(1));
  }

  private static Map<String, AttributeValue> item(int i) {
    return Map.of(
        "pk", AttributeValue.fromS("k" + i), "secret", AttributeValue.fromS("plaintext-" + i));
  }

  /** Puts items 0 to {@code n - 1} through {@code writer}. */
  private static void putItems(int n, Consumer<Map<String, AttributeValue>> writer) {
    for (int i = 0; i < n; i++) {
      writer.accept(item(i));
    }
  }

  /** Items 0 to {@code n - 1} read back through the encrypting client as written. */
  private void assertReadBack(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(read(i)).isEqualTo(item(i));
    }
  }

  private Map<String, AttributeValue> read(int i) {
    return client
        .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("k" + i))))
        .item();
  }

  private Map<String, AttributeValue> raw(int i) {
    return DDB.local()
        .client()
        .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("k" + i))))
        .item();
  }

  @Test
  void putItem_sixtyItems_threeBatchesAllEncrypted() {
    try (BatchWriter writer = BatchWriter.builder(client).tableName(table).build()) {
      putItems(60, writer::putItem);
      assertThat(calls.calls("batchWriteItem")).isEqualTo(2); // 25 + 25 sent, 10 buffered
    }

    assertThat(calls.calls("batchWriteItem")).isEqualTo(3);
    assertReadBack(60);
    assertThat(raw(7)).containsKey(FormatNames.SIGNATURE_ATTRIBUTE);
    assertThat(raw(7).get("secret").type()).isEqualTo(AttributeValue.Type.B);
  }

  @Test
  void flush_unprocessedItems_retriedWithBackoffUntilWritten() {
    calls.limitBatches(4);
    try (BatchWriter writer =
        quickRetries(BatchWriter.builder(client)).maxDelay(Duration.ofMillis(5)).build()) {
      putItems(10, writer::putItem);
    }

    assertThat(calls.calls("batchWriteItem")).isEqualTo(3); // 4 + 4 + 2
    assertReadBack(10);
  }

  @Test
  void flush_neverProcessed_handsBackPlaintextOnlyInTheException() {
    calls.limitBatches(0);
    BatchWriter writer = quickRetries(BatchWriter.builder(client)).maxAttempts(3).build();
    putItems(5, writer::putItem);
    writer.deleteItem(Map.of("pk", AttributeValue.fromS("gone")));

    BatchWriteException e = (BatchWriteException) catchThrown(writer::close);

    assertThat(calls.calls("batchWriteItem")).isEqualTo(3);
    List<WriteRequest> back = e.unwrittenRequests();
    assertThat(back).hasSize(6);
    assertThat(back.get(0).putRequest().item()).isEqualTo(item(0)); // plaintext, as given
    assertThat(back.get(5).deleteRequest().key()).containsEntry("pk", AttributeValue.fromS("gone"));
    assertThat(e.tableName()).isEqualTo(table);
    assertThat(e.getMessage()).contains("6 write request(s)").doesNotContain("plaintext-");
    assertThat(e.toString()).doesNotContain("plaintext-");
    assertThat(raw(0)).isEmpty();
    writer.flush(); // nothing left buffered
    assertThat(calls.calls("batchWriteItem")).isEqualTo(3);
  }

  @Test
  void overwriteByKeys_sameKeyTwice_lastRequestWins() {
    try (BatchWriter writer =
        BatchWriter.builder(client).tableName(table).overwriteByKeys("pk").build()) {
      writer.putItem(item(1));
      writer.putItem(
          Map.of("pk", AttributeValue.fromS("k1"), "secret", AttributeValue.fromS("v2")));
      writer.putItem(item(2));
      writer.deleteItem(Map.of("pk", AttributeValue.fromS("k2")));
    }

    assertThat(read(1)).containsEntry("secret", AttributeValue.fromS("v2"));
    assertThat(read(2)).isEmpty();
    assertThat(calls.calls("batchWriteItem")).isEqualTo(1);
  }

  @Test
  void builder_invalidSettings_throwInvalidConfigurationException() {
    assertThatThrownBy(() -> BatchWriter.builder(client).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> BatchWriter.builder(client).maxAttempts(0))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> BatchWriter.builder(client).baseDelay(Duration.ZERO))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> BatchWriter.builder(client).overwriteByKeys())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void asyncWriter_sixtyItemsWithUnprocessed_allWrittenEncrypted() {
    asyncCalls.limitBatches(20);
    AsyncBatchWriter writer =
        quickRetries(AsyncBatchWriter.builder(asyncClient)).maxDelay(Duration.ofMillis(5)).build();
    putItems(60, writer::putItem);
    writer.flush().join();
    writer.close();

    // 25 → 20 + 5, 25 → 20 + 5, 10
    assertThat(asyncCalls.calls("batchWriteItem")).isEqualTo(5);
    assertReadBack(60);
    assertThat(raw(59)).containsKey(FormatNames.SIGNATURE_ATTRIBUTE);
  }

  @Test
  void asyncWriter_neverProcessed_failsWithEveryRequest() {
    asyncCalls.limitBatches(0);
    AsyncBatchWriter writer =
        quickRetries(AsyncBatchWriter.builder(asyncClient)).maxAttempts(2).build();
    putItems(30, writer::putItem); // the 25th starts a batch that will fail

    Throwable thrown = catchThrown(() -> writer.flush().join());

    assertThat(thrown).isInstanceOf(CompletionException.class);
    BatchWriteException e = (BatchWriteException) thrown.getCause();
    assertThat(e.unwrittenRequests()).hasSize(30);
    assertThat(e.getMessage()).doesNotContain("plaintext-");
    assertThat(asyncCalls.calls("batchWriteItem")).isEqualTo(2); // the second batch is not sent
    writer.close(); // the failure was reported once; nothing is left
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }
}
