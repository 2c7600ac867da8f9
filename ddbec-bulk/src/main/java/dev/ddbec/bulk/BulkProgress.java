package dev.ddbec.bulk;

import java.time.Duration;

/**
 * A progress report of a running bulk operation.
 *
 * @param counts the counts so far (including those of a resumed checkpoint)
 * @param estimatedTotal the table's item count as {@code DescribeTable} reports it: an estimate,
 *     updated by DynamoDB about every six hours; -1 when unknown
 * @param itemsPerSecond items scanned per second by this run
 * @param elapsed time since this run started
 */
public record BulkProgress(
    BulkCounts counts, long estimatedTotal, double itemsPerSecond, Duration elapsed) {}
