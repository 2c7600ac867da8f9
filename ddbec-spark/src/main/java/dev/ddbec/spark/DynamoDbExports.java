package dev.ddbec.spark;

import dev.ddbec.spark.internal.ExportFunctions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Functions over the lines of a DynamoDB export to S3 in DynamoDB JSON ({@code {"Item": {...}}} per
 * line, gzip files): verify, decrypt (to export lines, or to a column per attribute) and encrypt,
 * with the options of {@code ddbec decrypt} and {@code ddbec encrypt}. Each partition builds one
 * item encryptor; the materials are loaded on the executors ({@link SparkMaterials}).
 *
 * <pre>{@code
 * Dataset<String> lines = DynamoDbExports.read(spark, "s3://bucket/AWSDynamoDB/0169.../data/");
 * ExportTable books = new ExportTable("Books", "isbn", null, protection);
 * Dataset<Row> bad = DynamoDbExports.verify(lines, books).where("class <> 'OK'");
 * Dataset<String> plain = DynamoDbExports.decrypt(lines, books);
 * }</pre>
 *
 * <p>Lazy, like every Dataset transformation: nothing runs until an action. Blank lines are
 * skipped. A line that is not an export item, or an item that does not verify, fails the task in
 * {@link #decrypt} (run {@link #verify} first to list them); errors never quote a line.
 */
public final class DynamoDbExports {
  /** The columns of {@link #verify}: the key as DynamoDB JSON and the class name. */
  public static final StructType VERIFY_SCHEMA = TableJobResult.FINDING_SCHEMA;

  private DynamoDbExports() {}

  /**
   * Reads export files (gzip or plain text; files, directories or globs) as lines.
   *
   * @param spark the session
   * @param paths the paths
   * @return the lines
   */
  public static Dataset<String> read(SparkSession spark, String... paths) {
    return spark.read().textFile(paths);
  }

  /**
   * Classifies every item ({@code OK}, {@code TAMPERED}, {@code PLAINTEXT}, {@code UNREADABLE},
   * {@code MALFORMED}) as {@code ddbec table verify} does.
   *
   * @param lines export lines
   * @param table the table and its protection
   * @return one row per item ({@link #VERIFY_SCHEMA})
   */
  public static Dataset<Row> verify(Dataset<String> lines, ExportTable table) {
    return lines.mapPartitions(new ExportFunctions.Verify(table), Encoders.row(VERIFY_SCHEMA));
  }

  /**
   * Verifies and decrypts every item, as {@code ddbec decrypt} does, to export lines.
   *
   * @param lines export lines of protected items
   * @param table the table and its protection
   * @return the plaintext items as export lines
   */
  public static Dataset<String> decrypt(Dataset<String> lines, ExportTable table) {
    return lines.mapPartitions(ExportFunctions.decrypt(table), Encoders.STRING());
  }

  /**
   * Verifies and decrypts every item into a column per attribute of {@code schema} (by name;
   * missing attributes and NULL are null). S and N fit StringType, N fits the numeric types, BOOL
   * BooleanType, B BinaryType, SS/NS/BS/L ArrayType; any other value in a StringType column is its
   * DynamoDB JSON.
   *
   * @param lines export lines of protected items
   * @param table the table and its protection
   * @param schema the columns
   * @return the rows
   */
  public static Dataset<Row> decrypt(Dataset<String> lines, ExportTable table, StructType schema) {
    return lines.mapPartitions(ExportFunctions.decryptToRows(table, schema), Encoders.row(schema));
  }

  /**
   * Encrypts and signs every item, as {@code ddbec encrypt} does.
   *
   * @param lines export lines of plaintext items
   * @param table the table and its protection
   * @return the protected items as export lines
   */
  public static Dataset<String> encrypt(Dataset<String> lines, ExportTable table) {
    return lines.mapPartitions(ExportFunctions.encrypt(table), Encoders.STRING());
  }
}
