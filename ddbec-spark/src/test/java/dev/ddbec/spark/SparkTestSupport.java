package dev.ddbec.spark;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.testing.LocalDynamoDb;
import dev.ddbec.testing.SampleTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Materials configurations with fresh key files, items and table helpers for the Spark tests. */
final class SparkTestSupport {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Map<String, CryptoAction> SIGN_YEAR = Map.of("year", CryptoAction.SIGN_ONLY);

  private SparkTestSupport() {}

  /** A wrapped-AES configuration whose two keys are fresh random files under {@code dir}. */
  static SparkMaterials newMaterials(Path dir) {
    try {
      Path wrap = Files.createTempFile(dir, "wrap", ".key");
      Path sign = Files.createTempFile(dir, "sign", ".key");
      Files.write(wrap, randomKey());
      Files.write(sign, randomKey());
      return SparkMaterials.of(
          Map.of(
              "provider", "wrapped",
              "wrapping-key", "file:" + wrap,
              "signing-key", "file:" + sign));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] randomKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  static SparkProtection protection(SparkMaterials m) {
    return SparkProtection.of(m, CryptoAction.ENCRYPT_AND_SIGN, SIGN_YEAR);
  }

  /** The decrypting view of a table's items (as the CLI's decrypt configures it). */
  static Map<String, AttributeValue> decrypt(
      SparkMaterials m, String table, Map<String, AttributeValue> stored) {
    ExportTable t = new ExportTable(table, "pk", null, protection(m));
    return ItemEncryptor.create(m.provider()).decryptItem(stored, t.cryptoConfig());
  }

  static Map<String, AttributeValue> plainItem(int i) {
    return SampleTable.numberedItem(i);
  }

  static List<Map<String, AttributeValue>> encrypted(SparkMaterials m, String table, int n) {
    ItemEncryptor e = ItemEncryptor.create(m.provider());
    ExportTable t = new ExportTable(table, "pk", null, protection(m));
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(e.encryptItem(plainItem(i), t.cryptoConfig()));
    }
    return out;
  }

  /** Writes the items with BatchWriteItem ({@link LocalDynamoDb#writeAll}). */
  static void writeAll(DynamoDbClient ddb, String table, List<Map<String, AttributeValue>> items) {
    LocalDynamoDb.writeAll(ddb, table, items);
  }

  static List<Map<String, AttributeValue>> scanAll(DynamoDbClient ddb, String table) {
    return LocalDynamoDb.scanAll(ddb, table);
  }
}
