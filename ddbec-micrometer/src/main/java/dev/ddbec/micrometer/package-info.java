/**
 * Micrometer meters for ddbec: {@link dev.ddbec.micrometer.DdbecMetrics}. Names and tags are in
 * docs/observability.md.
 */
package dev.ddbec.micrometer;
