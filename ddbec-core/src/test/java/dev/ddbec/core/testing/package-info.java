/**
 * Test helpers shared by ddbec's modules through the {@code ddbec-core} test-jar: jqwik generators
 * for attribute values, items and actions ({@link
 * dev.ddbec.core.testing.AttributeValueArbitraries}) and {@link
 * dev.ddbec.core.testing.RecordingLogHandler}, which captures what is logged. The DynamoDB harness
 * is {@code dev.ddbec.testing.LocalDynamoDb} in {@code ddbec-testing}. Test scope only; not part of
 * any published API.
 */
package dev.ddbec.core.testing;
