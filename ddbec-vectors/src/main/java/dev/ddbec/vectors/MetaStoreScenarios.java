package dev.ddbec.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Runs the {@code most_recent} scenarios of the public vectors against a real DynamoDB endpoint (a
 * local moto server in ddbec's tests): the scenario's MetaStore rows ({@code metastore.ciphertext})
 * are loaded into a table named {@code metastore.table_name}, and the data items are decrypted with
 * a {@link CachingMostRecentProvider} over that table whose meta provider is built from {@code
 * metastore.provider} and {@code metastore.keys} (static or wrapped; {@code awskms} scenarios need
 * the official test account and are not run).
 *
 * <p>The table name is bound into every row's signature, so it cannot be changed; two scenarios use
 * the same table and key with different rows. Each scenario therefore leaves the endpoint as it
 * found it: rows are written with a conditional put (an existing, different row is an error, never
 * overwritten), and when the scenario's provider is closed (the {@link VectorSuite} closes it after
 * the scenario) the rows it wrote are deleted, and the table too if it created it. Still, point it
 * at a scratch endpoint such as a local moto server, never at a production account.
 */
public final class MetaStoreScenarios implements VectorSuite.ScenarioProviderFactory {
  /** The scenario kind ({@code "provider": "most_recent"}). */
  public static final String KIND = "most_recent";

  private final DynamoDbClient client;

  private MetaStoreScenarios(DynamoDbClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * A factory loading MetaStore rows through a client (which the caller keeps and closes).
   *
   * @param client a client for a scratch DynamoDB endpoint
   * @return the factory
   */
  public static MetaStoreScenarios on(DynamoDbClient client) {
    return new MetaStoreScenarios(client);
  }

  @Override
  public MaterialsProvider create(JsonNode scenario, VectorSuite suite) {
    JsonNode meta = scenario.path("metastore");
    String table = text(meta, "table_name");
    String metaKind = text(meta, "provider");
    if (!"static".equals(metaKind) && !"wrapped".equals(metaKind)) {
      throw new UnsupportedOperationException(
          "meta provider '" + metaKind + "' cannot be built by this runner");
    }
    MaterialsProvider metaProvider = suite.keyedProvider(metaKind, meta.get("keys"));
    Path rowsFile =
        VectorSuite.resolve(suite.directory().resolve("encrypted_item"), text(meta, "ciphertext"));
    JsonNode tables = suite.read(rowsFile);
    JsonNode rows = tables.get(table);
    if (rows == null || tables.size() != 1) {
      throw new IllegalArgumentException(
          rowsFile.getFileName() + " should hold the rows of exactly table " + table);
    }
    Loaded loaded = new Loaded(table);
    try {
      loaded.load(rows);
      MetaStore store =
          MetaStore.builder()
              .dynamoDbClient(client)
              .tableName(table)
              .materialsProvider(metaProvider)
              .build();
      loaded.provider =
          CachingMostRecentProvider.builder()
              .metaStore(store)
              .materialName(text(scenario, "material_name"))
              .ttl(Duration.ofMinutes(5))
              .build();
      return loaded;
    } catch (RuntimeException e) {
      try {
        loaded.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("scenario has no \"" + field + "\"");
    }
    return v.textValue();
  }

  /** The scenario's provider; closing it removes what was loaded. */
  private final class Loaded implements MaterialsProvider, AutoCloseable {
    private final String table;
    private final List<Map<String, AttributeValue>> written = new ArrayList<>();
    private boolean createdTable;
    private CachingMostRecentProvider provider;

    Loaded(String table) {
      this.table = table;
    }

    void load(JsonNode rows) {
      if (!tableExists()) {
        MetaStore.createTable(client, table);
        createdTable = true;
      }
      for (JsonNode rowJson : rows) {
        Map<String, AttributeValue> row = DynamoDbJson.item(rowJson);
        Map<String, AttributeValue> key =
            Map.of(
                MetaStore.MATERIAL_NAME_ATTRIBUTE,
                row.get(MetaStore.MATERIAL_NAME_ATTRIBUTE),
                MetaStore.VERSION_ATTRIBUTE,
                row.get(MetaStore.VERSION_ATTRIBUTE));
        try {
          client.putItem(
              r ->
                  r.tableName(table)
                      .item(row)
                      .conditionExpression("attribute_not_exists(#n)")
                      .expressionAttributeNames(Map.of("#n", MetaStore.MATERIAL_NAME_ATTRIBUTE)));
          written.add(key);
        } catch (ConditionalCheckFailedException e) {
          Map<String, AttributeValue> existing =
              client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
          if (!AttributeEquality.itemsEqual(existing, row)) {
            throw new IllegalStateException(
                "DynamoDB table "
                    + table
                    + " already holds a different row for this scenario's material and"
                    + " version; run against an empty DynamoDB (e.g. a fresh local moto server)",
                e);
          }
        }
      }
    }

    private boolean tableExists() {
      try {
        client.describeTable(r -> r.tableName(table));
        return true;
      } catch (ResourceNotFoundException e) {
        return false;
      }
    }

    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      return provider.encryptionMaterials(context);
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      return provider.decryptionMaterials(context);
    }

    @Override
    public void close() {
      try {
        for (Map<String, AttributeValue> key : written) {
          client.deleteItem(r -> r.tableName(table).key(key));
        }
        written.clear();
        if (createdTable) {
          client.deleteTable(r -> r.tableName(table));
          try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
            waiter.waitUntilTableNotExists(r -> r.tableName(table));
          }
          createdTable = false;
        }
      } catch (SdkException e) {
        throw new IllegalStateException(
            "could not remove the MetaStore rows loaded into table " + table, e);
      }
    }
  }
}
