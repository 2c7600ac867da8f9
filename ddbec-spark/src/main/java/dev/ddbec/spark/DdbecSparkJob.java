package dev.ddbec.spark;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code spark-submit} entry point: {@code verify}, {@code reencrypt} and {@code protect} a
 * live table, {@code decrypt-export} an export, with the option names of {@code ddbec table},
 * {@code ddbec decrypt}. The last line on stdout is the summary JSON {@code ddbec table} prints.
 *
 * <pre>
 * spark-submit --class dev.ddbec.spark.DdbecSparkJob ddbec-spark-all.jar \
 *     reencrypt --table Books --materials old.properties --to-materials new.properties \
 *     --segments 64 --checkpoint s3://bucket/ddbec/books --max-write-rate 2000
 * </pre>
 */
@Command(
    name = "ddbec-spark",
    mixinStandardHelpOptions = true,
    description = "ddbec on Apache Spark: whole tables and table exports.",
    subcommands = {
      DdbecSparkJob.Verify.class,
      DdbecSparkJob.Reencrypt.class,
      DdbecSparkJob.Protect.class,
      DdbecSparkJob.DecryptExport.class
    })
public final class DdbecSparkJob {
  private final SparkSession spark;

  DdbecSparkJob(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Runs a command in the session {@code spark-submit} configured, and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("ddbec").getOrCreate();
    int status;
    try {
      status =
          run(
              spark,
              new PrintWriter(System.out, true, StandardCharsets.UTF_8),
              new PrintWriter(System.err, true, StandardCharsets.UTF_8),
              args);
    } finally {
      spark.stop();
    }
    System.exit(status);
  }

