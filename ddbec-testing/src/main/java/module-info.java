/**
 * ddbec test support: {@link dev.ddbec.testing.MotoServer}, a local moto server (DynamoDB, DynamoDB
 * Streams and KMS on one loopback port), {@link dev.ddbec.testing.LocalDynamoDb}, SDK v2 clients
 * pointed at it (or at {@code DDBEC_TEST_DYNAMODB_ENDPOINT}), the JUnit 5 extension {@link
 * dev.ddbec.testing.LocalDynamoDbExtension}, KMS on the same server ({@link
 * dev.ddbec.testing.MotoKmsServer}), the materials-provider contract test ({@link
 * dev.ddbec.testing.MaterialsProviderContract}), the provider-factory contract test ({@link
 * dev.ddbec.testing.ProviderFactoryContract}), jqwik item generators ({@link
 * dev.ddbec.testing.AttributeValueArbitraries}), SoftHSM2 tokens ({@link
 * dev.ddbec.testing.SoftHsm2}), fresh test keys ({@link dev.ddbec.testing.TestKeys}) and the
 * smallest protected table ({@link dev.ddbec.testing.SampleTable}), an application writer racing a
 * bulk job ({@link dev.ddbec.testing.WriterRace}), and an observer that records events as text
 * ({@link dev.ddbec.testing.RecordingObserver}).
 */
module dev.ddbec.testing {
  requires transitive dev.ddbec.api;
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  // Optional: async clients only.
  requires static software.amazon.awssdk.http.nio.netty;
  // Optional, each for the test support that uses it only (the CLI's demo uses MotoServer
  // without any of them): JUnit 5 for the extensions and the contract test, AssertJ for the
  // contract test, jqwik for the generators, the KMS SDK for MotoKmsServer.
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;
  requires static net.jqwik.api;
  requires static software.amazon.awssdk.services.kms;

  exports dev.ddbec.testing;
}
