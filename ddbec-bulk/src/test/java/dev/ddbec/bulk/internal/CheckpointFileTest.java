package dev.ddbec.bulk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.SegmentCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CheckpointFileTest {
  @TempDir Path dir;

  private static SegmentCheckpoint[] state() {
    return new SegmentCheckpoint[] {
      new SegmentCheckpoint(
          0,
          2,
          Map.of(
              "pk", AttributeValue.fromS("a=b:c é"),
              "sk", AttributeValue.fromN("-1.5E3")),
          new BulkCounts(10, 9, 1, 0, 0, 0, 8, 1, 2, 1),
          false),
      new SegmentCheckpoint(1, 2, Map.of(), new BulkCounts(7, 7, 0, 0, 0, 0, 7, 0, 0, 0), true)
    };
  }

  @Test
  void saveThenLoad_sameRun_returnsTheSegments() {
    Path file = dir.resolve("run.checkpoint");
    SegmentCheckpoint[] saved = state();
    CheckpointFile.save(file, "rewrite", "Books", saved);
    assertThat(CheckpointFile.load(file, "rewrite", "Books", 2)).containsExactly(saved);
    SegmentCheckpoint[] binary = {
      new SegmentCheckpoint(
          0,
          1,
          Map.of("pk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 7}))),
          BulkCounts.ZERO,
          false)
    };
    CheckpointFile.save(file, "verify", "Books", binary);
    assertThat(CheckpointFile.load(file, "verify", "Books", 1)).containsExactly(binary);
    assertThat(dir.toFile().list()).containsExactly("run.checkpoint"); // no temporary file left
  }

  @Test
  void load_missingFile_returnsNull() {
    assertThat(CheckpointFile.load(dir.resolve("none"), "verify", "Books", 4)).isNull();
  }

  @Test
  void load_otherTableOperationOrSegments_throwsInvalidConfiguration() throws Exception {
    Path file = dir.resolve("run.checkpoint");
    CheckpointFile.save(file, "rewrite", "Books", state());
    assertThatThrownBy(() -> CheckpointFile.load(file, "rewrite", "Orders", 2))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("belongs to another run");
    assertThatThrownBy(() -> CheckpointFile.load(file, "verify", "Books", 2))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> CheckpointFile.load(file, "rewrite", "Books", 4))
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(
        file, "operation=rewrite\ntable=Books\ntotalSegments=1\nsegment.0.counts=1,2\n");
    assertThatThrownBy(() -> CheckpointFile.load(file, "rewrite", "Books", 1))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void encodeOneSegment_decodesToThatSegment_othersAtTheirStart() {
    SegmentCheckpoint one = state()[0];
    String text = CheckpointFile.encode("rewrite", "Books", one);
    SegmentCheckpoint[] decoded = CheckpointFile.decode(text, "rewrite", "Books", 2, "mem");
    assertThat(decoded[0]).isEqualTo(one);
    assertThat(decoded[1]).isEqualTo(SegmentCheckpoint.start(1, 2));
    assertThatThrownBy(() -> CheckpointFile.decode(text, "verify", "Books", 2, "mem"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("mem belongs to another run");
  }
}
