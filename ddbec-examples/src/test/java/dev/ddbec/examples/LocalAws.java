package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.cli.DdbecCli;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import dev.ddbec.testing.LocalDynamoDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * What the example tests share: one {@link LocalDynamoDb} handle on the test JVM's moto server
 * (started on first use, stopped at exit; or {@code DDBEC_TEST_DYNAMODB_ENDPOINT}), tables, and
 * keys.
 */
final class LocalAws {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static LocalDynamoDb local;

  private LocalAws() {}

  static synchronized LocalDynamoDb localDynamoDb() {
    if (local == null) {
      LocalDynamoDb started = LocalDynamoDb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-dynamodb-close"));
      local = started;
    }
    return local;
  }

  /** The shared plain client; do not close it. */
  static DynamoDbClient dynamoDb() {
    return localDynamoDb().client();
  }

  /** The item of {@code table} with this key, as stored (read with the plain client). */
  static Map<String, AttributeValue> stored(String table, String keyName, AttributeValue key) {
    return dynamoDb().getItem(r -> r.tableName(table).key(Map.of(keyName, key))).item();
  }

  /** A new table with a string partition key, under a unique name. */
  static String table(String prefix, String partitionKey) {
    return localDynamoDb().createTable(prefix, partitionKey, null);
  }

  /** A new table with a string partition key and a NEW_AND_OLD_IMAGES stream. */
  static String tableWithStream(String prefix, String partitionKey) {
    String name = LocalDynamoDb.uniqueTableName(prefix);
    dynamoDb()
        .createTable(
            r ->
                r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(stringAttribute(partitionKey))
                    .keySchema(k -> k.attributeName(partitionKey).keyType(KeyType.HASH))
                    .streamSpecification(
                        s ->
                            s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    return name;
  }

  /** Table {@code Books} of the docs: partition key isbn, global index byGenre on genre. */
  static synchronized void booksTable() {
    try {
      dynamoDb()
          .createTable(
              r ->
                  r.tableName("Books")
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .attributeDefinitions(stringAttribute("isbn"), stringAttribute("genre"))
                      .keySchema(k -> k.attributeName("isbn").keyType(KeyType.HASH))
                      .globalSecondaryIndexes(
                          i ->
                              i.indexName("byGenre")
                                  .keySchema(
                                      k -> k.attributeName("genre").keyType(KeyType.HASH),
                                      k -> k.attributeName("isbn").keyType(KeyType.RANGE))
                                  .projection(p -> p.projectionType(ProjectionType.ALL))));
    } catch (ResourceInUseException exists) {
      // made by another test of this JVM
    }
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /** A wrapped (AES key wrap + HMAC) provider with fresh random keys. */
  static MaterialsProvider wrappedKeys() {
    return WrappedMaterialsProvider.builder()
        .wrappingKey(new SecretKeySpec(randomKey(), "AES"))
        .hmacKey(new SecretKeySpec(randomKey(), "HmacSHA256"))
        .build();
  }

  /**
   * Runs {@code ddbec keystore create DIR/ddbec.p12 --password-file DIR/ddbec.p12.pass}, as the
   * docs do, and saves the configuration it prints.
   *
   * @return DIR/materials.properties
   */
  static Path keyStore(Path dir) {
    try {
      Path password = dir.resolve("ddbec.p12.pass");
      Files.writeString(password, "correct-horse-battery-staple\n");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(DdbecCli.class);
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int code =
          cli.execute(
              "keystore",
              "create",
              dir.resolve("ddbec.p12").toString(),
              "--password-file",
              password.toString());
      assertThat(code).as(err.toString()).isZero();
      Path materials = dir.resolve("materials.properties");
      Files.writeString(materials, out.toString());
      return materials;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A string attribute's definition, for a key. */
  private static Consumer<AttributeDefinition.Builder> stringAttribute(String name) {
    return a -> a.attributeName(name).attributeType(ScalarAttributeType.S);
  }
}
