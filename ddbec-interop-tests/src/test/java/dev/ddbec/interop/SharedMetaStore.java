package dev.ddbec.interop;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.core.metastore.CachingMostRecentProvider;
import dev.ddbec.core.metastore.MetaStore;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.TestKeys;
import java.time.Duration;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A MetaStore table on the local DynamoDB server and the raw keys of its meta provider (wrapped
 * AES-256 key wrap + HMAC-SHA256), which every client under test is given.
 *
 * @param client the local server's client (for ddbec's MetaStore)
 * @param table the MetaStore table name
 * @param wrapKey the meta provider's AES wrapping key
 * @param hmacKey the meta provider's HMAC key
 */
record SharedMetaStore(DynamoDbClient client, String table, byte[] wrapKey, byte[] hmacKey) {

  /** A fresh table name (the table not created yet) and fresh random keys. */
  static SharedMetaStore fresh(DynamoDbClient client, String tablePrefix) {
    return new SharedMetaStore(
        client,
        LocalDynamoDb.uniqueTableName(tablePrefix),
        TestKeys.randomBytes(32),
        TestKeys.randomBytes(32));
  }

  /** Like {@link #fresh}, with the table created by ddbec. */
  static SharedMetaStore created(DynamoDbClient client, String tablePrefix) {
    SharedMetaStore store = fresh(client, tablePrefix);
    MetaStore.createTable(client, store.table);
    return store;
  }

  /** ddbec's most-recent provider over {@code store} for one material, with a 5-minute TTL. */
  static CachingMostRecentProvider mostRecent(MetaStore store, String material) {
    return CachingMostRecentProvider.builder()
        .metaStore(store)
        .materialName(material)
        .ttl(Duration.ofMinutes(5))
        .build();
  }

  /** ddbec's MetaStore builder for the table and the meta provider (more settings may follow). */
  MetaStore.Builder ddbecBuilder() {
    return MetaStore.builder()
        .dynamoDbClient(client)
        .tableName(table)
        .materialsProvider(
            WrappedMaterialsProvider.builder()
                .wrappingKey(new SecretKeySpec(wrapKey, "AES"))
                .hmacKey(new SecretKeySpec(hmacKey, "HmacSHA256"))
                .build());
  }

  /** ddbec's MetaStore. */
  MetaStore ddbec() {
    return ddbecBuilder().build();
  }

  /** The official Java client's meta provider. */
  EncryptionMaterialsProvider javaMeta() {
    return OfficialJavaClient.wrappedAesHmac(wrapKey, hmacKey);
  }

  /** The Python peer's spec of the meta provider. */
  ObjectNode pythonMeta() {
    return PeerRequests.wrappedProvider(wrapKey, hmacKey);
  }
}
