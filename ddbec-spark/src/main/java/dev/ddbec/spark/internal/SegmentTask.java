package dev.ddbec.spark.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ddbec.bulk.BulkListener;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.RateUnit;
import dev.ddbec.bulk.SegmentCheckpoint;
import dev.ddbec.bulk.TableRewriter;
import dev.ddbec.bulk.TableVerifier;
import dev.ddbec.spark.DynamoDbSettings;
import dev.ddbec.spark.SparkProtection;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One Spark task: runs ddbec-bulk's per-segment core ({@code runSegment}) for each segment of its
 * partition, with the job's share of the rate limits, resuming from and writing the segment's
 * checkpoint. Holds configuration only (no provider, client or secret).
 */
public final class SegmentTask implements FlatMapFunction<Iterator<Integer>, SegmentOutcome> {
  private static final long serialVersionUID = 1L;

  /** The job's settings, as they travel to the executors. */
  public record Spec(
      DynamoDbSettings dynamoDb,
      String table,
      int totalSegments,
      int pageSize,
      String checkpointDirectory,
      double readRatePerTask,
      double writeRatePerTask,
      RateUnit rateUnit,
      boolean dryRun,
      int maxPagesPerSegment,
      int maxConflictRetries,
      int maxFindingsPerSegment)
      implements Serializable {}

  private final Spec spec;
  private final SparkProtection source;
  private final SparkProtection target;

  /**
   * A verify task ({@code target} null) or a rewrite task.
   *
   * @param source what to verify with, or the source of a rewrite
   * @param target the target of a rewrite, or null to verify
   */
  public SegmentTask(Spec spec, SparkProtection source, SparkProtection target) {
    this.spec = spec;
    this.source = source;
    this.target = target;
  }

  @Override
  public Iterator<SegmentOutcome> call(Iterator<Integer> segments) {
    List<SegmentOutcome> out = new ArrayList<>();
    try (DynamoDbClient ddb = spec.dynamoDb().newClient()) {
      while (segments.hasNext()) {
        out.add(run(ddb, segments.next()));
      }
    }
    return out.iterator();
  }

  /** Runs a segment: {@code runSegment} of a verifier or rewriter. */
  private interface SegmentRun {
    SegmentCheckpoint run(
        SegmentCheckpoint from, BooleanSupplier stop, Consumer<SegmentCheckpoint> onCheckpoint);
  }

  /** Decodes a segment's checkpoint: {@code decodeCheckpoint} of a verifier or rewriter. */
  private interface Decoder {
    SegmentCheckpoint decode(String text, int segment, String source);
  }

  /** The three operations of a bulk verifier or rewriter that a task uses. */
  private record Runner(
      SegmentRun run, Function<SegmentCheckpoint, String> encode, Decoder decode) {}

  private SegmentOutcome run(DynamoDbClient ddb, int segment) {
    List<String[]> findings = Collections.synchronizedList(new ArrayList<>());
    BulkListener listener =
        new BulkListener() {
          @Override
          public void onFinding(Finding f) {
            if (findings.size() < spec.maxFindingsPerSegment()) {
              findings.add(new String[] {keyJson(f), f.itemClass().name()});
            }
          }
        };
    BulkOptions options =
        BulkOptions.builder()
            .totalSegments(spec.totalSegments())
            .pageSize(spec.pageSize())
            .maxReadRate(spec.readRatePerTask())
            .maxWriteRate(spec.writeRatePerTask())
            .rateUnit(spec.rateUnit())
            .dryRun(spec.dryRun())
            .maxConflictRetries(spec.maxConflictRetries())
            .listener(listener)
            .build();
    Runner runner = runner(ddb, options);
    SegmentCheckpoints store =
        spec.checkpointDirectory() == null
            ? null
            : new SegmentCheckpoints(spec.checkpointDirectory());
    SegmentCheckpoint from = SegmentCheckpoint.start(segment, spec.totalSegments());
    if (store != null) {
      String text = store.read(segment, spec.totalSegments());
      if (text != null) {
        from = runner.decode().decode(text, segment, spec.checkpointDirectory());
      }
    }
    AtomicInteger pages = new AtomicInteger();
    SegmentCheckpoint last =
        runner
            .run()
            .run(
                from,
                () -> spec.maxPagesPerSegment() > 0 && pages.get() >= spec.maxPagesPerSegment(),
                cp -> {
                  pages.incrementAndGet();
                  if (store != null) {
                    store.write(segment, spec.totalSegments(), runner.encode().apply(cp));
                  }
                });
    return new SegmentOutcome(last, findings);
  }

  private Runner runner(DynamoDbClient ddb, BulkOptions options) {
    if (target == null) {
      TableVerifier v =
          TableVerifier.builder()
              .dynamoDbClient(ddb)
              .tableName(spec.table())
              .protection(source.toItemProtection())
              .options(options)
              .build();
      return new Runner(v::runSegment, v::encodeCheckpoint, v::decodeCheckpoint);
    }
    TableRewriter r =
        TableRewriter.builder()
            .dynamoDbClient(ddb)
            .tableName(spec.table())
            .source(source.toItemProtection())
            .target(target.toItemProtection())
            .options(options)
            .build();
    return new Runner(r::runSegment, r::encodeCheckpoint, r::decodeCheckpoint);
  }

  static String keyJson(Finding f) {
    try {
      return DynamoDbJson.MAPPER.writeValueAsString(DynamoDbJson.toJson(f.key()));
    } catch (JsonProcessingException e) { // a tree of plain nodes always serializes
      throw new IllegalStateException(e);
    }
  }
}
