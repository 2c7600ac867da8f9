package dev.ddbec.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result file ({@code -rf json}), reduced to what the report needs.
 *
 * @param benchmarkClass simple name of the benchmark class, e.g. {@code ItemEncryptionBenchmark}
 * @param method benchmark method, e.g. {@code ddbecEncrypt}
 * @param params JMH parameters, e.g. {@code shape=TYPICAL}
 * @param threads thread count ({@code -t})
 * @param score primary metric (ops/s in throughput mode)
 * @param error half-width of its 99.9% confidence interval; NaN when JMH could not compute one
 * @param unit primary metric unit
 * @param allocPerOp {@code gc.alloc.rate.norm} in bytes per operation; NaN without {@code -prof gc}
 * @param run how the run was made (same for every result of one invocation)
 */
public record JmhResult(
    String benchmarkClass,
    String method,
    Map<String, String> params,
    int threads,
    double score,
    double error,
    String unit,
    double allocPerOp,
    RunSettings run) {

  /**
   * How one JMH invocation ran.
   *
   * @param jmhVersion JMH version
   * @param jdk JDK version and VM name
   * @param jvmArgs the forked JVMs' arguments
   * @param forks forks per benchmark
   * @param warmup warmup iterations × time
   * @param measurement measurement iterations × time
   */
  public record RunSettings(
      String jmhVersion,
      String jdk,
      String jvmArgs,
      int forks,
      String warmup,
      String measurement) {}

  /**
   * A parameter's value.
   *
   * @param name parameter name
   * @return the value, or null if the benchmark has no such parameter
   */
  public String param(String name) {
    return params.get(name);
  }

  /**
   * Reads a JMH JSON result file.
   *
   * @param file the file
   * @return its results in file order
   * @throws IOException if it cannot be read or is not JMH JSON
   */
  public static List<JmhResult> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a JMH JSON result file (expected an array)");
    }
    List<JmhResult> out = new ArrayList<>();
    for (JsonNode n : root) {
      out.add(parse(n, file));
    }
    return out;
  }

  private static JmhResult parse(JsonNode n, Path file) throws IOException {
    String benchmark = n.path("benchmark").asText(null);
    JsonNode primary = n.path("primaryMetric");
    if (benchmark == null || !primary.has("score")) {
      throw new IOException(file + ": an entry without benchmark or primaryMetric.score");
    }
    int dot = benchmark.lastIndexOf('.');
    String qualifiedClass = benchmark.substring(0, Math.max(dot, 0));
    String simpleClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.path("params").properties()) {
      params.put(e.getKey(), e.getValue().asText());
    }
    double alloc = Double.NaN;
    for (Map.Entry<String, JsonNode> e : n.path("secondaryMetrics").properties()) {
      // "gc.alloc.rate.norm" in JMH 1.37; older versions prefix secondary metrics with "·".
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        alloc = number(e.getValue().path("score"));
      }
    }
    List<String> jvmArgs = new ArrayList<>();
    n.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
    RunSettings run =
        new RunSettings(
            n.path("jmhVersion").asText("?"),
            n.path("jdkVersion").asText("?") + " " + n.path("vmName").asText(""),
            String.join(" ", jvmArgs),
            n.path("forks").asInt(),
            n.path("warmupIterations").asInt() + " × " + n.path("warmupTime").asText("?"),
            n.path("measurementIterations").asInt()
                + " × "
                + n.path("measurementTime").asText("?"));
    return new JmhResult(
        simpleClass,
        benchmark.substring(dot + 1),
        Map.copyOf(params),
        n.path("threads").asInt(1),
        number(primary.path("score")),
        number(primary.path("scoreError")),
        primary.path("scoreUnit").asText(""),
        alloc,
        run);
  }

  /** JMH writes "NaN" as a string when it has no value. */
  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    try {
      return Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