  /**
   * Runs a command in a session.
   *
   * @param spark the session
   * @param out standard output (the summary)
   * @param err standard error (messages)
   * @param args the command line
   * @return the exit status: 0 success, 1 items not OK or not rewritten, 2 usage or configuration
   */
  public static int run(SparkSession spark, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine(new DdbecSparkJob(spark));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof DdbecException || e instanceof UncheckedIOException) {
            err.println("ddbec-spark: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return 2;
          }
          throw e;
        });
    return cmd.execute(args);
  }

  /** The command line of a job (a job without a session parses only). */
  static CommandLine commandLine(DdbecSparkJob job) {
    return new CommandLine(
        DdbecSparkJob.class,
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == DdbecSparkJob.class) {
              return cls.cast(job);
            }
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof Base b) {
              b.job = job;
            } else if (k instanceof DecryptExport d) {
              d.job = job;
            }
            return k;
          }
        });
  }

  /** Options every table command shares (as {@code ddbec table}). */
  abstract static class Base implements Callable<Integer> {
    DdbecSparkJob job;

    @Spec CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", description = "DynamoDB endpoint.")
    URI endpoint;

    @Option(names = "--region", description = "AWS region (default: AWS_REGION, profile).")
    String region;

    @Option(names = "--table", required = true, description = "The table.")
    String table;

    @Option(
        names = "--segments",
        defaultValue = "4",
        description = "Parallel-scan segments = Spark partitions (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(
        names = "--page-size",
        defaultValue = "100",
        description = "Items per scan page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(
        names = "--checkpoint",
        paramLabel = "DIR",
        description =
            "Checkpoint directory (Hadoop path: local, hdfs://, s3://): one file per segment,"
                + " resumed from when the job runs again.")
    String checkpoint;

    @Option(
        names = "--max-read-rate",
        paramLabel = "N",
        defaultValue = "0",
        description = "Read capacity units per second over the whole job; 0: no limit.")
    double maxReadRate;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        description = "Write one JSON line per item that is not OK: its key and class.")
    Path report;

    BulkOptions.Builder options() {
      return BulkOptions.builder()
          .totalSegments(segments)
          .pageSize(pageSize)
          .maxReadRate(maxReadRate);
    }

    TableJob.Builder builder() {
      return TableJob.builder()
          .dynamoDb(new DynamoDbSettings(endpoint, region))
          .table(table)
          .options(options().build())
          .checkpointDirectory(checkpoint);
    }

    abstract TableJobResult run(TableJob.Builder builder);

    abstract boolean succeeded(BulkCounts counts);

    @Override
    public Integer call() {
      TableJobResult result = run(builder());
      if (report != null) {
        writeReport(result.findings().collectAsList());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.summaryJson());
      out.flush();
      BulkResult r = result.result();
      return r.complete() && succeeded(r.counts()) ? 0 : 1;
    }

    private void writeReport(List<Row> findings) {
      StringBuilder b = new StringBuilder();
      for (Row f : findings) {
        b.append("{\"key\":")
            .append(f.getString(0))
            .append(",\"class\":\"")
            .append(f.getString(1))
            .append("\"}\n");
      }
      try {
        Files.writeString(report, b.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write --report " + report, e);
      }
    }
  }

  /** {@code --materials}, {@code --default-action}, {@code --action} (as the CLI's). */
  static final class Materials {
    @Option(
        names = "--materials",
        required = true,
        paramLabel = "FILE",
        description = "Materials provider configuration (properties; secrets as env:/file:).")
    Path file;

    @Option(
        names = "--default-action",
        defaultValue = "ENCRYPT_AND_SIGN",
        description = "Action for attributes without --action: ${COMPLETION-CANDIDATES}.")
    CryptoAction defaultAction;

    @Option(
        names = "--action",
        paramLabel = "NAME=ACTION",
        description = "Per-attribute action, repeatable, e.g. --action genre=SIGN_ONLY.")
    Map<String, CryptoAction> actions = new LinkedHashMap<>();

    SparkProtection protection() {
      return SparkProtection.of(SparkMaterials.load(file), defaultAction, actions);
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Classifies every item (ok, tampered, plaintext, unreadable, malformed).")
  static final class Verify extends Base {
    @Mixin Materials materials;

    @Override
    TableJobResult run(TableJob.Builder builder) {
      return builder.build().verify(job.spark, materials.protection());
    }

    @Override
    boolean succeeded(BulkCounts c) {
      return c.allOk();
    }
  }

  /** Options of the commands that write. */
  abstract static class Writing extends Base {
    @Option(
        names = "--to-materials",
        required = true,
        paramLabel = "FILE",
        description = "Materials to write with.")
    Path toMaterials;

    @Option(
        names = "--to-default-action",
        defaultValue = "ENCRYPT_AND_SIGN",
        description = "Target action for attributes without --to-action.")
    CryptoAction toDefaultAction;

    @Option(
        names = "--to-action",
        paramLabel = "NAME=ACTION",
        description = "Target per-attribute action.")
    Map<String, CryptoAction> toActions = new LinkedHashMap<>();

    @Option(
        names = "--max-write-rate",
        paramLabel = "N",
        defaultValue = "0",
        description = "Write capacity units per second over the whole job; 0: no limit.")
    double maxWriteRate;

    @Option(names = "--dry-run", description = "Write nothing; count what would be rewritten.")
    boolean dryRun;

    SparkProtection target() {
      return SparkProtection.of(SparkMaterials.load(toMaterials), toDefaultAction, toActions);
    }

    @Override
    BulkOptions.Builder options() {
      return super.options().maxWriteRate(maxWriteRate).dryRun(dryRun);
    }

    @Override
    boolean succeeded(BulkCounts c) {
      return c.allRewritten();
    }
  }

  @Command(
      name = "reencrypt",
      mixinStandardHelpOptions = true,
      description = "Rewrites every item from one configuration to another.")
  static final class Reencrypt extends Writing {
    @Mixin Materials materials;

    @Override
    TableJobResult run(TableJob.Builder builder) {
      return builder.build().reencrypt(job.spark, materials.protection(), target());
    }
  }

  @Command(
      name = "protect",
      mixinStandardHelpOptions = true,
      description = "Encrypts and signs every plaintext item.")
  static final class Protect extends Writing {
    @Override
    TableJobResult run(TableJob.Builder builder) {
      return builder.build().protect(job.spark, target());
    }
  }

  @Command(
      name = "decrypt-export",
      mixinStandardHelpOptions = true,
      description =
          "Verifies and decrypts a DynamoDB export (DynamoDB JSON, gzip) into export lines"
              + " (text files under --out).")
  static final class DecryptExport implements Callable<Integer> {
    DdbecSparkJob job;

    @Spec CommandSpec spec;

    @Option(names = "--table", required = true, description = "Table name.")
    String table;

    @Option(names = "--partition-key", required = true, description = "Partition key.")
    String partitionKey;

    @Option(names = "--sort-key", description = "Sort key, if the table has one.")
    String sortKey;

    @Mixin Materials materials;

    @Option(
        names = "--in",
        required = true,
        paramLabel = "PATH",
        description = "Export data files, directory or glob (Hadoop path).")
    String in;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Output directory (Hadoop path; must not exist).")
    String out;

    @Override
    public Integer call() {
      ExportTable t = new ExportTable(table, partitionKey, sortKey, materials.protection());
      DynamoDbExports.decrypt(DynamoDbExports.read(job.spark, in), t).write().text(out);
      spec.commandLine().getOut().println("{\"out\":\"" + out.replace("\"", "") + "\"}");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
