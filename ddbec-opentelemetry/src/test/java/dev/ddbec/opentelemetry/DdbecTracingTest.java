package dev.ddbec.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.observe.DdbecObserver.Outcome;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DdbecTracing's spans, exported by the OpenTelemetry SDK to memory. */
class DdbecTracingTest {
  /** Not hexadecimal, so that no span or trace id can contain it by chance. */
  private static final String BOOK_KEY = "book-Quixote";

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  static final CryptoConfig CONFIG =
      CryptoConfig.of(
          EncryptionContext.builder().tableName("Books").partitionKeyName("pk").build(),
          AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk"));
  static final Map<String, AttributeValue> ITEM =
      Map.of("pk", AttributeValue.fromS(BOOK_KEY), "title", AttributeValue.fromS("Secret Title"));

  @Test
  void encryptDecryptTamper_childSpansOfTheApplicationSpanAndAnEvent() {
    DdbecTracing tracing = new DdbecTracing(OTEL.getOpenTelemetry());
    ItemEncryptor encryptor = ItemEncryptor.create(provider()).withObserver(tracing);
    Span app = OTEL.getOpenTelemetry().getTracer("app").spanBuilder("app").startSpan();
    try (Scope ignored = app.makeCurrent()) {
      Map<String, AttributeValue> stored = encryptor.encryptItem(ITEM, CONFIG);
      encryptor.decryptItem(stored, CONFIG);
      Map<String, AttributeValue> tampered = new HashMap<>(stored);
      tampered.put("pk", AttributeValue.fromS("b2"));
      assertThatThrownBy(() -> encryptor.decryptItem(tampered, CONFIG))
          .isInstanceOf(ItemIntegrityException.class);
    } finally {
      app.end();
    }

    List<SpanData> spans = OTEL.getSpans();
    SpanData appSpan = spans.stream().filter(s -> s.getName().equals("app")).findFirst().get();
    List<SpanData> ddbec = spans.stream().filter(s -> s.getName().startsWith("ddbec")).toList();
    assertThat(ddbec)
        .extracting(SpanData::getName)
        .containsExactly(DdbecTracing.ENCRYPT, DdbecTracing.DECRYPT);
    for (SpanData s : ddbec) {
      assertThat(s.getParentSpanId()).isEqualTo(appSpan.getSpanId());
      assertThat(s.getAttributes().asMap().values()).map(Object::toString).containsExactly("Books");
      assertThat(s.getEndEpochNanos()).isGreaterThan(s.getStartEpochNanos());
      assertThat(s.getStartEpochNanos()).isGreaterThanOrEqualTo(appSpan.getStartEpochNanos());
    }
    assertThat(appSpan.getEvents()).hasSize(1);
    assertThat(appSpan.getEvents().get(0).getName()).isEqualTo(DdbecTracing.VERIFICATION_FAILED);
    assertThat(appSpan.getEvents().get(0).getAttributes().asMap().values())
        .map(Object::toString)
        .containsExactlyInAnyOrder("Books", "signature_mismatch");
    assertThat(spans.toString()).doesNotContain("Secret Title").doesNotContain(BOOK_KEY);
  }

  @Test
  void kmsCall_failure_spanWithErrorStatus() {
    DdbecTracing tracing = new DdbecTracing(OTEL.getOpenTelemetry());
    tracing.kmsCall("Decrypt", Outcome.FAILURE, 2_000_000);
    tracing.metaStoreRead(Outcome.SUCCESS, 1_000_000);

    List<SpanData> spans = OTEL.getSpans();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly(DdbecTracing.KMS, DdbecTracing.METASTORE);
    assertThat(spans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(0).getEndEpochNanos() - spans.get(0).getStartEpochNanos())
        .isEqualTo(2_000_000);
    assertThat(spans.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  static StaticMaterialsProvider provider() {
    SecureRandom random = new SecureRandom();
    byte[] aes = new byte[16];
    byte[] mac = new byte[32];
    random.nextBytes(aes);
    random.nextBytes(mac);
    return StaticMaterialsProvider.builder()
        .encryptionKey(new SecretKeySpec(aes, "AES"))
        .hmacKey(new SecretKeySpec(mac, "HmacSHA256"))
        .build();
  }
}
