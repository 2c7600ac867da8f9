package dev.ddbec.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.ProviderResolutionException;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkListener;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.BulkProgress;
import dev.ddbec.bulk.BulkResult;
import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.ItemProtection;
import dev.ddbec.bulk.TableRewriter;
import dev.ddbec.bulk.TableVerifier;
import dev.ddbec.cli.options.CurrentProtectionOptions;
import dev.ddbec.cli.options.DynamoDbEndpointOptions;
import dev.ddbec.cli.options.Protection;
import dev.ddbec.cli.options.TableOptions;
import dev.ddbec.cli.options.TargetProtectionOptions;
import dev.ddbec.cli.options.WriteOptions;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ddbec table verify|reencrypt|protect}. */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description = {
      "Whole tables, with DynamoDB's parallel scan: verify every item, re-encrypt (rotate keys,"
          + " change providers or actions), protect a plaintext table. Key attributes come from"
          + " DescribeTable.",
      "Progress goes to stderr; the last line on stdout is one JSON object with the counts. Exit"
          + " status 0 when every item is OK (verify) or rewritten or skipped (reencrypt, protect),"
          + " 1 when one is not, 2 for usage or configuration errors, 130 when stopped by Ctrl-C"
          + " (after the checkpoint is written: run the same command again to continue)."
    },
    subcommands = {
      TableCommand.Verify.class,
      TableCommand.Reencrypt.class,
      TableCommand.Protect.class
    },
    footer = {
      "",
      "Examples:",
      "  ddbec table verify --table Books --materials old.properties --action year=SIGN_ONLY",
      "  ddbec table reencrypt --table Books --materials old.properties --to-materials new.properties"
          + " --checkpoint books.checkpoint",
      "  ddbec table protect --table Books --to-materials new.properties --max-write-rate 100"
    })
final class TableCommand {
  private TableCommand() {}

  /** The options and run loop every table command shares. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DynamoDbEndpointOptions dynamoDb;

    @Mixin TableOptions table;

    @Option(
        names = "--checkpoint",
        paramLabel = "FILE",
        description =
            "Checkpoint file: resumed from if it exists, written after every page and on Ctrl-C.")
    Path checkpoint;

    /** Runs the operation. */
    abstract BulkResult run(DynamoDbClient client, BulkOptions.Builder options, AtomicBoolean stop);

    /** Whether the counts mean success. */
    abstract boolean succeeded(BulkCounts counts);

    BulkOptions.Builder options() {
      return table.bulkOptions().checkpointFile(checkpoint);
    }

    /** Items protected as the options say, their materials provider loaded. */
    static ItemProtection itemProtection(Protection options) {
      MaterialsProvider provider;
      try {
        provider = MaterialsProviders.load(options.materials());
      } catch (InvalidConfigurationException | ProviderResolutionException e) {
        throw new InvalidConfigurationException(
            options.materialsOption() + " " + options.materials() + ": " + e.getMessage(), e);
      }
      return ItemProtection.of(provider, options.attributeActions());
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch finished = new CountDownLatch(1);
      // Ctrl-C: ask the segments to stop after their page, and let the JVM exit only once the
      // checkpoint is written.
      Thread hook =
          new Thread(
              () -> {
                stop.set(true);
                try {
                  finished.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "ddbec-table-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try (DynamoDbClient client = DynamoDbClients.client(dynamoDb);
          Reporter reporter = new Reporter(table.report(), err)) {
        BulkResult result = run(client, options().listener(reporter), stop);
        reporter.finish();
        if (!result.complete()) {
          err.println(
              "ddbec: stopped"
                  + (checkpoint != null
                      ? "; run the same command again to continue from " + checkpoint
                      : ""));
        }
        out.println(result.summaryJson());
        out.flush();
        err.flush();
        return result.complete() && succeeded(result.counts()) ? 0 : 1;
      } catch (DdbecException e) {
        return DdbecCli.report(err, e);
      } catch (UncheckedIOException e) {
        err.println("ddbec: " + e.getMessage() + ": " + e.getCause().getMessage());
        err.flush();
        return 2;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down (Ctrl-C): the hook is running and has been released
        }
      }
    }
  }

  /**
   * Progress (a bar on a terminal, a line every 10 seconds otherwise, both on stderr) and the
   * report file.
   */
  static final class Reporter implements BulkListener, AutoCloseable {
    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final BufferedWriter report;
    private final ProgressBar bar;
    private long lastLine;

