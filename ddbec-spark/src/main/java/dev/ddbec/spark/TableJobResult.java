package dev.ddbec.spark;

import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.spark.internal.SegmentOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The outcome of a {@link TableJob}: the totals as ddbec-bulk's {@link BulkResult}, the same
 * summary JSON {@code ddbec table} prints, and Datasets of the per-segment counts and of the
 * findings (keys and classes of the items that were not OK in this run; never another attribute).
 */
public final class TableJobResult {
  /** The columns of {@link #segments()}. */
  public static final StructType SEGMENT_SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("segment", DataTypes.IntegerType, false),
            DataTypes.createStructField("scanned", DataTypes.LongType, false),
            DataTypes.createStructField("ok", DataTypes.LongType, false),
            DataTypes.createStructField("tampered", DataTypes.LongType, false),
            DataTypes.createStructField("plaintext", DataTypes.LongType, false),
            DataTypes.createStructField("unreadable", DataTypes.LongType, false),
            DataTypes.createStructField("malformed", DataTypes.LongType, false),
            DataTypes.createStructField("rewritten", DataTypes.LongType, false),
            DataTypes.createStructField("skipped", DataTypes.LongType, false),
            DataTypes.createStructField("conflicts", DataTypes.LongType, false),
            DataTypes.createStructField("failed", DataTypes.LongType, false),
            DataTypes.createStructField("done", DataTypes.BooleanType, false)
          });

  /** The columns of {@link #findings()}: the key as DynamoDB JSON and the class name. */
  public static final StructType FINDING_SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, false),
            DataTypes.createStructField("class", DataTypes.StringType, false)
          });

  private final SparkSession spark;
  private final BulkResult result;
  private final List<SegmentOutcome> outcomes;

  TableJobResult(SparkSession spark, BulkResult result, List<SegmentOutcome> outcomes) {
    this.spark = spark;
    this.result = result;
    this.outcomes = List.copyOf(outcomes);
  }

  /**
   * The totals (counts include those of resumed checkpoints; findings are this run's).
   *
   * @return the result
   */
  public BulkResult result() {
    return result;
  }

  /**
   * The summary line {@code ddbec table} prints ({@link BulkResult#summaryJson()}).
   *
   * @return one JSON object
   */
  public String summaryJson() {
    return result.summaryJson();
  }

  /**
   * One row per segment: its counts and whether it was scanned to its end.
   *
   * @return the Dataset ({@link #SEGMENT_SCHEMA})
   */
  public Dataset<Row> segments() {
    List<Row> rows = new ArrayList<>();
    for (SegmentOutcome o : outcomes) {
      BulkCounts c = o.checkpoint().counts();
      long[] v = c.toArray();
      Object[] row = new Object[v.length + 2];
      row[0] = o.checkpoint().segment();
      for (int i = 0; i < v.length; i++) {
        row[i + 1] = v[i];
      }
      row[v.length + 1] = o.checkpoint().done();
      rows.add(RowFactory.create(row));
    }
    return spark.createDataFrame(rows, SEGMENT_SCHEMA);
  }

  /**
   * One row per item of this run that was not OK: its key (DynamoDB JSON) and class.
   *
   * @return the Dataset ({@link #FINDING_SCHEMA})
   */
  public Dataset<Row> findings() {
    List<Row> rows = new ArrayList<>();
    for (SegmentOutcome o : outcomes) {
      for (String[] f : o.findings()) {
        rows.add(RowFactory.create(f[0], f[1]));
      }
    }
    return spark.createDataFrame(rows, FINDING_SCHEMA);
  }
}
