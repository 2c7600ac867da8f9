package dev.ddbec.spark;

import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.testing.LocalDynamoDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The measurements of docs/spark.md's scaling note (not a test; run by hand, see the note): items
 * per second of verify and rewrite against the moto server (moto-bound) and of the export functions
 * on lines in memory (CPU-bound), with 1 and 2 local cores.
 *
 * <p>Arguments: table items (default 2000), export lines (default 20000).
 */
public final class SparkScaling {
  private SparkScaling() {}

  public static void main(String[] args) throws Exception {
    int tableItems = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int exportLines = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    Path dir = Files.createTempDirectory("ddbec-spark-scaling");
    SparkMaterials a = SparkTestSupport.newMaterials(dir);
    SparkMaterials b = SparkTestSupport.newMaterials(dir);
    List<String> lines = new ArrayList<>();
    List<String> plainLines = new ArrayList<>();
    for (Map<String, AttributeValue> item : SparkTestSupport.encrypted(a, "Books", exportLines)) {
      lines.add(ExportTest.exportLine(item));
    }
    for (int i = 0; i < exportLines; i++) {
      plainLines.add(ExportTest.exportLine(SparkTestSupport.plainItem(i)));
    }
    ExportTable export = new ExportTable("Books", "pk", null, SparkTestSupport.protection(a));
    try (LocalDynamoDb local = LocalDynamoDb.start()) {
      String table = local.createTable("scaling", "pk", null);
      SparkTestSupport.writeAll(
          local.client(), table, SparkTestSupport.encrypted(a, table, tableItems));
      for (int cores : new int[] {1, 2, 1, 2}) {
        SparkSession spark =
            SparkSession.builder()
                .master("local[" + cores + "]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        TableJob job =
            TableJob.builder()
                .dynamoDb(new DynamoDbSettings(local.endpoint(), LocalDynamoDb.REGION.id()))
                .table(table)
                .options(BulkOptions.builder().totalSegments(cores * 2).build())
                .build();
        double verify = rate(tableItems, () -> job.verify(spark, SparkTestSupport.protection(a)));
        double rewrite =
            rate(
                tableItems,
                () ->
                    job.reencrypt(
                        spark, SparkTestSupport.protection(a), SparkTestSupport.protection(b)));
        // And back, so that the next round rewrites every item again.
        job.reencrypt(spark, SparkTestSupport.protection(b), SparkTestSupport.protection(a));
        Dataset<String> ds =
            spark.createDataset(lines, Encoders.STRING()).repartition(cores * 2).cache();
        ds.count();
        Dataset<String> plain =
            spark.createDataset(plainLines, Encoders.STRING()).repartition(cores * 2).cache();
        plain.count();
        double exportVerify = rate(exportLines, () -> DynamoDbExports.verify(ds, export).count());
        double exportDecrypt = rate(exportLines, () -> DynamoDbExports.decrypt(ds, export).count());
        double exportEncrypt =
            rate(exportLines, () -> DynamoDbExports.encrypt(plain, export).count());
        System.out.printf(
            "cores=%d table verify %.0f/s, rewrite %.0f/s; export verify %.0f/s, decrypt %.0f/s,"
                + " encrypt %.0f/s%n",
            cores, verify, rewrite, exportVerify, exportDecrypt, exportEncrypt);
        ds.unpersist();
        plain.unpersist();
        spark.stop();
      }
    }
  }

  private static double rate(int items, Runnable r) {
    long t = System.nanoTime();
    r.run();
    return items / ((System.nanoTime() - t) / 1e9);
  }
}