    Reporter(Path reportFile, PrintWriter err) {
      this.err = err;
      try {
        this.report =
            reportFile == null
                ? null
                : Files.newBufferedWriter(
                    reportFile,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write --report " + reportFile, e);
      }
      this.bar =
          System.console() != null
              ? new ProgressBarBuilder()
                  .setTaskName("items")
                  .setStyle(ProgressBarStyle.ASCII)
                  .setInitialMax(-1)
                  .showSpeed()
                  .build()
              : null;
    }

    @Override
    public synchronized void onProgress(BulkProgress p) {
      BulkCounts c = p.counts();
      if (bar != null) {
        if (p.estimatedTotal() > 0) {
          bar.maxHint(Math.max(p.estimatedTotal(), c.scanned()));
        }
        bar.stepTo(c.scanned());
        bar.setExtraMessage(
            c.rewritten() + c.skipped() > 0
                ? "rewritten " + c.rewritten() + ", skipped " + c.skipped()
                : "not ok " + (c.scanned() - c.ok()));
        return;
      }
      long now = p.elapsed().toMillis();
      if (now - lastLine < PLAIN_INTERVAL.toMillis()) {
        return;
      }
      lastLine = now;
      err.printf(
          "ddbec: %d of about %s items scanned (%.0f/s), %d rewritten, %d skipped, %d conflicts,"
              + " %d failed%n",
          c.scanned(),
          p.estimatedTotal() >= 0 ? Long.toString(p.estimatedTotal()) : "?",
          p.itemsPerSecond(),
          c.rewritten(),
          c.skipped(),
          c.conflicts(),
          c.failed());
      err.flush();
    }

    @Override
    public synchronized void onFinding(Finding f) {
      if (report == null) {
        return;
      }
      ObjectNode line = DynamoDbJson.MAPPER.createObjectNode();
      line.set("key", DynamoDbJson.toJson(f.key()));
      line.put("class", f.itemClass().name());
      try {
        report.write(DynamoDbJson.MAPPER.writeValueAsString(line));
        report.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report", e);
      }
    }

    void finish() {
      if (bar != null) {
        bar.close();
      }
    }

    @Override
    public synchronized void close() {
      finish();
      if (report != null) {
        try {
          report.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the report", e);
        }
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Reads every item and classifies it: ok, tampered, plaintext, unreadable (keys"
            + " unavailable), malformed. Writes nothing."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec table verify --table Books --materials books.properties --action year=SIGN_ONLY"
            + " --report bad.jsonl"
      })
  static final class Verify extends Base {
    @Mixin CurrentProtectionOptions current;

    @Override
    BulkResult run(DynamoDbClient client, BulkOptions.Builder options, AtomicBoolean stop) {
      return TableVerifier.builder()
          .dynamoDbClient(client)
          .tableName(table.table())
          .protection(itemProtection(current.protection()))
          .options(options.build())
          .build()
          .run(stop::get);
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

    abstract ItemProtection source();

    @Override
    BulkResult run(DynamoDbClient client, BulkOptions.Builder options, AtomicBoolean stop) {
      ItemProtection target = itemProtection(this.target.protection());
      return TableRewriter.builder()
          .dynamoDbClient(client)
          .tableName(table.table())
          .source(source())
          .target(target)
          .options(writing.applyTo(options).build())
          .build()
          .run(stop::get);
    }

    @Override
    boolean succeeded(BulkCounts c) {
      return c.allRewritten();
    }
  }

  @Command(
      name = "reencrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Rewrites every item from one configuration (--materials, --default-action, --action) to"
            + " another (--to-...): rotate keys, change providers or actions. Items already in the"
            + " target configuration are skipped; every write is conditional on the item being"
            + " unchanged since it was read."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec table reencrypt --table Books --materials old.properties"
            + " --to-materials new.properties --checkpoint books.checkpoint --max-write-rate 100"
      })
  static final class Reencrypt extends Writing {
    @Mixin CurrentProtectionOptions current;

    @Override
    ItemProtection source() {
      return itemProtection(current.protection());
    }
  }

  @Command(
      name = "protect",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypts and signs every plaintext item of a table. Items already readable under the"
            + " target configuration are skipped; every write is conditional on the item being"
            + " unchanged since it was read."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec table protect --table Books --to-materials books.properties"
            + " --to-action year=SIGN_ONLY --checkpoint books.checkpoint"
      })
  static final class Protect extends Writing {
    @Override
    ItemProtection source() {
      return ItemProtection.plaintext();
    }
  }
}
