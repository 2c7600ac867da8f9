package dev.ddbec.core.metastore;

import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.internal.MaterialDescriptionCodec;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The set-up of the most-recent provider tests: a {@link CountingClient} on the moto DynamoDB
 * server for the class, a fresh {@link MetaStore} with zeroed counts for each test, and a clock the
 * test moves.
 */
abstract class CountingStoreTestBase {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  static final Duration TTL = Duration.ofMinutes(1);

  static CountingClient ddb;

  /** The providers' clock ({@code nanoTime}). */
  final AtomicLong now = new AtomicLong(5_000_000_000L);

  MetaStore store;

  @BeforeAll
  static void startClient() {
    ddb = new CountingClient(DDB.local());
  }

  @AfterAll
  static void stopClient() {
    ddb.close();
  }

  @BeforeEach
  void newStore() {
    store = MetaStoreTest.newStore(ddb.client(), MetaStoreTest.metaProvider());
    ddb.reset();
  }

  /** The {@code amzn-ddb-meta-id} ("name#version") an encrypted item was written under. */
  static String metaId(Map<String, AttributeValue> stored) {
    return MaterialDescriptionCodec.decode(
            stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteArray())
        .get("amzn-ddb-meta-id");
  }
}
