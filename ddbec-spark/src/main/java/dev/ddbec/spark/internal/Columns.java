package dev.ddbec.spark.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A decrypted item as a row of the caller's schema: one column per attribute, by name. A missing
 * attribute or NULL is null. Messages name the attribute and types, never a value.
 */
public final class Columns {
  private Columns() {}

  /** The row of an item. */
  public static Row row(Map<String, AttributeValue> item, StructType schema) {
    StructField[] fields = schema.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = value(fields[i].name(), item.get(fields[i].name()), fields[i].dataType());
    }
    return RowFactory.create(values);
  }

  private static Object value(String name, AttributeValue v, DataType type) {
    if (v == null || v.type() == AttributeValue.Type.NUL) {
      return null;
    }
    AttributeValue.Type t = v.type();
    if (type.equals(DataTypes.StringType)) {
      return switch (t) {
        case S -> v.s();
        case N -> v.n();
        default -> DynamoDbJson.toJson(v).toString();
      };
    }
    if (t == AttributeValue.Type.N) {
      BigDecimal n = new BigDecimal(v.n());
      if (type.equals(DataTypes.LongType)) {
        return n.longValueExact();
      }
      if (type.equals(DataTypes.IntegerType)) {
        return n.intValueExact();
      }
      if (type.equals(DataTypes.DoubleType)) {
        return n.doubleValue();
      }
      if (type.equals(DataTypes.FloatType)) {
        return n.floatValue();
      }
      if (type instanceof DecimalType) {
        return n;
      }
    }
    if (t == AttributeValue.Type.BOOL && type.equals(DataTypes.BooleanType)) {
      return v.bool();
    }
    if (t == AttributeValue.Type.B && type.equals(DataTypes.BinaryType)) {
      return v.b().asByteArray();
    }
    if (type instanceof ArrayType a) {
      List<Object> out = new ArrayList<>();
      switch (t) {
        case SS ->
            v.ss().forEach(s -> out.add(value(name, AttributeValue.fromS(s), a.elementType())));
        case NS ->
            v.ns().forEach(s -> out.add(value(name, AttributeValue.fromN(s), a.elementType())));
        case BS ->
            v.bs().forEach(b -> out.add(value(name, AttributeValue.fromB(b), a.elementType())));
        case L -> v.l().forEach(e -> out.add(value(name, e, a.elementType())));
        default -> throw mismatch(name, t, type);
      }
      return CollectionConverters.asScala(out).toSeq();
    }
    throw mismatch(name, t, type);
  }

  private static InvalidConfigurationException mismatch(
      String name, AttributeValue.Type t, DataType type) {
    return new InvalidConfigurationException(
        "attribute '"
            + name
            + "': a DynamoDB "
            + t
            + " value does not fit the column type "
            + type.simpleString());
  }
}
