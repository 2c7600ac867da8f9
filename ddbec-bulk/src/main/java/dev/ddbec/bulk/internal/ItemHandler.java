package dev.ddbec.bulk.internal;

import dev.ddbec.bulk.Finding;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a segment does with each scanned item. Shared by the segments: must be thread-safe. */
@FunctionalInterface
public interface ItemHandler {
  void handle(Map<String, AttributeValue> item, Counters counters, Consumer<Finding> findings);
}
