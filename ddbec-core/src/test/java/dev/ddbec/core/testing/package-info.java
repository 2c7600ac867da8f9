/**
 * Test harnesses shared by ddbec's modules through the {@code ddbec-core} test-jar: {@link
 * dev.ddbec.core.testing.DynamoDbLocal}, an in-process DynamoDB Local server over HTTP on a free
 * loopback port, {@link dev.ddbec.core.testing.DynamoDbLocalExtension}, which runs one per test
 * class, and {@link dev.ddbec.core.testing.RecordingLogHandler}, which captures what is logged.
 * Test scope only; not part of any published API.
 */
package dev.ddbec.core.testing;
