package dev.ddbec.bulk.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.TableKeySchema;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A table's key schema and estimated item count, from {@code DescribeTable}. */
public record TableInfo(String tableName, TableKeySchema schema, long estimatedItemCount) {

  public static TableInfo describe(DynamoDbClient ddb, String tableName) {
    TableDescription d;
    try {
      d = Budget.throttled(() -> ddb.describeTable(r -> r.tableName(tableName)).table());
    } catch (ResourceNotFoundException e) {
      throw new InvalidConfigurationException("Table " + tableName + " does not exist", e);
    }
    return new TableInfo(
        tableName, TableKeySchema.from(d), d.itemCount() == null ? -1 : d.itemCount());
  }

  /** The item's primary key attributes. */
  public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return schema.keyOf(item);
  }
}
