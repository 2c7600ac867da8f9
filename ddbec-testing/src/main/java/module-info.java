/**
 * ddbec test support: {@link dev.ddbec.testing.MotoServer}, a local moto server (DynamoDB, DynamoDB
 * Streams and KMS on one loopback port), {@link dev.ddbec.testing.LocalDynamoDb}, SDK v2 clients
 * pointed at it (or at {@code DDBEC_TEST_DYNAMODB_ENDPOINT}), and the JUnit 5 extension {@link
 * dev.ddbec.testing.LocalDynamoDbExtension}.
 */
module dev.ddbec.testing {
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  // Optional: async clients only.
  requires static software.amazon.awssdk.http.nio.netty;
  // Optional: the JUnit extension only (not transitive: the CLI's demo uses MotoServer without
  // JUnit).
  requires static org.junit.jupiter.api;

  exports dev.ddbec.testing;
}
