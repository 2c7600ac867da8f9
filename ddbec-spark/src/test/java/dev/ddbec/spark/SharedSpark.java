package dev.ddbec.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local Spark session ({@code local[2]}) for every test class of the module: created by the
 * first class that asks for it, stopped when the test run ends.
 */
final class SharedSpark implements ParameterResolver {
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ddbec-spark tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();

    @Override
    public void close() {
      spark.stop();
    }
  }

  static SparkSession session(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Holder.class.getName(), k -> new Holder(), Holder.class)
        .spark;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return session(context);
  }
}
