package dev.ddbec.examples;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbAsyncClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@link EncryptedDynamoDbAsyncClient}: the encrypted client on {@code CompletableFuture}s.
 * Encryption and the materials provider run on the client's executor, never on the SDK's I/O
 * threads; a provider that waits on the network (KMS) deserves an executor sized for that.
 */
public final class AsyncClientExample {
  private AsyncClientExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration.
   *
   * @param args the materials configuration file, and the table (default {@code Books})
   */
  public static void main(String[] args) {
    MaterialsProvider keys = MaterialsProviders.load(Path.of(args[0]));
    System.out.println(
        run(DynamoDbAsyncClient.create(), keys, args.length > 1 ? args[1] : "Books").join());
  }

  /**
   * Puts a book and gets it back, without blocking.
   *
   * @param dynamoDb a plain asynchronous client; closed when the returned future completes
   * @param keys the materials provider
   * @param table a table with partition key {@code isbn} (S)
   * @return the book as read
   */
  public static CompletableFuture<Map<String, AttributeValue>> run(
      DynamoDbAsyncClient dynamoDb, MaterialsProvider keys, String table) {
    Map<String, AttributeValue> book =
        Map.of(
            "isbn", AttributeValue.fromS("978-0261103573"),
            "title", AttributeValue.fromS("The Fellowship of the Ring"));
    Map<String, AttributeValue> key = Map.of("isbn", book.get("isbn"));
    // snippet:async-client
    ExecutorService cryptoPool = Executors.newFixedThreadPool(4); // optional; yours to shut down
    DynamoDbAsyncClient books =
        EncryptedDynamoDbAsyncClient.builder()
            .delegate(dynamoDb) // closed with the encrypted client
            .materialsProvider(keys)
            .attributeActions(AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN))
            .executor(cryptoPool) // default: a small pool of its own
            .build();
    CompletableFuture<Map<String, AttributeValue>> read =
        books
            .putItem(r -> r.tableName(table).item(book))
            .thenCompose(put -> books.getItem(r -> r.tableName(table).key(key)))
            .thenApply(GetItemResponse::item);
    // end-snippet
    return read.whenComplete(
        (item, error) -> {
          books.close();
          cryptoPool.shutdown();
        });
  }
}
