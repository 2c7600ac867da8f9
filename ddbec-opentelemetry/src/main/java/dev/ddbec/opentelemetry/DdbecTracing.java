package dev.ddbec.opentelemetry;

import dev.ddbec.api.observe.DdbecObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Records ddbec's events with OpenTelemetry: a {@link DdbecObserver} to hand to ddbec's builders
 * (with {@link DdbecObserver#of} next to the metrics, if any).
 *
 * <pre>{@code
 * DynamoDbClient client = EncryptedDynamoDbClient.builder()
 *     .delegate(dynamoDb).materialsProvider(keys)
 *     .observer(new DdbecTracing(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>Spans {@value #ENCRYPT} and {@value #DECRYPT} (attribute {@value #TABLE}) for every item,
 *       {@value #KMS} (attribute {@code ddbec.kms.operation}) for every KMS call and {@value
 *       #METASTORE} for every MetaStore read; a failed call's span has status ERROR.
 *   <li>Span events {@value #VERIFICATION_FAILED} (attributes {@value #TABLE}, {@code
 *       ddbec.reason}) and {@value #REFUSED} (attribute {@code ddbec.operation}) on the current
 *       span.
 * </ul>
 *
 * <p>The observer hears of an operation when it ends, with its duration: each span is recorded
 * then, with its real start and end times, as a child of the span current on that thread — the
 * application's span around the DynamoDB call, next to the AWS SDK's own span of the request
 * (encryption happens before the request is sent, decryption after the response). For the async
 * client, wrap its executor with {@code Context.taskWrapping(executor)} so that the application's
 * span is current on the crypto threads. Attributes are table and operation names and enum values
 * only. Thread-safe.
 */
public final class DdbecTracing implements DdbecObserver {
  /** Span name of an item's encryption. */
  public static final String ENCRYPT = "ddbec encrypt";

  /** Span name of an item's decryption. */
  public static final String DECRYPT = "ddbec decrypt";

  /** Span name of a KMS call. */
  public static final String KMS = "ddbec kms";

  /** Span name of a MetaStore read. */
  public static final String METASTORE = "ddbec metastore read";

  /** Event name of a verification failure or malformed item. */
  public static final String VERIFICATION_FAILED = "ddbec.verification_failed";

  /** Event name of a refused request. */
  public static final String REFUSED = "ddbec.request_refused";

  /** Attribute: the table name bound into the signature. */
  public static final String TABLE = "ddbec.table";

  private static final AttributeKey<String> TABLE_KEY = AttributeKey.stringKey(TABLE);
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("ddbec.reason");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("ddbec.operation");
  private static final AttributeKey<String> KMS_OPERATION =
      AttributeKey.stringKey("ddbec.kms.operation");

  private final Tracer tracer;

  /**
   * Tracing with the tracer {@code dev.ddbec} of {@code openTelemetry}.
   *
   * @param openTelemetry the application's OpenTelemetry (e.g. {@code GlobalOpenTelemetry.get()})
   */
  public DdbecTracing(OpenTelemetry openTelemetry) {
    this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer("dev.ddbec");
  }

  @Override
  public void itemEncrypted(String table, long nanos) {
    span(ENCRYPT, nanos, Attributes.of(TABLE_KEY, table), true);
  }

  @Override
  public void itemDecrypted(String table, long nanos) {
    span(DECRYPT, nanos, Attributes.of(TABLE_KEY, table), true);
  }

  @Override
  public void verificationFailed(String table, VerificationFailure reason) {
    Span.current()
        .addEvent(
            VERIFICATION_FAILED,
            Attributes.of(TABLE_KEY, table, REASON, reason.name().toLowerCase(Locale.ROOT)));
  }

  @Override
  public void malformedItem(String table) {
    Span.current()
        .addEvent(VERIFICATION_FAILED, Attributes.of(TABLE_KEY, table, REASON, "malformed"));
  }

  @Override
  public void requestRefused(String operation) {
    Span.current().addEvent(REFUSED, Attributes.of(OPERATION, operation));
  }

  @Override
  public void kmsCall(String operation, Outcome outcome, long nanos) {
    span(KMS, nanos, Attributes.of(KMS_OPERATION, operation), outcome == Outcome.SUCCESS);
  }

  @Override
  public void metaStoreRead(Outcome outcome, long nanos) {
    span(METASTORE, nanos, Attributes.empty(), outcome == Outcome.SUCCESS);
  }

  @Override
  public String toString() {
    return "DdbecTracing";
  }

  /** A span that ended now and lasted {@code nanos}, child of the current span. */
  private void span(String name, long nanos, Attributes attributes, boolean ok) {
    Instant end = Instant.now();
    Span span =
        tracer
            .spanBuilder(name)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(attributes)
            .setStartTimestamp(end.minusNanos(nanos))
            .startSpan();
    if (!ok) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end(end);
  }
}
