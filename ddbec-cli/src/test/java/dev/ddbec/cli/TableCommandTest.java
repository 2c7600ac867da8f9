package dev.ddbec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableCommandTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  @TempDir Path dir;
  private String table;
  private final CliRun cli = new CliRun();
  private Path oldMaterials;
  private Path newMaterials;

  @BeforeEach
  void setUp() throws Exception {
    oldMaterials = CliFixtures.wrappedMaterials(dir, "old");
    newMaterials = CliFixtures.wrappedMaterials(dir, "new");
    table = DDB.local().createTable("cli-table", "pk", null);
    DynamoDbClient ddb = DDB.local().client();
    for (int i = 0; i < 40; i++) {
      Map<String, AttributeValue> item =
          Map.of(
              "pk", AttributeValue.fromS("item-" + i),
              "year", AttributeValue.fromN(Integer.toString(1960 + i)),
              "title", AttributeValue.fromS("title " + i));
      ddb.putItem(r -> r.tableName(table).item(item));
    }
  }

  private int table(String subcommand, String... extra) {
    return cli.run(
        CliFixtures.localTableArgs(DDB.local(), "table", subcommand, table, List.of(extra)));
  }

  private JsonNode summary() throws Exception {
    String[] lines = cli.out().strip().split("\n");
    return DynamoDbJson.MAPPER.readTree(lines[lines.length - 1]);
  }

  @Test
  void protectThenVerifyThenReencrypt_exitCodesSummaryAndReport() throws Exception {
    assertThat(table("verify", "--materials", oldMaterials.toString())).isEqualTo(1);
    assertThat(summary().get("plaintext").asLong()).isEqualTo(40);

    assertThat(
            table(
                "protect",
                "--to-materials",
                oldMaterials.toString(),
                "--to-action",
                "year=SIGN_ONLY",
                "--checkpoint",
                dir.resolve("protect.checkpoint").toString()))
        .as(cli.err())
        .isEqualTo(0);
    JsonNode protect = summary();
    assertThat(protect.get("rewritten").asLong()).isEqualTo(40);
    assertThat(protect.get("failed").asLong()).isZero();
    assertThat(protect.has("seconds")).isTrue();

    assertThat(
            table("verify", "--materials", oldMaterials.toString(), "--action", "year=SIGN_ONLY"))
        .as(cli.err())
        .isEqualTo(0);
    assertThat(summary().get("ok").asLong()).isEqualTo(40);

    // Tamper with one item: verify exits 1 and reports its key.
    DynamoDbClient ddb = DDB.local().client();
    Map<String, AttributeValue> victim = ddb.scan(r -> r.tableName(table).limit(1)).items().get(0);
    Map<String, AttributeValue> tampered = new java.util.HashMap<>(victim);
    tampered.put("year", AttributeValue.fromN("2000"));
    ddb.putItem(r -> r.tableName(table).item(tampered));
    Path report = dir.resolve("report.jsonl");
    assertThat(
            table(
                "verify",
                "--materials",
                oldMaterials.toString(),
                "--action",
                "year=SIGN_ONLY",
                "--report",
                report.toString()))
        .isEqualTo(1);
    assertThat(summary().get("tampered").asLong()).isEqualTo(1);
    List<String> lines = Files.readAllLines(report);
    assertThat(lines).hasSize(1);
    JsonNode line = DynamoDbJson.MAPPER.readTree(lines.get(0));
    assertThat(line.get("class").asText()).isEqualTo("TAMPERED");
    assertThat(line.get("key").get("pk").get("S").asText()).isEqualTo(victim.get("pk").s());
    assertThat(lines.get(0)).doesNotContain("2000");
    ddb.putItem(r -> r.tableName(table).item(victim));

    assertThat(
            table(
                "reencrypt",
                "--materials",
                oldMaterials.toString(),
                "--action",
                "year=SIGN_ONLY",
                "--to-materials",
                newMaterials.toString(),
                "--to-action",
                "year=SIGN_ONLY",
                "--max-write-rate",
                "1000"))
        .as(cli.err())
        .isEqualTo(0);
    assertThat(summary().get("rewritten").asLong()).isEqualTo(40);
    assertThat(
            table("verify", "--materials", newMaterials.toString(), "--action", "year=SIGN_ONLY"))
        .isEqualTo(0);
    assertThat(
            table("verify", "--materials", oldMaterials.toString(), "--action", "year=SIGN_ONLY"))
        .isEqualTo(1);
  }

  @Test
  void verify_missingTable_exits2() {
    table = LocalDynamoDb.uniqueTableName("cli-table-missing");
    assertThat(table("verify", "--materials", oldMaterials.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("does not exist");
  }

  @Test
  void reencrypt_missingToMaterials_exits2() {
    assertThat(table("reencrypt", "--materials", oldMaterials.toString())).isEqualTo(2);
  }
}
