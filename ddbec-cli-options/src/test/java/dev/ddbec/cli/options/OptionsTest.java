package dev.ddbec.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.bulk.BulkOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/** The mixins parse as the commands that use them expect, defaults included. */
class OptionsTest {
  @Command(name = "rewrite")
  static final class Rewrite {
    @Mixin DynamoDbEndpointOptions dynamoDb;
    @Mixin TableOptions table;
    @Mixin CurrentProtectionOptions current;
    @Mixin TargetProtectionOptions target;
    @Mixin WriteOptions writing;
  }

  @Command(name = "items")
  static final class Items {
    @Mixin TableKeyOptions keys;
    @Mixin MaterialsOptions materials;
  }

  private static Rewrite rewrite(String... args) {
    Rewrite r = new Rewrite();
    new CommandLine(r).parseArgs(args);
    return r;
  }

  @Test
  void tableOptions_defaults() {
    Rewrite r = rewrite("--table", "Books", "--materials", "old.properties", "--to-materials", "n");
    BulkOptions o = r.writing.applyTo(r.table.bulkOptions()).build();
    assertThat(o.totalSegments()).isEqualTo(4);
    assertThat(o.pageSize()).isEqualTo(100);
    assertThat(o.maxReadRate()).isZero();
    assertThat(o.maxWriteRate()).isZero();
    assertThat(o.dryRun()).isFalse();
    assertThat(r.table.table()).isEqualTo("Books");
    assertThat(r.table.report()).isNull();
    assertThat(r.dynamoDb.endpoint()).isNull();
    assertThat(r.dynamoDb.region()).isNull();
    assertThat(r.current.protection().defaultAction()).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(r.current.protection().actions()).isEmpty();
    assertThat(r.target.protection().defaultAction()).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(r.target.protection().actions()).isEmpty();
  }

  @Test
  void tableOptions_givenValues() {
    Rewrite r =
        rewrite(
            "--endpoint",
            "http://127.0.0.1:5000",
            "--region",
            "eu-west-1",
            "--table",
            "Books",
            "--segments",
            "8",
            "--page-size",
            "25",
            "--max-read-rate",
            "200",
            "--max-write-rate",
            "100",
            "--dry-run",
            "--report",
            "bad.jsonl",
            "--materials",
            "old.properties",
            "--default-action",
            "SIGN_ONLY",
            "--action",
            "year=DO_NOTHING",
            "--action",
            "genre=SIGN_ONLY",
            "--to-materials",
            "new.properties",
            "--to-default-action",
            "SIGN_ONLY",
            "--to-action",
            "year=ENCRYPT_AND_SIGN");
    BulkOptions o = r.writing.applyTo(r.table.bulkOptions()).build();
    assertThat(o.totalSegments()).isEqualTo(8);
    assertThat(o.pageSize()).isEqualTo(25);
    assertThat(o.maxReadRate()).isEqualTo(200);
    assertThat(o.maxWriteRate()).isEqualTo(100);
    assertThat(o.dryRun()).isTrue();
    assertThat(r.table.report()).isEqualTo(Path.of("bad.jsonl"));
    assertThat(r.dynamoDb.endpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(r.dynamoDb.region()).isEqualTo("eu-west-1");
    assertThat(r.current.protection().materials()).isEqualTo(Path.of("old.properties"));
    assertThat(r.current.protection().actions().keySet()).containsExactly("year", "genre");
    assertThat(r.current.protection().attributeActions().actionFor("year"))
        .isEqualTo(CryptoAction.DO_NOTHING);
    assertThat(r.current.protection().attributeActions().actionFor("other"))
        .isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(r.target.protection().materials()).isEqualTo(Path.of("new.properties"));
    assertThat(r.target.protection().attributeActions().actionFor("year"))
        .isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(r.target.protection().attributeActions().actionFor("other"))
        .isEqualTo(CryptoAction.SIGN_ONLY);
  }

  @Test
  void tableOptions_outOfRange_refusedByBulkOptions() {
    Rewrite r =
        rewrite("--table", "T", "--materials", "m", "--to-materials", "n", "--segments", "0");
    assertThatThrownBy(() -> r.table.bulkOptions())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("totalSegments");
    Rewrite w =
        rewrite(
            "--table", "T", "--materials", "m", "--to-materials", "n", "--max-write-rate", "-1");
    assertThatThrownBy(() -> w.writing.applyTo(BulkOptions.builder()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("maxWriteRate");
  }

  @Test
  void itemOptions() {
    Items i = new Items();
    new CommandLine(i)
        .parseArgs(
            "--table",
            "Books",
            "--partition-key",
            "isbn",
            "--sort-key",
            "edition",
            "--materials",
            "m.properties",
            "--action",
            "year=SIGN_ONLY");
    assertThat(i.keys.table()).isEqualTo("Books");
    assertThat(i.keys.partitionKey()).isEqualTo("isbn");
    assertThat(i.keys.sortKey()).isEqualTo("edition");
    assertThat(i.materials.protection().materials()).isEqualTo(Path.of("m.properties"));
    assertThat(i.materials.protection().defaultAction()).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(i.materials.protection().actions())
        .isEqualTo(Map.of("year", CryptoAction.SIGN_ONLY));
  }

  @Test
  void requiredOptions() {
    for (List<String> args :
        List.of(
            List.of("--materials", "m", "--to-materials", "n"),
            List.of("--table", "T", "--to-materials", "n"),
            List.of("--table", "T", "--materials", "m"))) {
      assertThatThrownBy(() -> rewrite(args.toArray(String[]::new)))
          .isInstanceOf(CommandLine.MissingParameterException.class);
    }
    assertThatThrownBy(
            () -> new CommandLine(new Items()).parseArgs("--table", "T", "--materials", "m"))
        .isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining(TableKeyOptions.PARTITION_KEY);
  }

  /** The names the commands put in their messages are the options' names. */
  @Test
  void namesForMessages_areOptionNames() {
    Rewrite r = rewrite("--table", "T", "--materials", "m", "--to-materials", "n");
    CommandLine.Model.CommandSpec spec = new CommandLine(r).getCommandSpec();
    for (Protection p : List.of(r.current.protection(), r.target.protection())) {
      OptionSpec o = spec.findOption(p.materialsOption());
      assertThat(o).as(p.materialsOption()).isNotNull();
      assertThat(o.typeInfo().getType()).isEqualTo(Path.class);
    }
    assertThat(r.current.protection().materialsOption()).isEqualTo("--materials");
    assertThat(r.target.protection().materialsOption()).isEqualTo("--to-materials");
    assertThat(spec.findOption(DynamoDbEndpointOptions.ENDPOINT)).isNotNull();
    assertThat(spec.findOption(DynamoDbEndpointOptions.REGION)).isNotNull();
    Items i = new Items();
    CommandLine.Model.CommandSpec items = new CommandLine(i).getCommandSpec();
    assertThat(items.findOption(TableKeyOptions.PARTITION_KEY)).isNotNull();
    assertThat(items.findOption(TableKeyOptions.SORT_KEY)).isNotNull();
    assertThat(i.materials.protection().materialsOption()).isEqualTo("--materials");
    assertThat(items.findOption(i.materials.protection().materialsOption())).isNotNull();
  }
}
