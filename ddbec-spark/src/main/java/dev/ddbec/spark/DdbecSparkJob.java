package dev.ddbec.spark;

import dev.ddbec.api.DdbecException;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.cli.options.CurrentProtectionOptions;
import dev.ddbec.cli.options.DynamoDbEndpointOptions;
import dev.ddbec.cli.options.MaterialsOptions;
import dev.ddbec.cli.options.Protection;
import dev.ddbec.cli.options.TableKeyOptions;
import dev.ddbec.cli.options.TableOptions;
import dev.ddbec.cli.options.TargetProtectionOptions;
import dev.ddbec.cli.options.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * live table, {@code decrypt-export} an export, with the options of {@code ddbec table}, {@code
 * ddbec decrypt} (their mixins, from ddbec-cli-options). The last line on stdout is the summary
 * JSON {@code ddbec table} prints.
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

    @Mixin DynamoDbEndpointOptions dynamoDb;

    @Mixin TableOptions table;

    @Option(
        names = "--checkpoint",
        paramLabel = "DIR",
        description =
            "Checkpoint directory (Hadoop path: local, hdfs://, s3://): one file per segment,"
                + " resumed from when the job runs again.")
    String checkpoint;

    BulkOptions.Builder options() {
      return table.bulkOptions();
    }

    TableJob.Builder builder() {
      return TableJob.builder()
          .dynamoDb(new DynamoDbSettings(dynamoDb.endpoint(), dynamoDb.region()))
          .table(table.table())
          .options(options().build())
          .checkpointDirectory(checkpoint);
    }

    abstract TableJobResult run(TableJob.Builder builder);

    abstract boolean succeeded(BulkCounts counts);

    @Override
    public Integer call() {
      TableJobResult result = run(builder());
      Path report = table.report();
      if (report != null) {
        writeReport(report, result.findings().collectAsList());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.summaryJson());
      out.flush();
      BulkResult r = result.result();
      return r.complete() && succeeded(r.counts()) ? 0 : 1;
    }

    private static void writeReport(Path report, List<Row> findings) {
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

  /** Items protected as the options say, in the form that travels to the executors. */
  static SparkProtection sparkProtection(Protection options) {
    return SparkProtection.of(
        SparkMaterials.load(options.materials()), options.defaultAction(), options.actions());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Classifies every item (ok, tampered, plaintext, unreadable, malformed).")
  static final class Verify extends Base {
    @Mixin CurrentProtectionOptions current;

    @Override
    TableJobResult run(TableJob.Builder builder) {
      return builder.build().verify(job.spark, sparkProtection(current.protection()));
    }

    @Override
    boolean succeeded(BulkCounts c) {
      return c.allOk();
    }
  }

  /** Options of the commands that write. */
  abstract static class Writing extends Base {
    @Mixin TargetProtectionOptions target;

    @Mixin WriteOptions writing;

    SparkProtection target() {
      return sparkProtection(target.protection());
    }

    @Override
    BulkOptions.Builder options() {
      return writing.applyTo(super.options());
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
    @Mixin CurrentProtectionOptions current;

    @Override
    TableJobResult run(TableJob.Builder builder) {
      return builder.build().reencrypt(job.spark, sparkProtection(current.protection()), target());
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

    @Mixin TableKeyOptions keys;

    @Mixin MaterialsOptions materials;

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
      ExportTable t =
          new ExportTable(
              keys.table(),
              keys.partitionKey(),
              keys.sortKey(),
              sparkProtection(materials.protection()));
      DynamoDbExports.decrypt(DynamoDbExports.read(job.spark, in), t).write().text(out);
      spec.commandLine().getOut().println("{\"out\":\"" + out.replace("\"", "") + "\"}");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
