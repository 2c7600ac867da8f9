package dev.ddbec.cli;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.cli.options.DynamoDbEndpointOptions;
import dev.ddbec.core.metastore.MetaStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/** {@code ddbec metastore create|rotate|versions}. */
@Command(
    name = "metastore",
    mixinStandardHelpOptions = true,
    description = {
      "MetaStore tables: versioned key material for the most-recent provider, in the official"
          + " clients' format. Rows are protected by a meta provider (--materials, e.g. kms).",
      "Credentials come from the AWS SDK's default chain; a local moto server accepts any."
    },
    subcommands = {
      MetastoreCommand.Create.class,
      MetastoreCommand.Rotate.class,
      MetastoreCommand.Versions.class
    },
    footer = {
      "",
      "Examples:",
      "  ddbec metastore create --table ddbec-keys --region eu-west-1",
      "  ddbec metastore rotate --table ddbec-keys --material-name orders --materials kms.properties",
      "  ddbec metastore versions --table ddbec-keys --material-name orders"
    })
final class MetastoreCommand {
  private MetastoreCommand() {}

  /** Stands in for the meta provider where only versions are listed (rows are not read). */
  private enum NoMetaProvider implements MaterialsProvider {
    INSTANCE;

    @Override
    public EncryptionMaterials encryptionMaterials(EncryptionContext context) {
      throw new InvalidConfigurationException("this command needs --materials META_FILE");
    }

    @Override
    public DecryptionMaterials decryptionMaterials(EncryptionContext context) {
      throw new InvalidConfigurationException("this command needs --materials META_FILE");
    }
  }

  /** Runs a body with a client, mapping failures to messages and exit codes. */
  abstract static class Base extends ResourceCommand<DynamoDbClient> {
    @Mixin DynamoDbEndpointOptions dynamoDb;

    @Option(names = "--table", required = true, description = "The MetaStore table name.")
    String table;

    @Override
    DynamoDbClient open() {
      return DynamoDbClients.client(dynamoDb);
    }
  }

  /** The commands on one material's versions. */
  abstract static class OfMaterial extends Base {
    @Option(names = "--material-name", required = true, description = "The material name.")
    String materialName;

    /**
     * Runs a body on the MetaStore of --table, whose rows the meta provider configured in {@code
     * metaFile} protects (null: the rows are not read), and closes the provider.
     */
    int withMetaStore(DynamoDbClient client, Path metaFile, ToIntFunction<MetaStore> body) {
      MaterialsProvider meta =
          metaFile == null ? NoMetaProvider.INSTANCE : MaterialsProviders.load(metaFile);
      try {
        return body.applyAsInt(
            MetaStore.builder()
                .dynamoDbClient(client)
                .tableName(table)
                .materialsProvider(meta)
                .build());
      } finally {
        closeIfOwned(meta);
      }
    }

    private static void closeIfOwned(MaterialsProvider provider) {
      if (provider instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) { // AutoCloseable.close() declares Exception; the work is done
          // nothing to report to the user beyond the command's own result
        }
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a MetaStore table (partition key N: string, sort key V: number) and waits until"
            + " it is active. On-demand billing unless capacities are given."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec metastore create --table ddbec-keys --region eu-west-1",
        "  ddbec metastore create --table ddbec-keys --read-capacity 5 --write-capacity 1",
        "  ddbec metastore create --table ddbec-keys --endpoint http://localhost:8000"
            + " --region us-west-2"
      })
  static final class Create extends Base {
    @Option(
        names = "--read-capacity",
        paramLabel = "UNITS",
        description = "Provisioned read capacity (with --write-capacity).")
    Long readCapacity;

    @Option(
        names = "--write-capacity",
        paramLabel = "UNITS",
        description = "Provisioned write capacity (with --read-capacity).")
    Long writeCapacity;

    @Override
    int run(DynamoDbClient client, PrintWriter out) {
      if ((readCapacity == null) != (writeCapacity == null)) {
        throw new InvalidConfigurationException(
            "give both --read-capacity and --write-capacity, or neither (on-demand billing)");
      }
      if (readCapacity == null) {
        MetaStore.createTable(client, table);
        out.println("Created MetaStore table " + table + " (on-demand billing)");
      } else {
        MetaStore.createTable(
            client,
            table,
            ProvisionedThroughput.builder()
                .readCapacityUnits(readCapacity)
                .writeCapacityUnits(writeCapacity)
                .build());
        out.println(
            "Created MetaStore table "
                + table
                + " (provisioned: "
                + readCapacity
                + " read, "
                + writeCapacity
                + " write capacity units)");
      }
      return 0;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the next version of a material (highest version + 1, or 0) and prints it."
            + " Encryptors switch to it within their cache TTL; items written with older"
            + " versions keep decrypting."
      },
      footer = {
        "",
        "Example:",
        "  ddbec metastore rotate --table ddbec-keys --material-name orders \\",
        "      --materials kms.properties --region eu-west-1"
      })
  static final class Rotate extends OfMaterial {
    @Option(
        names = "--materials",
        required = true,
        paramLabel = "META_FILE",
        description = "The meta provider that protects the rows (properties: provider=kms|...).")
    Path materials;

    @Override
    int run(DynamoDbClient client, PrintWriter out) {
      return withMetaStore(
          client,
          materials,
          store -> {
            out.println(store.newVersion(materialName));
            return 0;
          });
    }
  }

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the versions of a material, lowest first, one per line. With --materials, each"
            + " version's row is also verified and decrypted with the meta provider (exit 1 if"
            + " any fails)."
      },
      footer = {
        "",
        "Examples:",
        "  ddbec metastore versions --table ddbec-keys --material-name orders",
        "  ddbec metastore versions --table ddbec-keys --material-name orders"
            + " --materials kms.properties"
      })
  static final class Versions extends OfMaterial {
    @Option(
        names = "--materials",
        paramLabel = "META_FILE",
        description = "Verify every version with this meta provider configuration.")
    Path materials;

    @Override
    int run(DynamoDbClient client, PrintWriter out) {
      return withMetaStore(client, materials, store -> listVersions(store, out));
    }

    private int listVersions(MetaStore store, PrintWriter out) {
      List<Long> versions = store.versions(materialName);
      int failed = 0;
      for (long v : versions) {
        if (materials == null) {
          out.println(v);
          continue;
        }
        try {
          store.provider(materialName, v);
          out.println(v + "\tverified");
        } catch (DdbecException e) {
          failed++;
          out.println(v + "\tFAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
      if (versions.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("ddbec: material '" + materialName + "' has no versions in table " + table);
      }
      return failed == 0 ? 0 : 1;
    }
  }
}
