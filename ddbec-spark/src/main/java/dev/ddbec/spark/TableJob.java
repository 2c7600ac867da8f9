package dev.ddbec.spark;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkListener;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.ItemClass;
import dev.ddbec.spark.internal.SegmentOutcome;
import dev.ddbec.spark.internal.SegmentTask;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Verifies, re-encrypts or protects a live table on Spark: one partition per DynamoDB parallel-scan
 * segment ({@code TotalSegments} = partitions), each task running ddbec-bulk's per-segment core
 * ({@link dev.ddbec.bulk.TableVerifier#runSegment}, {@link
 * dev.ddbec.bulk.TableRewriter#runSegment}) with the same conditional writes and skip rules as
 * {@code ddbec table}.
 *
 * <pre>{@code
 * TableJobResult result = TableJob.builder()
 *     .dynamoDb(DynamoDbSettings.defaults())
 *     .table("Books")
 *     .options(BulkOptions.builder().totalSegments(64).maxWriteRate(2000).build())
 *     .checkpointDirectory("s3://my-bucket/ddbec/books-rotation")
 *     .build()
 *     .reencrypt(spark, oldProtection, newProtection);
 * System.out.println(result.summaryJson());
 * }</pre>
 *
 * <ul>
 *   <li><b>Checkpoints</b>: with a checkpoint directory (any Hadoop file system the executors
 *       reach), each segment keeps its own checkpoint there, written after every page; a job run
 *       again with the same directory continues each segment where it stopped (a failed, killed or
 *       {@linkplain Builder#maxPagesPerSegment stopped} job).
 *   <li><b>Rates</b>: the read and write limits are for the whole job; each task gets the limit
 *       divided by the number of tasks that run at once (the segments, or the session's default
 *       parallelism if lower).
 * </ul>
 *
 * <p>Immutable; serializable parts only are shipped to the executors.
 */
public final class TableJob {
  private final DynamoDbSettings dynamoDb;
  private final String table;
  private final BulkOptions options;
  private final String checkpointDirectory;
  private final int maxPagesPerSegment;
  private final int maxFindingsPerSegment;

  private TableJob(Builder b) {
    this.dynamoDb = b.dynamoDb;
    this.table = Objects.requireNonNull(b.table, "table");
    this.options = b.options;
    this.checkpointDirectory = b.checkpointDirectory;
    this.maxPagesPerSegment = b.maxPagesPerSegment;
    this.maxFindingsPerSegment = b.maxFindingsPerSegment;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Classifies every item under one configuration (writes nothing).
   *
   * @param spark the session
   * @param protection the configuration to verify with (not plaintext)
   * @return the result
   */
  public TableJobResult verify(SparkSession spark, SparkProtection protection) {
    if (protection.isPlaintext()) {
      throw new InvalidConfigurationException("verify needs a protection with materials");
    }
    return run(spark, protection, null);
  }

  /**
   * Rewrites every item from one configuration to another (rotation, new provider or actions).
   *
   * @param spark the session
   * @param source how the items are protected now
   * @param target how they are to be protected
   * @return the result
   */
  public TableJobResult reencrypt(
      SparkSession spark, SparkProtection source, SparkProtection target) {
    return run(spark, source, checkTarget(target));
  }

  /**
   * Encrypts and signs every plaintext item.
   *
   * @param spark the session
   * @param target how the items are to be protected
   * @return the result
   */
  public TableJobResult protect(SparkSession spark, SparkProtection target) {
    return run(spark, SparkProtection.plaintext(), checkTarget(target));
  }

  private static SparkProtection checkTarget(SparkProtection target) {
    if (target == null || target.isPlaintext()) {
      throw new InvalidConfigurationException("the target protection needs materials");
    }
    return target;
  }

  private TableJobResult run(SparkSession spark, SparkProtection source, SparkProtection target) {
    long estimated = describe();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int segments = options.totalSegments();
    int concurrent = Math.max(1, Math.min(segments, jsc.defaultParallelism()));
    SegmentTask.Spec spec =
        new SegmentTask.Spec(
            dynamoDb,
            table,
            segments,
            options.pageSize(),
            checkpointDirectory,
            options.maxReadRate() / concurrent,
            options.maxWriteRate() / concurrent,
            options.rateUnit(),
            options.dryRun(),
            maxPagesPerSegment,
            options.maxConflictRetries(),
            maxFindingsPerSegment);
    long start = System.nanoTime();
    List<Integer> ids = IntStream.range(0, segments).boxed().toList();
    List<SegmentOutcome> outcomes =
        jsc.parallelize(ids, segments)
            .mapPartitions(new SegmentTask(spec, source, target))
            .collect();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    BulkCounts total = BulkCounts.ZERO;
    boolean complete = true;
    List<Finding> findings = new ArrayList<>();
    for (SegmentOutcome o : outcomes) {
      total = total.plus(o.checkpoint().counts());
      complete &= o.checkpoint().done();
      for (String[] f : o.findings()) {
        findings.add(new Finding(keyOf(f[0]), ItemClass.valueOf(f[1])));
      }
    }
    return new TableJobResult(
        spark, new BulkResult(total, findings, estimated, elapsed, complete), outcomes);
  }

  private static Map<String, AttributeValue> keyOf(String json) {
    try {
      return DynamoDbJson.item(DynamoDbJson.MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks on the driver that the table exists; its estimated item count. */
  private long describe() {
    try (DynamoDbClient ddb = dynamoDb.newClient()) {
      Long n = ddb.describeTable(r -> r.tableName(table)).table().itemCount();
      return n == null ? -1 : n;
    } catch (ResourceNotFoundException e) {
      throw new InvalidConfigurationException("Table " + table + " does not exist", e);
    }
  }

  /** Builder of {@link TableJob}. */
  public static final class Builder {
    private DynamoDbSettings dynamoDb = DynamoDbSettings.defaults();
    private String table;
    private BulkOptions options = BulkOptions.defaults();
    private String checkpointDirectory;
    private int maxPagesPerSegment;
    private int maxFindingsPerSegment = 10_000;

    private Builder() {}

    /**
     * Where the executors' clients connect (default: the region's endpoint).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder dynamoDb(DynamoDbSettings settings) {
      this.dynamoDb = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The table.
     *
     * @param table the table name
     * @return this builder
     */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /**
     * ddbec-bulk's options: total segments (= Spark partitions = tasks), page size, the rate limits
     * of the whole job, rate unit, dry run and conflict retries. A checkpoint file or a listener is
     * refused: checkpoints go to {@link #checkpointDirectory}, and the results come back to the
     * driver.
     *
     * @param options the options
     * @return this builder
     * @throws InvalidConfigurationException if they name a checkpoint file or a listener
     */
    public Builder options(BulkOptions options) {
      Objects.requireNonNull(options, "options");
      if (options.checkpointFile().isPresent() || options.listener() != BulkListener.NONE) {
        throw new InvalidConfigurationException(
            "a Spark table job keeps one checkpoint per segment under checkpointDirectory and"
                + " returns its findings: give BulkOptions without a checkpoint file or listener");
      }
      this.options = options;
      return this;
    }

    /**
     * The directory of the segments' checkpoints (a Hadoop file system path or URI the executors
     * reach: {@code /shared/dir}, {@code hdfs://...}, {@code s3://...}); null for none.
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder checkpointDirectory(String directory) {
      this.checkpointDirectory = directory;
      return this;
    }

    /**
     * Stop each segment after this many pages in this run (0, the default: no limit): runs a large
     * table in slices, each job continuing from the checkpoints of the one before.
     *
     * @param pages 0 or more
     * @return this builder
     */
    public Builder maxPagesPerSegment(int pages) {
      this.maxPagesPerSegment = notNegative(pages, "maxPagesPerSegment");
      return this;
    }

    /**
     * How many findings (keys of items that are not OK) each segment sends back at most (default
     * 10,000): the counts stay exact, the list of keys is cut, so that verifying a plaintext or
     * wrongly configured table does not bring every key to the driver.
     *
     * @param max 0 or more
     * @return this builder
     */
    public Builder maxFindingsPerSegment(int max) {
      this.maxFindingsPerSegment = notNegative(max, "maxFindingsPerSegment");
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job
     */
    public TableJob build() {
      return new TableJob(this);
    }

    private static int notNegative(int n, String name) {
      if (n < 0) {
        throw new InvalidConfigurationException(name + " must not be negative");
      }
      return n;
    }
  }
}
