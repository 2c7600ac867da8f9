/**
 * ddbec's Micrometer binding: {@link dev.ddbec.micrometer.DdbecMetrics}, a {@code DdbecObserver}
 * that records ddbec's events as meters, and a {@code MeterBinder}.
 */
module dev.ddbec.micrometer {
  requires transitive dev.ddbec.api;
  requires transitive micrometer.core;

  exports dev.ddbec.micrometer;
}
