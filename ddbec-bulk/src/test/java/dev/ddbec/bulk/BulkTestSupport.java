package dev.ddbec.bulk;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.SampleTable;
import dev.ddbec.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keys, items and table helpers for the bulk tests. */
final class BulkTestSupport {

  /** Every attribute encrypted and signed but {@code year}, signed only. */
  static final AttributeActions SIGN_YEAR =
      AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).toBuilder()
          .action("year", CryptoAction.SIGN_ONLY)
          .build();

  private BulkTestSupport() {}

  /** The sample table {@code table} (partition key {@code pk}) with these actions. */
  static CryptoConfig config(String table, AttributeActions actions) {
    return CryptoConfig.of(SampleTable.context(table), actions.withIndexKeys("pk"));
  }

  /**
   * A new table of {@code n} {@link #plainItem plain items} encrypted with {@code p}, {@code a}.
   */
  static String encryptedTable(
      LocalDynamoDb local, String prefix, MaterialsProvider p, AttributeActions a, int n) {
    ItemEncryptor e = ItemEncryptor.create(p);
    return table(local, prefix, n, (table, item) -> e.encryptItem(item, config(table, a)));
  }

  /** A new table holding plain items 0 to {@code n - 1}, unprotected. */
  static String plaintextTable(LocalDynamoDb local, String prefix, int n) {
    return table(local, prefix, n, (table, item) -> item);
  }

  /** A new table holding plain items 0 to {@code n - 1}, each as {@code stored} makes it. */
  private static String table(
      LocalDynamoDb local,
      String prefix,
      int n,
      BiFunction<String, Map<String, AttributeValue>, Map<String, AttributeValue>> stored) {
    String table = local.createTable(prefix, "pk", null);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(stored.apply(table, plainItem(i)));
    }
    writeAll(local.client(), table, items);
    return table;
  }

  /** A rewriter of {@code table} from {@code source} to {@code target}; options to be added. */
  static TableRewriter.Builder rewriter(
      DynamoDbClient ddb, String table, ItemProtection source, ItemProtection target) {
    return TableRewriter.builder()
        .dynamoDbClient(ddb)
        .tableName(table)
        .source(source)
        .target(target);
  }

  /**
   * A new meta store (table {@code PREFIX-…}) holding version 0 of material {@code books}, wrapped
   * by a fresh {@link #newWrappedProvider()}.
   */
  static MetaStore booksMetaStore(DynamoDbClient ddb, String prefix) {
    String keys = LocalDynamoDb.uniqueTableName(prefix);
    MetaStore.createTable(ddb, keys);
    MetaStore store =
        MetaStore.builder()
            .dynamoDbClient(ddb)
            .tableName(keys)
            .materialsProvider(newWrappedProvider())
            .build();
    store.newVersion("books");
    return store;
  }

  /** The most-recent provider of material {@code books}, cached for five minutes. */
  static MaterialsProvider mostRecentBooks(MetaStore store) {
    return CachingMostRecentProvider.builder()
        .metaStore(store)
        .materialName("books")
        .ttl(Duration.ofMinutes(5))
        .build();
  }

  /** A wrapped-AES provider with fresh random keys. */
  static MaterialsProvider newWrappedProvider() {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(TestKeys.aes256())
        .hmacKey(TestKeys.hmacSha256())
        .build();
  }

  static Map<String, AttributeValue> plainItem(int i) {
    return SampleTable.numberedItem(i);
  }

  static Map<String, AttributeValue> key(int i) {
    return Map.of("pk", AttributeValue.fromS(String.format("item-%05d", i)));
  }

  /** Writes the items with BatchWriteItem ({@link LocalDynamoDb#writeAll}). */
  static void writeAll(DynamoDbClient ddb, String table, List<Map<String, AttributeValue>> items) {
    LocalDynamoDb.writeAll(ddb, table, items);
  }

  static List<Map<String, AttributeValue>> scanAll(DynamoDbClient ddb, String table) {
    return LocalDynamoDb.scanAll(ddb, table);
  }
}
