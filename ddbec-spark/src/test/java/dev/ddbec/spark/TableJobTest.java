package dev.ddbec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.bulk.BulkCounts;
import dev.ddbec.bulk.BulkOptions;
import dev.ddbec.bulk.Finding;
import dev.ddbec.bulk.ItemClass;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.testing.WriterRace;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Live tables on local Spark against the moto server: the scenarios of ddbec-bulk's tests. */
@ExtendWith(SharedSpark.class)
class TableJobTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

  @TempDir static Path keys;

  private static TableJob.Builder job(LocalDynamoDb local, String table) {
    return TableJob.builder()
        .dynamoDb(new DynamoDbSettings(local.endpoint(), LocalDynamoDb.REGION.id()))
        .table(table)
        .options(BulkOptions.builder().totalSegments(4).pageSize(10).build());
  }

  private static String encryptedTable(
      LocalDynamoDb local, String prefix, SparkMaterials m, int n) {
    String table = local.createTable(prefix, "pk", null);
    SparkTestSupport.writeAll(local.client(), table, SparkTestSupport.encrypted(m, table, n));
    return table;
  }

  @Test
  void verify_findsTheTamperedItemsExactly_andPrintsTheCliSummary(SparkSession spark)
      throws Exception {
    LocalDynamoDb local = DDB.local();
    SparkMaterials m = SparkTestSupport.newMaterials(keys);
    int n = 60;
    String table = encryptedTable(local, "sparkverify", m, n);
    Set<Integer> tampered = Set.of(3, 17, 42);
    for (int i : tampered) {
      Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(keyOf(i)));
      Map<String, AttributeValue> item =
          new HashMap<>(local.client().getItem(r -> r.tableName(table).key(key)).item());
      item.put("year", AttributeValue.fromN("1")); // SIGN_ONLY: the signature no longer matches
      local.client().putItem(r -> r.tableName(table).item(item));
    }

    TableJobResult result = job(local, table).build().verify(spark, SparkTestSupport.protection(m));

    BulkCounts c = result.result().counts();
    assertThat(c.scanned()).isEqualTo(n);
    assertThat(c.ok()).isEqualTo(n - tampered.size());
    assertThat(c.tampered()).isEqualTo(tampered.size());
    assertThat(result.result().complete()).isTrue();
    assertThat(result.result().findings())
        .extracting(f -> f.key().get("pk").s())
        .containsExactlyInAnyOrderElementsOf(
            tampered.stream().map(TableJobTest::keyOf).collect(Collectors.toList()));
    assertThat(result.result().findings())
        .extracting(Finding::itemClass)
        .containsOnly(ItemClass.TAMPERED);
    // The same findings as a Dataset, and the per-segment counts add up.
    List<Row> rows = result.findings().collectAsList();
    assertThat(rows).hasSize(tampered.size());
    assertThat(rows.get(0).getString(0)).startsWith("{\"pk\":{\"S\":\"item-");
    long scanned = result.segments().collectAsList().stream().mapToLong(r -> r.getLong(1)).sum();
    assertThat(scanned).isEqualTo(n);
    assertThat(result.segments().count()).isEqualTo(4);
    JsonNode summary = DynamoDbJson.MAPPER.readTree(result.summaryJson());
    assertThat(summary.get("tampered").asLong()).isEqualTo(tampered.size());
    assertThat(summary.get("scanned").asLong()).isEqualTo(n);
    assertThat(summary.get("complete").asBoolean()).isTrue();
  }

  @Test
  void reencrypt_rotatesEveryItem_andTheEntryPointVerifiesThem(
      SparkSession spark, @TempDir Path dir) throws Exception {
    LocalDynamoDb local = DDB.local();
    SparkMaterials oldM = SparkTestSupport.newMaterials(keys);
    SparkMaterials newM = SparkTestSupport.newMaterials(keys);
    int n = 50;
    String table = encryptedTable(local, "sparkrotate", oldM, n);

    TableJobResult result =
        job(local, table)
            .build()
            .reencrypt(spark, SparkTestSupport.protection(oldM), SparkTestSupport.protection(newM));

    assertThat(result.result().counts().rewritten()).isEqualTo(n);
    assertThat(result.result().counts().failed()).isZero();
    for (Map<String, AttributeValue> stored : SparkTestSupport.scanAll(local.client(), table)) {
      String pk = stored.get("pk").s();
      Map<String, AttributeValue> plain = SparkTestSupport.decrypt(newM, table, stored);
      assertThat(plain.get("secret").s()).isEqualTo("secret " + Integer.parseInt(pk.substring(5)));
    }

    // spark-submit's entry point, with the CLI's option names, verifies under the new materials.
    Path props = dir.resolve("new.properties");
    StringBuilder p = new StringBuilder();
    newM.properties().forEach((k, v) -> p.append(k).append('=').append(v).append('\n'));
    Files.writeString(props, p.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        DdbecSparkJob.run(
            spark,
            new PrintWriter(out),
            new PrintWriter(err),
            "verify",
            "--endpoint",
            local.endpoint().toString(),
            "--region",
            LocalDynamoDb.REGION.id(),
            "--table",
            table,
            "--segments",
            "3",
            "--materials",
            props.toString(),
            "--action",
            "year=SIGN_ONLY");
    assertThat(status).as(err.toString()).isZero();
    String[] lines = out.toString().strip().split("\n");
    JsonNode summary = DynamoDbJson.MAPPER.readTree(lines[lines.length - 1]);
    assertThat(summary.get("ok").asLong()).isEqualTo(n);
    assertThat(summary.get("scanned").asLong()).isEqualTo(n);
  }

  @Test
  void protect_encryptsAPlaintextTable(SparkSession spark) {
    LocalDynamoDb local = DDB.local();
    SparkMaterials m = SparkTestSupport.newMaterials(keys);
    int n = 40;
    String table = local.createTable("sparkprotect", "pk", null);
    SparkTestSupport.writeAll(
        local.client(),
        table,
        java.util.stream.IntStream.range(0, n).mapToObj(SparkTestSupport::plainItem).toList());

    // Before: every item is a finding; the counts are exact, the keys sent back are capped.
    TableJobResult before =
        job(local, table)
            .maxFindingsPerSegment(2)
            .build()
            .verify(spark, SparkTestSupport.protection(m));
    assertThat(before.result().counts().plaintext()).isEqualTo(n);
    assertThat(before.result().findings()).hasSize(4 * 2);

    TableJobResult result =
        job(local, table).build().protect(spark, SparkTestSupport.protection(m));

    assertThat(result.result().counts().plaintext()).isEqualTo(n);
    assertThat(result.result().counts().rewritten()).isEqualTo(n);
    TableJobResult verify = job(local, table).build().verify(spark, SparkTestSupport.protection(m));
    assertThat(verify.result().counts().ok()).isEqualTo(n);
  }

  @Test
  void stoppedJob_rerunWithTheSameCheckpoints_completesWithTotalsRight(
      SparkSession spark, @TempDir Path dir) {
    LocalDynamoDb local = DDB.local();
    SparkMaterials oldM = SparkTestSupport.newMaterials(keys);
    SparkMaterials newM = SparkTestSupport.newMaterials(keys);
    int n = 120;
    String table = encryptedTable(local, "sparkresume", oldM, n);
    String checkpoints = dir.resolve("checkpoints").toUri().toString();
    SparkProtection from = SparkTestSupport.protection(oldM);
    SparkProtection to = SparkTestSupport.protection(newM);

    // Every task stops after one page of 10 items: the job ends incomplete.
    TableJobResult first =
        job(local, table)
            .checkpointDirectory(checkpoints)
            .maxPagesPerSegment(1)
            .build()
            .reencrypt(spark, from, to);
    assertThat(first.result().complete()).isFalse();
    assertThat(first.result().counts().rewritten()).isBetween(1L, (long) n - 1);

    TableJobResult second =
        job(local, table).checkpointDirectory(checkpoints).build().reencrypt(spark, from, to);

    assertThat(second.result().complete()).isTrue();
    BulkCounts c = second.result().counts();
    assertThat(c.scanned()).isEqualTo(n);
    assertThat(c.rewritten()).isEqualTo(n);
    assertThat(c.skipped()).isZero();
    for (Map<String, AttributeValue> stored : SparkTestSupport.scanAll(local.client(), table)) {
      assertThat(SparkTestSupport.decrypt(newM, table, stored)).containsKey("secret");
    }
    // A third run finds every segment done: nothing is scanned again.
    TableJobResult third =
        job(local, table).checkpointDirectory(checkpoints).build().reencrypt(spark, from, to);
    assertThat(third.result().counts()).isEqualTo(c);
  }

  @Test
  void reencrypt_withAConcurrentWriter_losesNoUpdate(SparkSession spark) throws Exception {
    LocalDynamoDb local = DDB.local();
    SparkMaterials oldM = SparkTestSupport.newMaterials(keys);
    SparkMaterials newM = SparkTestSupport.newMaterials(keys);
    int n = 150;
    String table = encryptedTable(local, "sparkconcurrent", oldM, n);
    ExportTable target = new ExportTable(table, "pk", null, SparkTestSupport.protection(newM));
    DynamoDbClient app =
        EncryptedDynamoDbClient.builder()
            .delegate(local.newClient())
            .materialsProvider(newM.provider())
            .attributeActions(SparkTestSupport.protection(newM).attributeActions())
            .build();
    WriterRace<TableJobResult> race =
        WriterRace.run(
            n,
            SparkTestSupport::plainItem,
            "secret",
            item -> app.putItem(r -> r.tableName(table).item(item)),
            () ->
                job(local, table)
                    .build()
                    .reencrypt(spark, SparkTestSupport.protection(oldM), target.protection()));
    TableJobResult result = race.result();
    assertThat(race.writes()).isPositive();
    assertThat(result.result().counts().failed()).isZero();
    assertThat(result.result().counts().rewritten() + result.result().counts().skipped())
        .isEqualTo(n);
    for (Map<String, AttributeValue> stored : SparkTestSupport.scanAll(local.client(), table)) {
      int i = Integer.parseInt(stored.get("pk").s().substring(5));
      Map<String, AttributeValue> plain = SparkTestSupport.decrypt(newM, table, stored);
      assertThat(plain.get("secret").s()).as("item %d", i).isEqualTo(race.latest(i, "secret " + i));
    }
  }

  static String keyOf(int i) {
    return String.format("item-%05d", i);
  }
}
