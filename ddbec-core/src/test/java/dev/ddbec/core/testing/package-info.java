/**
 * Test helpers of ddbec-core's own tests: {@link dev.ddbec.core.testing.CapturedLog} (every SLF4J
 * log line) and {@link dev.ddbec.core.testing.RecordingLogHandler} (java.util.logging, Guava's),
 * which capture what is logged, and {@link dev.ddbec.core.testing.NoSecretsInLogs}, which fails any
 * test whose log lines hold a registered {@link dev.ddbec.core.testing.Secrets} value. What other
 * modules' tests share (the DynamoDB harness, the provider contract, the item generators) is in
 * {@code ddbec-testing}.
 */
package dev.ddbec.core.testing;
