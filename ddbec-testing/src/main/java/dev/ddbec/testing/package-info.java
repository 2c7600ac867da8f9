/**
 * Test support shared by ddbec's modules, examples, benchmarks and demo, and usable by
 * applications: {@link dev.ddbec.testing.MotoServer} runs the moto server from the project's Python
 * venv on a loopback port; {@link dev.ddbec.testing.LocalDynamoDb} points SDK v2 clients at it (or
 * at {@code DDBEC_TEST_DYNAMODB_ENDPOINT}); {@link dev.ddbec.testing.LocalDynamoDbExtension} opens
 * one per JUnit 5 test class.
 */
package dev.ddbec.testing;
