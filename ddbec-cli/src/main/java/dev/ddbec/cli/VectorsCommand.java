package dev.ddbec.cli;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.cli.vectors.OfficialVectors;
import dev.ddbec.vectors.MetaStoreScenarios;
import dev.ddbec.vectors.VectorResult;
import dev.ddbec.vectors.VectorResult.Status;
import dev.ddbec.vectors.VectorSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ddbec vectors fetch DIR} and {@code ddbec vectors run DIR}. */
@Command(
    name = "vectors",
    mixinStandardHelpOptions = true,
    description = "Test-vector tools.",
    subcommands = {VectorsCommand.Fetch.class, VectorsCommand.Run.class},
    footer = {"", "Example:", "  ddbec vectors fetch vectors/ && ddbec vectors run vectors/"})
final class VectorsCommand {
  private VectorsCommand() {}

  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = {
        "Downloads the official DynamoDB Encryption Client test vectors into DIR: the"
            + " test/vectors/ folder of the "
            + OfficialVectors.DISTRIBUTION
            + " "
            + OfficialVectors.VERSION
            + " source distribution on PyPI, checked against its published SHA-256. DIR must be"
            + " new or empty; it is complete or not created."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec vectors fetch vectors/ && ddbec vectors run vectors/",
        "  ddbec vectors fetch vectors/ --index-url https://pypi.example.com/simple/",
        "",
        "Exit codes: 0 fetched, 1 the download failed or was not the published archive, 2 bad"
            + " arguments (DIR not empty)."
      })
  static final class Fetch implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The directory to create (new or empty).")
    Path dir;

    @Option(
        names = "--index-url",
        paramLabel = "URL",
        description =
            "A PyPI mirror's simple API (PEP 691 JSON), like pip's --index-url (default:"
                + " ${DEFAULT-VALUE}).")
    URI indexUrl = OfficialVectors.PYPI;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        OfficialVectors.requireNewOrEmpty(dir);
      } catch (IOException e) {
        err.println("ddbec: " + e.getMessage());
        err.flush();
        return 2;
      }
      if (!"https".equals(indexUrl.getScheme()) && !"http".equals(indexUrl.getScheme())) {
        err.println("ddbec: --index-url must be an http(s) URL");
        err.flush();
        return 2;
      }
      URI index = indexUrl.getPath().endsWith("/") ? indexUrl : URI.create(indexUrl + "/");
      try {
        int n = OfficialVectors.fetch(index, dir);
        err.println(
            "Unpacked "
                + n
                + " vector files of "
                + OfficialVectors.FILE_NAME
                + " into "
                + dir
                + "; run them with: ddbec vectors run "
                + dir);
        err.flush();
        return 0;
      } catch (IOException e) {
        err.println(
            "ddbec: cannot fetch the vectors: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        err.flush();
        return 1;
      }
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a DynamoDB Encryption Client test-vector directory (laid out like the official"
            + " clients' test/vectors) and prints one line per case or scenario and a total.",
        "Exits 1 if anything failed. Scenarios that cannot run here (real AWS KMS) are listed"
            + " as NOT_RUN.",
        "MetaStore (most_recent) scenarios need a DynamoDB endpoint to load their MetaStore rows"
            + " into (--dynamodb-endpoint, e.g. a local moto server); without one they are NOT_RUN."
            + " Use a scratch endpoint: tables named by the vectors are created, rows are never"
            + " overwritten, and what was loaded is removed after each scenario."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec vectors fetch vectors/ && ddbec vectors run vectors/",
        "  ddbec vectors run vectors/ --dynamodb-endpoint http://localhost:8000"
      })
  static final class Run implements Callable<Integer> {
    /** Why most_recent scenarios are not run without an endpoint. */
    static final String NEEDS_ENDPOINT = "needs a DynamoDB endpoint: pass --dynamodb-endpoint URL";

    @Parameters(paramLabel = "DIR", description = "The vector directory.")
    Path dir;

    @Option(
        names = "--dynamodb-endpoint",
        paramLabel = "URL",
        description =
            "A scratch DynamoDB endpoint (e.g. a local moto server, http://127.0.0.1:5000) for the"
                + " MetaStore scenarios.")
    URI dynamoDbEndpoint;

    @Option(
        names = "--dynamodb-region",
        defaultValue = "us-west-2",
        description = "Region for --dynamodb-endpoint (default: ${DEFAULT-VALUE}).")
    String dynamoDbRegion;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DynamoDbClient client = null;
      List<VectorResult> results;
      try {
        VectorSuite.ScenarioProviderFactory mostRecent;
        if (dynamoDbEndpoint == null) {
          mostRecent =
              (scenario, s) -> {
                throw new UnsupportedOperationException(NEEDS_ENDPOINT);
              };
        } else {
          client =
              DynamoDbClients.client(
                  dynamoDbEndpoint, dynamoDbRegion, "--dynamodb-endpoint", "--dynamodb-region");
          mostRecent = MetaStoreScenarios.on(client);
        }
        VectorSuite suite = VectorSuite.of(dir, Map.of(MetaStoreScenarios.KIND, mostRecent));
        results = suite.runAll();
      } catch (IllegalArgumentException | InvalidConfigurationException e) {
        spec.commandLine().getErr().println("ddbec: " + e.getMessage());
        return 2;
      } finally {
        if (client != null) {
          client.close();
        }
      }
      int pass = 0;
      int fail = 0;
      int notRun = 0;
      for (VectorResult r : results) {
        out.printf("%-7s %s  %s%n", r.status(), r.name(), r.detail());
        if (r.status() == Status.PASS) {
          pass++;
        } else if (r.status() == Status.FAIL) {
          fail++;
        } else {
          notRun++;
        }
      }
      out.printf("%d passed, %d failed, %d not run%n", pass, fail, notRun);
      out.flush();
      return fail == 0 ? 0 : 1;
    }
  }
}
