/**
 * Test helpers of ddbec-core's own tests: {@link dev.ddbec.core.testing.RecordingLogHandler}, which
 * captures what is logged. What other modules' tests share (the DynamoDB harness, the provider
 * contract, the item generators) is in {@code ddbec-testing}.
 */
package dev.ddbec.core.testing;
