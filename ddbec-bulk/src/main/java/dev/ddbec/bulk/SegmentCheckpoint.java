package dev.ddbec.bulk;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where one parallel-scan segment stands: the last evaluated key of its last completed page and its
 * counts up to there. Serializable, so that a segment can run as one task of a distributed job and
 * report back.
 *
 * @param segment the segment number (0-based)
 * @param totalSegments the number of segments of the scan
 * @param lastEvaluatedKey the key to continue after; empty at the start and when done
 * @param counts the segment's counts up to {@code lastEvaluatedKey}
 * @param done whether the segment was scanned to its end
 */
public record SegmentCheckpoint(
    int segment,
    int totalSegments,
    Map<String, AttributeValue> lastEvaluatedKey,
    BulkCounts counts,
    boolean done)
    implements Serializable {

  /**
   * Validates and copies.
   *
   * @param segment the segment
   * @param totalSegments the number of segments
   * @param lastEvaluatedKey the key (copied)
   * @param counts the counts
   * @param done whether done
   */
  public SegmentCheckpoint {
    if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
      throw new IllegalArgumentException(
          "segment " + segment + " is not one of " + totalSegments + " segments");
    }
    lastEvaluatedKey =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(lastEvaluatedKey, "lastEvaluatedKey")));
    Objects.requireNonNull(counts, "counts");
  }

  /**
   * The state of a segment that has not started.
   *
   * @param segment the segment
   * @param totalSegments the number of segments
   * @return the initial checkpoint
   */
  public static SegmentCheckpoint start(int segment, int totalSegments) {
    return new SegmentCheckpoint(segment, totalSegments, Map.of(), BulkCounts.ZERO, false);
  }
}
