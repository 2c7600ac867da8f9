/**
 * Test support shared by ddbec's modules, examples, benchmarks and demo, and usable by
 * applications: {@link dev.ddbec.testing.MotoServer} runs the moto server from the project's Python
 * venv on a loopback port; {@link dev.ddbec.testing.LocalDynamoDb} points SDK v2 clients at it (or
 * at {@code DDBEC_TEST_DYNAMODB_ENDPOINT}); {@link dev.ddbec.testing.LocalDynamoDbExtension} opens
 * one per JUnit 5 test class; {@link dev.ddbec.testing.MotoKmsServer} does the same for KMS.
 *
 * <p>For materials providers: {@link dev.ddbec.testing.MaterialsProviderContract}, the contract
 * every provider meets (extend it), {@link dev.ddbec.testing.ProviderDeclarations} (factory
 * declarations agree) and {@link dev.ddbec.testing.ProviderFactoryContract} (the factory tests
 * every provider module runs), {@link dev.ddbec.testing.UnwrapOracleProbe} and {@link
 * dev.ddbec.testing.CountingRsaPrivateKey} (unwrap failures look alike). For property tests: {@link
 * dev.ddbec.testing.AttributeValueArbitraries}, jqwik generators of attribute values, items and
 * actions. For PKCS#11: {@link dev.ddbec.testing.SoftHsm2}, SoftHSM2 tokens for the tests. For any
 * test: {@link dev.ddbec.testing.TestKeys}, fresh keys, and {@link dev.ddbec.testing.SampleTable},
 * the smallest protected table. For bulk jobs: {@link dev.ddbec.testing.WriterRace}, an application
 * writer racing the job, to check no update is lost.
 *
 * <p>JUnit 5, AssertJ, jqwik and the KMS SDK are optional dependencies: test code that uses the
 * classes that need them has them on its class path.
 */
package dev.ddbec.testing;
