package dev.ddbec.spark.internal;

import dev.ddbec.bulk.ItemClassifier;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.spark.ExportTable;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export functions, applied with {@code mapPartitions}: each partition builds one item
 * encryptor (or classifier) from the {@link ExportTable} it carries, never one per line. Blank
 * lines are skipped, as {@code ddbec decrypt} skips them.
 */
public final class ExportFunctions {
  private ExportFunctions() {}

  /** Lines through a per-partition function. */
  private abstract static class PerPartition<T> implements MapPartitionsFunction<String, T> {
    private static final long serialVersionUID = 1L;
    final ExportTable table;

    PerPartition(ExportTable table) {
      this.table = table;
    }

    /** The per-line function of one partition (built once per partition). */
    abstract Function<Map<String, AttributeValue>, T> forPartition();

    /** The partition's one encryptor, with the table's configuration. */
    Codec codec() {
      return new Codec(
          ItemEncryptor.create(table.protection().materials().provider()), table.cryptoConfig());
    }

    @Override
    public Iterator<T> call(Iterator<String> lines) {
      Function<Map<String, AttributeValue>, T> f = forPartition();
      return new Iterator<>() {
        private String next = advance();

        private String advance() {
          while (lines.hasNext()) {
            String l = lines.next();
            if (!l.isBlank()) {
              return l;
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public T next() {
          if (next == null) {
            throw new java.util.NoSuchElementException();
          }
          String line = next;
          next = advance();
          return f.apply(ExportLines.item(line));
        }
      };
    }
  }

  /** One encryptor and one configuration. */
  record Codec(ItemEncryptor encryptor, CryptoConfig config) {
    Map<String, AttributeValue> decrypt(Map<String, AttributeValue> item) {
      return encryptor.decryptItem(item, config);
    }

    Map<String, AttributeValue> encrypt(Map<String, AttributeValue> item) {
      return encryptor.encryptItem(item, config);
    }
  }

  /** A function that may travel to the executors with its task. */
  private interface Render<T> extends Function<Map<String, AttributeValue>, T>, Serializable {}

  /** Decrypts or encrypts each item with the partition's one encryptor, then renders it. */
  private static final class Transform<T> extends PerPartition<T> {
    private static final long serialVersionUID = 1L;
    private final boolean encrypt;
    private final Render<T> render;

    Transform(ExportTable table, boolean encrypt, Render<T> render) {
      super(table);
      this.encrypt = encrypt;
      this.render = render;
    }

    @Override
    Function<Map<String, AttributeValue>, T> forPartition() {
      Codec codec = codec();
      return encrypt
          ? item -> render.apply(codec.encrypt(item))
          : item -> render.apply(codec.decrypt(item));
    }
  }

  /**
   * Decrypts to export lines.
   *
   * @param table the table
   * @return the function
   */
  public static MapPartitionsFunction<String, String> decrypt(ExportTable table) {
    return new Transform<>(table, false, ExportLines::line);
  }

  /**
   * Decrypts to rows of a schema.
   *
   * @param table the table
   * @param schema the rows' schema
   * @return the function
   */
  public static MapPartitionsFunction<String, Row> decryptToRows(
      ExportTable table, StructType schema) {
    return new Transform<>(table, false, item -> Columns.row(item, schema));
  }

  /**
   * Encrypts plaintext export lines.
   *
   * @param table the table
   * @return the function
   */
  public static MapPartitionsFunction<String, String> encrypt(ExportTable table) {
    return new Transform<>(table, true, ExportLines::line);
  }

  /** Classifies: one row (key as DynamoDB JSON, class) per item. */
  public static final class Verify extends PerPartition<Row> {
    private static final long serialVersionUID = 1L;

    public Verify(ExportTable table) {
      super(table);
    }

    @Override
    Function<Map<String, AttributeValue>, Row> forPartition() {
      ItemClassifier classifier =
          ItemClassifier.of(
              table.protection().toItemProtection(), table.tableName(), table.schema());
      var keys = table.schema().primaryKeyNames();
      return item ->
          RowFactory.create(ExportLines.key(item, keys), classifier.classify(item).name());
    }
  }
}
