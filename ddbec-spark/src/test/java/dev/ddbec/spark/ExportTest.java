package dev.ddbec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbec.cli.DdbecCli;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export functions on generated export files (gzip, three files), compared item by item with
 * {@code ddbec decrypt} run in-process on the same lines.
 */
@ExtendWith(SharedSpark.class)
class ExportTest {
  static final String TABLE = "Books";
  static final int FILES = 3;
  static final int PER_FILE = 30;

  @TempDir static Path dir;
  static SparkMaterials materials;
  static ExportTable table;
  static Path data;
  static Path properties;

  @BeforeAll
  static void export() throws IOException {
    materials = SparkTestSupport.newMaterials(dir);
    table = new ExportTable(TABLE, "pk", null, SparkTestSupport.protection(materials));
    data = Files.createDirectories(dir.resolve("AWSDynamoDB/01700000000000-abcdef/data"));
    List<Map<String, AttributeValue>> items =
        SparkTestSupport.encrypted(materials, TABLE, FILES * PER_FILE);
    for (int f = 0; f < FILES; f++) {
      writeGzip(
          data.resolve("part-" + f + ".json.gz"), items.subList(f * PER_FILE, (f + 1) * PER_FILE));
    }
    properties = dir.resolve("materials.properties");
    StringBuilder p = new StringBuilder();
    materials.properties().forEach((k, v) -> p.append(k).append('=').append(v).append('\n'));
    Files.writeString(properties, p.toString());
  }

  static void writeGzip(Path file, List<Map<String, AttributeValue>> items) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (Map<String, AttributeValue> item : items) {
        out.write((exportLine(item) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  static String exportLine(Map<String, AttributeValue> item) throws IOException {
    ObjectNode o = DynamoDbJson.MAPPER.createObjectNode();
    o.set("Item", DynamoDbJson.toJson(item));
    return DynamoDbJson.MAPPER.writeValueAsString(o);
  }

  static Map<String, AttributeValue> itemOf(String line) {
    try {
      return DynamoDbJson.item(DynamoDbJson.MAPPER.readTree(line).get("Item"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The arguments of {@code command} on the exported table, the CLI's and the Spark job's. */
  static String[] arguments(String command, Path in, Path out) {
    return new String[] {
      command,
      "--table",
      TABLE,
      "--partition-key",
      "pk",
      "--materials",
      properties.toString(),
      "--action",
      "year=SIGN_ONLY",
      "--in",
      in.toString(),
      "--out",
      out.toString()
    };
  }

  /** {@code ddbec decrypt} (or encrypt) over lines: its output lines. */
  static List<String> cli(String command, List<String> lines) throws IOException {
    Path in = Files.createTempFile(dir, command, ".jsonl");
    Files.write(in, lines);
    Path outFile = Files.createTempFile(dir, command, ".out.jsonl");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        DdbecCli.run(new PrintWriter(out), new PrintWriter(err), arguments(command, in, outFile));
    assertThat(status).as(err.toString()).isZero();
    return Files.readAllLines(outFile).stream().filter(l -> !l.isBlank()).toList();
  }

  static List<String> exportLines(SparkSession spark) {
    return DynamoDbExports.read(spark, data.toString()).collectAsList();
  }

  @Test
  void decrypt_equalsTheCliDecrypt_itemByItem(SparkSession spark) throws IOException {
    Dataset<String> lines = DynamoDbExports.read(spark, data.toString());
    assertThat(lines.inputFiles()).hasSize(FILES);

    List<String> spark_ = DynamoDbExports.decrypt(lines, table).collectAsList();
    List<String> cli = cli("decrypt", exportLines(spark));

    assertThat(spark_).hasSize(FILES * PER_FILE);
    assertThat(spark_.stream().map(ExportTest::itemOf).toList())
        .containsExactlyInAnyOrderElementsOf(cli.stream().map(ExportTest::itemOf).toList());
    assertThat(spark_).containsExactlyInAnyOrderElementsOf(cli); // the same text, too
    assertThat(itemOf(spark_.get(0))).containsKeys("pk", "title", "year", "secret");
  }

  @Test
  void decrypt_intoColumns(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("pk", DataTypes.StringType)
            .add("year", DataTypes.LongType)
            .add("secret", DataTypes.StringType)
            .add("absent", DataTypes.StringType);
    List<Row> rows =
        DynamoDbExports.decrypt(DynamoDbExports.read(spark, data.toString()), table, schema)
            .where("pk = 'item-00042'")
            .collectAsList();
    assertThat(rows).hasSize(1);
    Row r = rows.get(0);
    assertThat(r.getString(0)).isEqualTo("item-00042");
    assertThat(r.getLong(1)).isEqualTo(1900 + 42);
    assertThat(r.getString(2)).isEqualTo("secret 42");
    assertThat(r.isNullAt(3)).isTrue();
  }

  @Test
  void verify_findsTheTamperedLineExactly(SparkSession spark) throws IOException {
    List<String> lines = new ArrayList<>(exportLines(spark));
    int victim = 37;
    Map<String, AttributeValue> item = new java.util.HashMap<>(itemOf(lines.get(victim)));
    item.put("year", AttributeValue.fromN("1"));
    lines.set(victim, exportLine(item));
    Dataset<String> ds = spark.createDataset(lines, org.apache.spark.sql.Encoders.STRING());

    List<Row> bad =
        DynamoDbExports.verify(ds.repartition(3), table).where("class <> 'OK'").collectAsList();

    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).getString(1)).isEqualTo("TAMPERED");
    assertThat(bad.get(0).getString(0))
        .isEqualTo("{\"pk\":{\"S\":\"" + item.get("pk").s() + "\"}}");
    assertThat(DynamoDbExports.verify(ds, table).count()).isEqualTo(FILES * PER_FILE);
  }

  @Test
  void encrypt_thenTheCliDecryptsEveryItemBack(SparkSession spark) throws IOException {
    List<String> plain = cli("decrypt", exportLines(spark));
    Dataset<String> ds =
        spark.createDataset(plain, org.apache.spark.sql.Encoders.STRING()).repartition(2);

    List<String> encrypted = DynamoDbExports.encrypt(ds, table).collectAsList();

    assertThat(encrypted).hasSize(plain.size());
    assertThat(encrypted.get(0)).contains("*amzn-ddb-map-sig*");
    assertThat(cli("decrypt", encrypted).stream().map(ExportTest::itemOf).toList())
        .containsExactlyInAnyOrderElementsOf(plain.stream().map(ExportTest::itemOf).toList());
  }

  @Test
  void decryptExportCommand_writesWhatTheCliDecryptWrites(SparkSession spark) throws IOException {
    Path out = dir.resolve("decrypted");
    StringWriter err = new StringWriter();
    int status =
        DdbecSparkJob.run(
            spark,
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            arguments("decrypt-export", data, out));
    assertThat(status).as(err.toString()).isZero();
    List<String> written = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        written.addAll(Files.readAllLines(f));
      }
    }
    assertThat(written).containsExactlyInAnyOrderElementsOf(cli("decrypt", exportLines(spark)));
  }
}
