package dev.ddbec.spark.internal;

import dev.ddbec.bulk.SegmentCheckpoint;
import java.io.Serializable;
import java.util.List;

/**
 * What one segment task sends back to the driver: its last checkpoint (counts included) and the
 * findings of this run as DynamoDB JSON keys and class names (no other attribute).
 *
 * @param checkpoint the segment's last checkpoint
 * @param findings key (DynamoDB JSON) and class of every item that was not OK
 */
public record SegmentOutcome(SegmentCheckpoint checkpoint, List<String[]> findings)
    implements Serializable {
  public SegmentOutcome {
    findings = List.copyOf(findings);
  }
}
