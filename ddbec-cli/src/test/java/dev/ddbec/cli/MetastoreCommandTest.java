package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class MetastoreCommandTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  @TempDir Path dir;
  private Path meta;
  private Path otherMeta;
  private String table;
  private final CliRun cli = new CliRun(() -> new CommandLine(new DdbecCli()));

  @BeforeEach
  void setUp() throws Exception {
    meta = CliFixtures.wrappedMaterials(dir, "meta");
    otherMeta = CliFixtures.wrappedMaterials(dir, "other");
    table = LocalDynamoDb.uniqueTableName("cli-meta");
  }

  private int run(String... args) {
    return cli.run(args);
  }

  /** metastore SUBCOMMAND --table T --endpoint E --region R, then extra arguments. */
  private int metastore(String subcommand, String... extra) {
    return run(
        CliFixtures.localTableArgs(DDB.local(), "metastore", subcommand, table, List.of(extra)));
  }

  private TableDescription describe() {
    return DDB.local().client().describeTable(r -> r.tableName(table)).table();
  }

  @Test
  void create_default_onDemandTable() {
    assertThat(metastore("create")).as(cli.err()).isZero();

    assertThat(cli.out()).contains("Created MetaStore table " + table, "on-demand");
    assertThat(describe().billingModeSummary().billingMode())
        .isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(describe().keySchema()).extracting(k -> k.attributeName()).containsExactly("N", "V");
  }

  @Test
  void create_withCapacities_provisionedTable() {
    assertThat(metastore("create", "--read-capacity", "4", "--write-capacity", "2"))
        .as(cli.err())
        .isZero();
    assertThat(describe().provisionedThroughput().readCapacityUnits()).isEqualTo(4L);
    assertThat(describe().provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
  }

  @Test
  void create_onlyReadCapacity_exits2() {
    assertThat(metastore("create", "--read-capacity", "4")).isEqualTo(2);
    assertThat(cli.err()).contains("--write-capacity");
  }

  @Test
  void create_existingTable_exits2SayingSo() {
    metastore("create");
    assertThat(metastore("create")).isEqualTo(2);
    assertThat(cli.err()).contains("already exists").doesNotContain("at dev.ddbec");
  }

  @Test
  void rotateAndVersions_twoRotations_printZeroOneAndVerify() {
    metastore("create");

    assertThat(metastore("rotate", "--material-name", "orders", "--materials", meta.toString()))
        .as(cli.err())
        .isZero();
    assertThat(cli.out().trim()).isEqualTo("0");
    assertThat(metastore("rotate", "--material-name", "orders", "--materials", meta.toString()))
        .isZero();
    assertThat(cli.out().trim()).isEqualTo("1");

    assertThat(metastore("versions", "--material-name", "orders")).isZero();
    assertThat(cli.out().lines()).containsExactly("0", "1");
    assertThat(metastore("versions", "--material-name", "orders", "--materials", meta.toString()))
        .isZero();
    assertThat(cli.out().lines()).containsExactly("0\tverified", "1\tverified");
  }

  @Test
  void versions_wrongMetaKeys_exits1ListingFailures() {
    metastore("create");
    metastore("rotate", "--material-name", "orders", "--materials", meta.toString());

    assertThat(
            metastore("versions", "--material-name", "orders", "--materials", otherMeta.toString()))
        .isEqualTo(1);
    assertThat(cli.out()).startsWith("0\tFAILED: ");
  }

  @Test
  void versions_unknownMaterial_printsNothingAndSaysSo() {
    metastore("create");
    assertThat(metastore("versions", "--material-name", "nothing")).isZero();
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains("has no versions");
  }

  @Test
  void rotate_missingTable_exits1WithAdvice() {
    assertThat(metastore("rotate", "--material-name", "orders", "--materials", meta.toString()))
        .isEqualTo(1);
    assertThat(cli.err()).contains("does not exist", "ddbec metastore create");
  }

  @Test
  void rotate_materialNameWithHash_exits2() {
    metastore("create");
    assertThat(metastore("rotate", "--material-name", "a#b", "--materials", meta.toString()))
        .isEqualTo(2);
    assertThat(cli.err()).contains("'#'");
  }

  @Test
  void rotate_withoutMaterials_exits2() {
    assertThat(metastore("rotate", "--material-name", "orders")).isEqualTo(2);
    assertThat(cli.err()).contains("--materials");
  }

  @Test
  void encryptDecrypt_mostRecentProviderFromProperties_roundTripsWithVersionZero()
      throws Exception {
    metastore("create");
    String metaOptions =
        Files.readString(meta).lines().map(l -> "meta." + l + "\n").reduce("", String::concat);
    Path materials =
        Files.writeString(
            dir.resolve("most-recent.properties"),
            "provider=most-recent\ntable="
                + table
                + "\nmaterial-name=books\nttl=5m\nendpoint="
                + DDB.local().endpoint()
                + "\nregion="
                + LocalDynamoDb.REGION.id()
                + "\n"
                + metaOptions);
    Path in =
        Files.writeString(
            dir.resolve("in.jsonl"), "{\"isbn\":{\"S\":\"1\"},\"title\":{\"S\":\"Dune\"}}\n");
    Path encrypted = dir.resolve("enc.jsonl");
    Path decrypted = dir.resolve("dec.jsonl");
    String[] common = {
      "--table", "Books", "--partition-key", "isbn", "--materials", materials.toString()
    };
    List<String> enc = new ArrayList<>(List.of("encrypt"));
    enc.addAll(List.of(common));
    enc.addAll(List.of("--in", in.toString(), "--out", encrypted.toString()));
    assertThat(run(enc.toArray(String[]::new))).as(cli.err()).isZero();
    List<String> dec = new ArrayList<>(List.of("decrypt"));
    dec.addAll(List.of(common));
    dec.addAll(List.of("--in", encrypted.toString(), "--out", decrypted.toString()));
    assertThat(run(dec.toArray(String[]::new))).as(cli.err()).isZero();

    assertThat(Files.readString(encrypted, StandardCharsets.UTF_8)).doesNotContain("Dune");
    assertThat(Files.readString(decrypted, StandardCharsets.UTF_8)).contains("\"Dune\"");
    assertThat(metastore("versions", "--material-name", "books")).isZero();
    assertThat(cli.out().lines()).containsExactly("0");
  }

  @Test
  void help_everySubcommand_showsAnExample() {
    for (String[] args :
        new String[][] {
          {"metastore", "--help"},
          {"metastore", "create", "--help"},
          {"metastore", "rotate", "--help"},
          {"metastore", "versions", "--help"}
        }) {
      assertThat(run(args)).isZero();
      assertThat(cli.out()).contains("Usage:", "Example", "ddbec metastore");
    }
  }
}
