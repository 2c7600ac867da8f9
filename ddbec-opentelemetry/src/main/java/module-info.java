/**
 * ddbec's OpenTelemetry binding: {@link dev.ddbec.opentelemetry.DdbecTracing}, a {@code
 * DdbecObserver} that records ddbec's events as spans and span events.
 */
module dev.ddbec.opentelemetry {
  requires transitive dev.ddbec.api;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.ddbec.opentelemetry;
}
