package dev.ddbec.examples;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.micrometer.DdbecMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ddbec's meters in Prometheus's text format: an encrypted client reporting to {@link
 * DdbecMetrics}, bound to a Prometheus registry whose {@code scrape()} is what a {@code /metrics}
 * endpoint serves (docs/observability.md).
 */
public final class MetricsExample {
  private MetricsExample() {}

  /**
   * Runs against the DynamoDB of the default AWS configuration and prints the scrape.
   *
   * @param args the materials configuration file, and a table with partition key {@code order_id}
   *     (default {@code Orders})
   */
  public static void main(String[] args) {
    MaterialsProvider keys = MaterialsProviders.load(Path.of(args[0]));
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      System.out.print(run(dynamoDb, keys, args.length > 1 ? args[1] : "Orders"));
    }
  }

  /**
   * Writes two orders and reads them back, one of them after it was tampered with, and returns the
   * registry's scrape.
   *
   * @param dynamoDb a plain DynamoDB client
   * @param keys the materials provider
   * @param table a table with partition key {@code order_id} (S)
   * @return the meters in Prometheus's text format
   */
  public static String run(DynamoDbClient dynamoDb, MaterialsProvider keys, String table) {
    // snippet:metrics-setup
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DdbecMetrics metrics = new DdbecMetrics(); // a MeterBinder: Spring Boot binds it by itself
    metrics.bindTo(registry);
    DynamoDbClient orders =
        EncryptedDynamoDbClient.builder()
            .delegate(dynamoDb)
            .materialsProvider(keys)
            .observer(metrics) // the default, DdbecObserver.NOOP, costs nothing
            .build();
    // end-snippet
    for (String id : new String[] {"o-4001", "o-4002"}) {
      orders.putItem(r -> r.tableName(table).item(KmsExample.order(id)));
      orders.getItem(r -> r.tableName(table).key(key(id)));
    }
    // Someone with write access to the table changes a signed attribute.
    dynamoDb.updateItem(
        r ->
            r.tableName(table)
                .key(key("o-4002"))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", ReservedAttributes.SIGNATURE))
                .expressionAttributeValues(
                    Map.of(":s", AttributeValue.fromB(SdkBytes.fromUtf8String("forged")))));
    try {
      orders.getItem(r -> r.tableName(table).key(key("o-4002")));
    } catch (ItemIntegrityException expected) {
      // counted in ddbec_verification_failures_total
    }
    return registry.scrape();
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("order_id", AttributeValue.fromS(id));
  }
}
