/**
 * OpenTelemetry spans for ddbec: {@link dev.ddbec.opentelemetry.DdbecTracing}. What is recorded is
 * in docs/observability.md.
 */
package dev.ddbec.opentelemetry;
