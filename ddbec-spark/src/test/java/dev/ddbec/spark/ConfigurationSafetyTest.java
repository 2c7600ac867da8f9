package dev.ddbec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.bulk.RateUnit;
import dev.ddbec.spark.internal.ExportFunctions;
import dev.ddbec.spark.internal.SegmentTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay references: the serialized tasks (Java serialization, and Spark's own closure
 * serializer) and the plan's string form hold the {@code file:} reference, never the key.
 */
@ExtendWith(SharedSpark.class)
class ConfigurationSafetyTest {
  @TempDir Path dir;

  @Test
  void serializedTasksAndPlans_holdTheReference_neverTheSecret(SparkSession spark)
      throws IOException {
    SparkMaterials m = SparkTestSupport.newMaterials(dir);
    String reference = m.properties().get("wrapping-key");
    byte[] secret = Files.readAllBytes(Path.of(reference.substring("file:".length())));
    SparkProtection p = SparkTestSupport.protection(m);
    m.provider(); // loaded (and cached) in this JVM first: the cache must not travel either
    ExportTable table = new ExportTable("Books", "pk", null, p);
    SegmentTask task =
        new SegmentTask(
            new SegmentTask.Spec(
                DynamoDbSettings.defaults(),
                "Books",
                4,
                100,
                dir.toString(),
                10,
                10,
                RateUnit.CAPACITY_UNITS,
                false,
                0,
                10,
                100),
            p,
            p);

    for (Object function :
        List.of(task, ExportFunctions.decrypt(table), new ExportFunctions.Verify(table))) {
      byte[] java = javaSerialize(function);
      ByteBuffer viaSpark =
          SparkEnv.get()
              .closureSerializer()
              .newInstance()
              .serialize(function, scala.reflect.ClassTag$.MODULE$.apply(Object.class));
      byte[] spark_ = new byte[viaSpark.remaining()];
      viaSpark.get(spark_);
      for (byte[] bytes : List.of(java, spark_)) {
        assertThat(contains(bytes, reference.getBytes(StandardCharsets.UTF_8)))
            .as("the reference travels")
            .isTrue();
        assertNoSecret(bytes, secret);
      }
    }

    Dataset<String> lines = spark.createDataset(List.of("{\"Item\":{}}"), Encoders.STRING());
    Dataset<String> decrypted = DynamoDbExports.decrypt(lines, table);
    String plan = decrypted.queryExecution().toString() + decrypted.rdd().toDebugString();
    assertNoSecret(plan.getBytes(StandardCharsets.UTF_8), secret);
    assertThat(p.toString()).doesNotContain(reference);
  }

  private static byte[] javaSerialize(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  private static void assertNoSecret(byte[] bytes, byte[] secret) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(contains(bytes, secret)).as("raw key bytes").isFalse();
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(secret));
    assertThat(text.toLowerCase()).doesNotContain(HexFormat.of().formatHex(secret));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
